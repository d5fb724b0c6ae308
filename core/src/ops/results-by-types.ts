import type { Node, Value } from '../ir/graph.js';
import type { ValueType } from '../ir/value-type.js';
import type { OpDefinition } from './define-op.js';

/** What a rule saw of one value: its type object, or ABSENT for an optional slot left empty. */
type Key = ValueType | undefined | typeof ABSENT;

const ABSENT = Symbol('absent');
const NONE: readonly (Value | undefined)[] = [];

interface Entry<R> {
  readonly opset: number;
  readonly keys: readonly Key[];
  readonly result: R;
}

/**
 * The last result of each op definition's rule, with the opset and the value types it was given, for
 * the next node of that op whose values have the very same type objects: a rule that declares
 * `shapeFromTypes` (or `costFromTypes`) gives such a node the same result. Types are immutable, and
 * pass-through rules hand them on, so a run of elementwise nodes shares them. Callers ask only for
 * nodes without attributes, bodies or known input contents ({@link reusableByTypes}). A present value
 * of unknown type and an absent one are told apart: rules see them differently.
 *
 * @example
 * ```ts
 * const reuse = new ResultsByTypes<NodeCost>();
 * const known = reusable ? reuse.get(definition, opset, node.inputs, node.outputs) : undefined;
 * ```
 */
export class ResultsByTypes<R> {
  readonly #last = new Map<OpDefinition, Entry<R>>();

  get(definition: OpDefinition, opset: number, inputs: readonly (Value | undefined)[], outputs = NONE): R | undefined {
    const entry = this.#last.get(definition);
    if (!entry || entry.opset !== opset || entry.keys.length !== inputs.length + outputs.length) return undefined;
    const keys = entry.keys;
    for (let i = 0; i < inputs.length; i++) if (keys[i] !== keyOf(inputs[i])) return undefined;
    for (let i = 0; i < outputs.length; i++) if (keys[inputs.length + i] !== keyOf(outputs[i])) return undefined;
    return entry.result;
  }

  set(definition: OpDefinition, opset: number, inputs: readonly (Value | undefined)[], outputs: readonly (Value | undefined)[], result: R): void {
    const keys = new Array<Key>(inputs.length + outputs.length);
    for (let i = 0; i < inputs.length; i++) keys[i] = keyOf(inputs[i]);
    for (let i = 0; i < outputs.length; i++) keys[inputs.length + i] = keyOf(outputs[i]);
    this.#last.set(definition, { opset, keys, result });
  }
}

/** Whether a node may share a result by types: no attributes, no bodies, no input of known contents. */
export function reusableByTypes(node: Node): boolean {
  if (node.attributes.size > 0 || node.subgraphs.size > 0) return false;
  const inputs = node.inputs;
  for (let i = 0; i < inputs.length; i++) if (inputs[i]?.value !== undefined) return false;
  return true;
}

function keyOf(v: Value | undefined): Key {
  return v === undefined ? ABSENT : v.type;
}
