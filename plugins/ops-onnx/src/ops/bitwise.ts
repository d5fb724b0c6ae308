/**
 * Bitwise ops: BitShift (11), BitwiseAnd/Or/Xor (18, broadcasting), BitwiseNot (18): 1 FLOP (one
 * integer bit operation) per output element; BitCast (26): a reinterpretation, free.
 */
import { defineOp, type OpDefinition } from '@autodoc/core';
import { defineElementwise, type ElementwiseSpec } from './elementwise-factory.js';
import { dtypeAttr, tensorOut } from './general-common.js';

const rows: readonly ElementwiseSpec[] = [
  { opType: 'BitShift', since: 11, arity: 'binary', flops: 1, count: 'one shift (direction LEFT/RIGHT)', exampleFlops: 24 },
  { opType: 'BitwiseAnd', since: 18, arity: 'binary', flops: 1, count: 'one bitwise and', exampleFlops: 24 },
  { opType: 'BitwiseOr', since: 18, arity: 'binary', flops: 1, count: 'one bitwise or', exampleFlops: 24 },
  { opType: 'BitwiseXor', since: 18, arity: 'binary', flops: 1, count: 'one bitwise xor', exampleFlops: 24 },
  { opType: 'BitwiseNot', since: 18, arity: 'unary', flops: 1, count: 'one bitwise not', exampleFlops: 6 },
];

export const bitCast = defineOp({
  opType: 'BitCast',
  since: 26,
  shape: (n) => [tensorOut(dtypeAttr(n, 'to'), n.input(0)?.dims)],
  cost: 'free',
  examples: [{ inputs: [[2, 3]], attrs: { to: 6 }, expect: { shapes: [[2, 3]], flops: 0 } }],
  notes: 'Same shape, dtype `to` (same bit width, required by the spec). Free: the bits are reinterpreted, not computed.',
});

/** Bitwise ops and BitCast. */
export const bitwiseOps: OpDefinition[] = [...rows.map(defineElementwise), bitCast];
