/**
 * Unary math ops of ai.onnx: one primitive each (1 FLOP per output element), dtype of the input except
 * the predicates IsInf/IsNaN (BOOL). Standard example: [2,3] → [2,3], 6 elements.
 */
import type { OpDefinition } from '@autodoc/core';
import { defineElementwise, type ElementwiseSpec } from './elementwise-factory.js';

/** [opType, since, what the one primitive is]. */
const table: readonly [string, number, string][] = [
  ['Abs', 1, 'absolute value'],
  ['Acos', 7, 'arccosine'],
  ['Acosh', 9, 'inverse hyperbolic cosine'],
  ['Asin', 7, 'arcsine'],
  ['Asinh', 9, 'inverse hyperbolic sine'],
  ['Atan', 7, 'arctangent'],
  ['Atanh', 9, 'inverse hyperbolic tangent'],
  ['Ceil', 1, 'ceiling'],
  ['Cos', 7, 'cosine'],
  ['Cosh', 9, 'hyperbolic cosine'],
  ['Erf', 9, 'error function'],
  ['Exp', 1, 'exponential'],
  ['Floor', 1, 'floor'],
  ['Log', 1, 'natural logarithm'],
  ['Neg', 1, 'negation'],
  ['Reciprocal', 1, 'reciprocal (one division)'],
  ['Round', 11, 'round half to even'],
  ['Sign', 9, 'sign'],
  ['Sin', 7, 'sine'],
  ['Sinh', 9, 'hyperbolic sine'],
  ['Sqrt', 1, 'square root'],
  ['Tan', 7, 'tangent'],
  ['Tanh', 1, 'hyperbolic tangent'],
];

const rows: ElementwiseSpec[] = [
  ...table.map(([opType, since, count]): ElementwiseSpec => ({ opType, since, arity: 'unary', flops: 1, count, exampleFlops: 6 })),
  { opType: 'IsInf', since: 10, arity: 'unary', flops: 1, bool: true, count: 'one classification test (detect_positive/negative select which infinities)', exampleFlops: 6 },
  { opType: 'IsNaN', since: 9, arity: 'unary', flops: 1, bool: true, count: 'one classification test', exampleFlops: 6 },
];

/** Unary math ops. */
export const elementwiseUnaryOps: OpDefinition[] = rows.map(defineElementwise);
