/**
 * One factory for every elementwise op (unary, binary, variadic), so each op is one line of data in
 * its family's table: shape = the input's (unary) or the multidirectional broadcast of all inputs,
 * dtype = BOOL for comparisons/logical ops and the input's otherwise, contents followed for small
 * integer and tiny float tensors, cost = k FLOPs per output element.
 */
import { defineOp, type Dim, dims, type InferredType, type OpDefinition, type OpExample, type OpNode, broadcastShapes, type TensorArg } from '@autodoc/core';
import { elementwiseValue } from '../util/elementwise-value.js';
import { outNumel, tensorOut } from './general-common.js';

export type Arity = 'unary' | 'binary' | 'variadic';

/** One table row. `exampleFlops` is the hand-worked count for the standard example of its arity. */
export interface ElementwiseSpec {
  readonly opType: string;
  readonly since: number;
  readonly arity: Arity;
  /** FLOPs per output element (for variadic ops: per output element per input beyond the first). */
  readonly flops: number;
  /** Output dtype: 'BOOL' for predicates, otherwise the first input's. */
  readonly bool?: boolean;
  /** What the count is, in words (goes into notes). */
  readonly count: string;
  /** FLOPs of the standard example (unary [2,3]; binary [2,1,4] ⊕ [3,1] → [2,3,4]; variadic 3 inputs). */
  readonly exampleFlops: number;
  readonly domain?: string;
  /** Replaces the standard example (ops that do not broadcast, e.g. SwiGLU). */
  readonly standardExample?: OpExample;
  /** Extra examples (e.g. attributes that change the count). */
  readonly examples?: readonly OpExample[];
  /** Replaces the per-element cost (e.g. Clip counts only the bounds given). */
  readonly costPerElement?: (n: OpNode) => number;
}

/** Ops of opset < 7 that carried the legacy `broadcast`/`axis` attributes (B broadcast onto A). */
const LEGACY_BROADCAST = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'And', 'Or', 'Xor', 'Equal', 'Greater', 'Less', 'PRelu']);

/** Output type of an elementwise node; exported for ops that reuse the rule (Where, PRelu, BitShift). */
export function elementwiseType(n: OpNode, bool: boolean): InferredType {
  // Plain loops: this runs once per node of every elementwise chain, and each throw-away array of a
  // million-node graph is measurable.
  const args: TensorArg[] = [];
  for (let i = 0; i < n.inputCount; i++) {
    const a = n.input(i);
    if (a !== undefined) args.push(a);
  }
  const dtype = bool ? 'BOOL' : n.input(0)?.dtype;
  let shape: readonly Dim[] | undefined;
  let alignedByAxis = false;
  if (n.opset < 7 && LEGACY_BROADCAST.has(n.opType) && args.length === 2) {
    // Before opset 7, B is broadcast onto A (broadcast=1) or has A's shape: the output is A's shape.
    shape = args[0].dims;
    alignedByAxis = n.attribute('axis') !== undefined;
  } else {
    const shapes: (readonly Dim[] | undefined)[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) shapes[i] = args[i].dims;
    shape = broadcastShapes(shapes);
  }
  // Contents only when every input's are known (the check is cheap next to the shape work); a legacy
  // `axis` aligns B with A from that axis, not from the right as value broadcasting does.
  const value = !alignedByAxis && args.length > 0 && args.every((a) => a.value !== undefined) ? elementwiseValue(n.opType, args, { fmod: n.attrInt('fmod', 0) }) : undefined;
  // Types are immutable: an output typed exactly like its first input shares that input's type object
  // (a long elementwise chain then holds one type, and per-type caches such as tensor bytes hit).
  const first = args[0];
  if (value === undefined && first && first.type?.kind === 'tensor' && first.dtype === dtype && first.dims === shape) return first.type;
  return tensorOut(dtype, shape, value);
}

const STANDARD_INPUTS: Record<Arity, OpExample['inputs']> = {
  unary: [[2, 3]],
  binary: [[2, 1, 4], [3, 1]],
  variadic: [[2, 1, 4], [3, 1], [4]],
};
const STANDARD_SHAPES: Record<Arity, readonly (readonly number[])[]> = {
  unary: [[2, 3]],
  binary: [[2, 3, 4]],
  variadic: [[2, 3, 4]],
};

/** Builds the definition of one elementwise op from its table row. */
export function defineElementwise(spec: ElementwiseSpec): OpDefinition {
  const perElement = spec.arity === 'variadic'
    ? `${spec.flops} FLOP per output element per input beyond the first (${spec.count})`
    : `${spec.flops} FLOP${spec.flops === 1 ? '' : 's'} per output element (${spec.count})`;
  const shapeNote = spec.arity === 'unary' ? 'Output has the input shape' : 'Multidirectional (numpy) broadcasting of all inputs';
  return defineOp({
    domain: spec.domain,
    opType: spec.opType,
    since: spec.since,
    shape: (n) => [elementwiseType(n, spec.bool ?? false)],
    // Without contents the output type follows from the input types (and legacy attributes) alone,
    // and the count from the output's element count and the inputs present.
    shapeFromTypes: true,
    costFromTypes: true,
    cost: (n) => {
      const k = spec.costPerElement ? spec.costPerElement(n)
        : spec.arity === 'variadic' ? spec.flops * Math.max(0, presentInputs(n) - 1) + (spec.opType === 'Mean' ? 1 : 0)
          : spec.flops;
      return { flops: dims.mul(k, outNumel(n)) };
    },
    examples: [
      spec.standardExample ?? { title: 'standard', opset: spec.arity === 'unary' ? spec.since : Math.max(spec.since, 8), inputs: STANDARD_INPUTS[spec.arity], expect: { shapes: STANDARD_SHAPES[spec.arity], flops: spec.exampleFlops } },
      ...(spec.examples ?? []),
    ],
    notes: `${shapeNote}; dtype ${spec.bool ? 'BOOL' : 'of the first input'}. Cost: ${perElement}.`,
  });
}

function presentInputs(n: OpNode): number {
  let c = 0;
  for (let i = 0; i < n.inputCount; i++) if (n.input(i)) c++;
  return c;
}
