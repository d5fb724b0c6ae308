/**
 * Binary and variadic elementwise ops of ai.onnx: arithmetic, comparisons and Max/Min/Sum/Mean.
 * One row each; the shape, dtype, value and cost rules come from {@link defineElementwise}.
 * Standard example: [2,1,4] ⊕ [3,1] broadcasts to [2,3,4] = 24 elements; the variadic example adds
 * a third input [4] (same output), so 2 combining steps per element = 48 (Mean: +1 divide = 72).
 */
import type { OpDefinition } from '@autodoc/core';
import { defineElementwise, type ElementwiseSpec } from './elementwise-factory.js';

const rows: readonly ElementwiseSpec[] = [
  { opType: 'Add', since: 1, arity: 'binary', flops: 1, count: 'one addition', exampleFlops: 24 },
  { opType: 'Sub', since: 1, arity: 'binary', flops: 1, count: 'one subtraction', exampleFlops: 24 },
  { opType: 'Mul', since: 1, arity: 'binary', flops: 1, count: 'one multiplication', exampleFlops: 24 },
  { opType: 'Div', since: 1, arity: 'binary', flops: 1, count: 'one division; integer Div truncates toward zero', exampleFlops: 24 },
  { opType: 'Pow', since: 1, arity: 'binary', flops: 1, count: 'one power, counted as a single primitive', exampleFlops: 24 },
  { opType: 'Mod', since: 10, arity: 'binary', flops: 1, count: 'one remainder; fmod picks the sign convention', exampleFlops: 24 },
  { opType: 'Equal', since: 1, arity: 'binary', flops: 1, bool: true, count: 'one comparison', exampleFlops: 24 },
  { opType: 'Greater', since: 1, arity: 'binary', flops: 1, bool: true, count: 'one comparison', exampleFlops: 24 },
  { opType: 'Less', since: 1, arity: 'binary', flops: 1, bool: true, count: 'one comparison', exampleFlops: 24 },
  { opType: 'GreaterOrEqual', since: 12, arity: 'binary', flops: 1, bool: true, count: 'one comparison', exampleFlops: 24 },
  { opType: 'LessOrEqual', since: 12, arity: 'binary', flops: 1, bool: true, count: 'one comparison', exampleFlops: 24 },
  { opType: 'Max', since: 1, arity: 'variadic', flops: 1, count: 'one comparison per extra input', exampleFlops: 48 },
  { opType: 'Min', since: 1, arity: 'variadic', flops: 1, count: 'one comparison per extra input', exampleFlops: 48 },
  { opType: 'Sum', since: 1, arity: 'variadic', flops: 1, count: 'one addition per extra input', exampleFlops: 48 },
  { opType: 'Mean', since: 1, arity: 'variadic', flops: 1, count: 'one addition per extra input, plus 1 division per output element', exampleFlops: 72 },
];

/** Binary/variadic arithmetic and comparison ops. */
export const elementwiseBinaryOps: OpDefinition[] = rows.map(defineElementwise);
