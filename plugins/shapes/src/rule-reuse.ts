import type { InferredType, OpDefinition, Value, ValueType } from '@autodoc/core';

type Results = readonly (InferredType | undefined)[];

/** What a rule saw of one input: its type object, or ABSENT for an optional input left empty. */
type InputKey = ValueType | undefined | typeof ABSENT;

const ABSENT = Symbol('absent input');

interface Entry {
  readonly opset: number;
  readonly inputs: readonly InputKey[];
  readonly results: Results;
}

/**
 * The last result of each shape rule that declares `shapeFromTypes`, with the opset and input types
 * it was given, for the next node of that op whose inputs have the very same type objects (types are
 * immutable, and pass-through rules hand them on, so a run of elementwise nodes shares them). The
 * engine asks only for nodes without attributes, bodies or known input contents. A present input
 * of unknown type and an absent one are told apart: rules see them differently.
 */
export class RuleReuse {
  readonly #last = new Map<OpDefinition, Entry>();

  get(definition: OpDefinition, opset: number, inputs: readonly (Value | undefined)[]): Results | undefined {
    const entry = this.#last.get(definition);
    if (!entry || entry.opset !== opset || entry.inputs.length !== inputs.length) return undefined;
    for (let i = 0; i < inputs.length; i++) if (entry.inputs[i] !== keyOf(inputs[i])) return undefined;
    return entry.results;
  }

  set(definition: OpDefinition, opset: number, inputs: readonly (Value | undefined)[], results: Results): void {
    const keys = new Array<InputKey>(inputs.length);
    for (let i = 0; i < inputs.length; i++) keys[i] = keyOf(inputs[i]);
    this.#last.set(definition, { opset, inputs: keys, results });
  }
}

function keyOf(v: Value | undefined): InputKey {
  return v === undefined ? ABSENT : v.type;
}
