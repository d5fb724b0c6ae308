import type { Node, Value } from '../ir/graph.js';
import type { ValueType } from '../ir/value-type.js';
import type { OpDefinition } from './define-op.js';

/** What a rule saw of one value: its type object, or ABSENT for an optional slot left empty. */
type Key = ValueType | undefined | typeof ABSENT;

const ABSENT = Symbol('absent');

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
 * const known = reusable ? reuse.get(definition, opset, node, true) : undefined;
 * ```
 */
export class ResultsByTypes<R> {
  readonly #last = new Map<OpDefinition, Entry<R>>();

  /**
   * The kept result for `node`'s input types, and its output types when `withOutputs`. The node's
   * values are read slot by slot: no list is made on this path, taken once per node of a run.
   */
  get(definition: OpDefinition, opset: number, node: Node, withOutputs = false): R | undefined {
    const entry = this.#last.get(definition);
    const inputCount = node.inputCount;
    const outputCount = withOutputs ? node.outputCount : 0;
    if (!entry || entry.opset !== opset || entry.keys.length !== inputCount + outputCount) return undefined;
    const keys = entry.keys;
    for (let i = 0; i < inputCount; i++) if (keys[i] !== keyOf(node.input(i))) return undefined;
    for (let i = 0; i < outputCount; i++) if (keys[inputCount + i] !== keyOf(node.output(i))) return undefined;
    return entry.result;
  }

  /** Keeps `result` as the op's last, for `node`'s value types (as `get` reads them). */
  set(definition: OpDefinition, opset: number, node: Node, withOutputs: boolean, result: R): void {
    const inputCount = node.inputCount;
    const outputCount = withOutputs ? node.outputCount : 0;
    const keys = new Array<Key>(inputCount + outputCount);
    for (let i = 0; i < inputCount; i++) keys[i] = keyOf(node.input(i));
    for (let i = 0; i < outputCount; i++) keys[inputCount + i] = keyOf(node.output(i));
    this.#last.set(definition, { opset, keys, result });
  }
}

/** Whether a node may share a result by types: no attributes, no bodies, no input of known contents. */
export function reusableByTypes(node: Node): boolean {
  if (node.attributes.size > 0 || node.subgraphs.size > 0) return false;
  for (let i = 0, count = node.inputCount; i < count; i++) if (node.input(i)?.value !== undefined) return false;
  return true;
}

function keyOf(v: Value | undefined): Key {
  return v === undefined ? ABSENT : v.type;
}
