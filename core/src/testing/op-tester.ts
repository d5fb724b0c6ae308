import { type Dim, equal, format, parse } from '../dims/index.js';
import type { InferredType } from '../ir/value-type.js';
import type { OpDefinition, OpExample } from '../ops/define-op.js';
import type { OpCost } from '../ops/op-node.js';
import { createOpNode, tensorArg } from '../ops/op-node-impl.js';
import type { OnnxAttribute } from '../onnx/types.js';

/** One input of an OpTester call: a shape, a full entry with dtype/value, or null for "absent". */
export type TesterInput = readonly (number | string)[] | { dtype?: string; shape: readonly (number | string)[] | null; value?: readonly (number | string | bigint)[] } | null;

export interface TesterRun {
  readonly outputs: readonly (InferredType | undefined)[];
  readonly cost: OpCost | 'free' | undefined;
}

/**
 * Runs one op definition on one synthetic node, exactly as the engine would (same OpNode), so op
 * authors can test shape and cost rules without building a model. Symbol names in shapes become
 * symbolic dims.
 */
export class OpTester {
  constructor(private readonly definition: OpDefinition) {}

  run(inputs: readonly TesterInput[], attrs: Readonly<Record<string, unknown>> = {}, opset = this.definition.since, outputCount?: number): TesterRun {
    const args = inputs.map((input, i) => (input === null ? undefined : toArg(`input${i}`, input)));
    const attributes = new Map<string, OnnxAttribute>(Object.entries(attrs).map(([name, v]) => [name, toAttribute(name, v)]));
    const base = { name: `${this.definition.opType}_test`, opType: this.definition.opType, domain: this.definition.domain, opset, attributes, inputs: args };
    const shapeRule = this.definition.shape;
    const count = outputCount ?? 1;
    const outputs = shapeRule ? shapeRule(createOpNode({ ...base, outputs: Array.from({ length: count }, (_, i) => tensorArg(`output${i}`, undefined)) })) : [];
    const costRule = this.definition.cost;
    let cost: OpCost | 'free' | undefined;
    if (costRule === 'free') cost = 'free';
    else if (costRule) {
      const outArgs = outputs.map((t, i) => tensorArg(`output${i}`, t, t?.value));
      cost = costRule(createOpNode({ ...base, outputs: outArgs }));
    }
    return { outputs, cost };
  }

