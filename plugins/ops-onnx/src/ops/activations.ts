/**
 * Activation functions of ai.onnx. Each counts the primitive operations of its definition per output
 * element; piecewise functions count their longest branch (the one a negative input takes), because
 * the count must not depend on the data. Standard example: [2,3] → 6 elements (PRelu: the binary
 * example [2,1,4] with slope [3,1] → [2,3,4] = 24 elements).
 */
import type { OpDefinition, OpNode } from '@autodoc/core';
import { defineElementwise, type ElementwiseSpec } from './elementwise-factory.js';

/** Clip ≥ 11 applies only the bounds given as inputs; before 11, min/max attributes default to the float range, so both apply. */
function clipBounds(n: OpNode): number {
  if (n.opset < 11) return 2;
  return (n.input(1) ? 1 : 0) + (n.input(2) ? 1 : 0);
}

const rows: readonly ElementwiseSpec[] = [
  { opType: 'Relu', since: 1, arity: 'unary', flops: 1, count: 'max(x, 0)', exampleFlops: 6 },
  { opType: 'Sigmoid', since: 1, arity: 'unary', flops: 1, count: 'the logistic function as one primitive (docs/definitions.md)', exampleFlops: 6 },
  { opType: 'LeakyRelu', since: 1, arity: 'unary', flops: 2, count: 'compare, multiply by alpha', exampleFlops: 12 },
  { opType: 'PRelu', since: 1, arity: 'binary', flops: 2, count: 'compare, multiply by the broadcast slope', exampleFlops: 48 },
  { opType: 'ThresholdedRelu', since: 10, arity: 'unary', flops: 1, count: 'compare with alpha', exampleFlops: 6 },
  { opType: 'Elu', since: 1, arity: 'unary', flops: 4, count: 'compare, exp, subtract 1, multiply by alpha', exampleFlops: 24 },
  { opType: 'Celu', since: 12, arity: 'unary', flops: 7, count: 'max(0,x) + min(0, alpha*(exp(x/alpha) - 1)): max, divide, exp, subtract, multiply, min, add', exampleFlops: 42 },
  { opType: 'Selu', since: 1, arity: 'unary', flops: 5, count: 'gamma*(alpha*exp(x) - alpha) for x <= 0: compare, exp, multiply, subtract, multiply', exampleFlops: 30 },
  { opType: 'HardSigmoid', since: 1, arity: 'unary', flops: 4, count: 'max(0, min(1, alpha*x + beta)): multiply, add, min, max', exampleFlops: 24 },
  { opType: 'HardSwish', since: 14, arity: 'unary', flops: 5, count: 'x * HardSigmoid(x) with alpha 1/6, beta 0.5: multiply, add, min, max, multiply', exampleFlops: 30 },
  { opType: 'Softplus', since: 1, arity: 'unary', flops: 3, count: 'log(exp(x) + 1): exp, add, log', exampleFlops: 18 },
  { opType: 'Softsign', since: 1, arity: 'unary', flops: 3, count: 'x / (1 + |x|): abs, add, divide', exampleFlops: 18 },
  { opType: 'Shrink', since: 9, arity: 'unary', flops: 3, count: 'two comparisons with ±lambd, one add/subtract of bias', exampleFlops: 18 },
  {
    opType: 'Clip', since: 1, arity: 'unary', flops: 2, count: 'one min/max per bound applied: bound inputs given (≥ 11), both attribute bounds (< 11)', exampleFlops: 12,
    costPerElement: clipBounds,
    examples: [
      { title: 'opset 11, only min given', opset: 11, inputs: [[2, 3], []], expect: { shapes: [[2, 3]], flops: 6 } },
      { title: 'opset 13, no bounds: a copy', opset: 13, inputs: [[2, 3]], expect: { shapes: [[2, 3]], flops: 0 } },
    ],
  },
];

/** Activation functions (Mish, Gelu, Swish, SwiGLU are in misc.ts). */
export const activationOps: OpDefinition[] = rows.map(defineElementwise);