  /** Runs a documented example and returns the mismatches (empty when it holds). */
  check(example: OpExample): string[] {
    const { outputs, cost } = this.run(example.inputs as TesterInput[], example.attrs ?? {}, example.opset ?? this.definition.since, example.expect.shapes?.length);
    const problems: string[] = [];
    example.expect.shapes?.forEach((expected, i) => {
      const got = outputs[i];
      const gotShape = got && (got.kind === 'tensor' || got.kind === 'sparse_tensor') ? got.shape : undefined;
      if (expected === null) {
        if (gotShape !== undefined) problems.push(`output ${i}: expected unknown shape, got [${gotShape.map(format).join(', ')}]`);
        return;
      }
      if (!gotShape || gotShape.length !== expected.length || gotShape.some((d, k) => !equal(d, toDim(expected[k])))) {
        problems.push(`output ${i}: expected [${expected.join(', ')}], got ${gotShape ? `[${gotShape.map(format).join(', ')}]` : 'unknown'}`);
      }
    });
    const costOf = (key: 'macs' | 'flops'): Dim | undefined => (cost === 'free' ? 0 : cost?.[key]);
    for (const key of ['macs', 'flops'] as const) {
      const expected = example.expect[key];
      if (expected === undefined) continue;
      const got = costOf(key);
      if (got === undefined || !equal(got, toDim(expected))) problems.push(`${key}: expected ${expected}, got ${got === undefined ? 'none' : format(got)}`);
    }
    problems.push(...this.#checkFromTypes(example));
    return problems;
  }

  /**
   * A definition that declares `shapeFromTypes` (`costFromTypes`) must give the same types (count) to
   * another node of the op, with another name and other output names, given the same types: the
   * engine and the cost pass reuse one node's result so. Checked on examples without input contents,
   * the only nodes they reuse for.
   */
  #checkFromTypes(example: OpExample): string[] {
    const { shape, cost, shapeFromTypes, costFromTypes } = this.definition;
    const claims = { shapes: shapeFromTypes === true && shape !== undefined, cost: costFromTypes === true && typeof cost === 'function' };
    if (!claims.shapes && !claims.cost) return [];
    const inputs = example.inputs as TesterInput[];
    if (inputs.some((input) => input !== null && !Array.isArray(input) && (input as { value?: unknown }).value !== undefined)) return [];
    const attributes = new Map<string, OnnxAttribute>(Object.entries(example.attrs ?? {}).map(([name, v]) => [name, toAttribute(name, v)]));
    const args = inputs.map((input, i) => (input === null ? undefined : toArg(`input${i}`, input)));
    const count = example.expect.shapes?.length ?? 1;
    // Symbolic dims hold BigInt coefficients.
    const text = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
    const runs = ['first', 'second'].map((which) => {
      const node = (outputs: ReturnType<typeof tensorArg>[]) =>
        createOpNode({ name: `${this.definition.opType}_${which}`, opType: this.definition.opType, domain: this.definition.domain, opset: example.opset ?? this.definition.since, attributes, inputs: args, outputs });
      const types = shape ? shape(node(Array.from({ length: count }, (_, i) => tensorArg(`${which}_output${i}`, undefined)))) : [];
      const counted = claims.cost && typeof cost === 'function' ? cost(node(types.map((t, i) => tensorArg(`${which}_output${i}`, t, t?.value)))) : undefined;
      return { types: text(types), cost: text(counted) };
    });
    const problems: string[] = [];
    if (claims.shapes && runs[0].types !== runs[1].types) problems.push(`shapeFromTypes: another node with the same input types got ${runs[1].types}, not ${runs[0].types}`);
    if (claims.cost && runs[0].cost !== runs[1].cost) problems.push(`costFromTypes: another node with the same types got ${runs[1].cost}, not ${runs[0].cost}`);
    return problems;
  }
}

function toDim(d: number | string | bigint): Dim {
  if (typeof d === 'number') return d;
  if (typeof d === 'bigint') return Number(d);
  return parse(d);
}

function toArg(name: string, input: Exclude<TesterInput, null>) {
  if (Array.isArray(input)) return tensorArg(name, { kind: 'tensor', dtype: 'FLOAT', shape: (input as (number | string)[]).map(toDim) });
  const entry = input as Exclude<TesterInput, null | readonly (number | string)[]>;
  const value = entry.value?.map(toDim);
  return tensorArg(name, { kind: 'tensor', dtype: entry.dtype ?? (value ? 'INT64' : 'FLOAT'), shape: entry.shape?.map(toDim) }, value);
}

/** Attribute from a plain JS value: integers → INT(S), other numbers → FLOAT(S), strings → STRING(S). */
export function toAttribute(name: string, v: unknown): OnnxAttribute {
  if (typeof v === 'number') return Number.isInteger(v) ? { name, type: 'INT', i: v } : { name, type: 'FLOAT', f: v };
  if (typeof v === 'string') return { name, type: 'STRING', s: v };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return { name, type: 'STRINGS', strings: v };
    if (v.every((x) => Number.isInteger(x))) return { name, type: 'INTS', ints: v };
    return { name, type: 'FLOATS', floats: v };
  }
  if (v && typeof v === 'object' && 'float' in v) return { name, type: 'FLOAT', f: (v as { float: number }).float };
  if (v && typeof v === 'object' && 'floats' in v) return { name, type: 'FLOATS', floats: (v as { floats: number[] }).floats };
  throw new Error(`OpTester: attribute "${name}" has an unsupported value`);
}
