import { type OpNode, defineOp, dims, broadcastShapes } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';

// 8-bit elementwise ops defined as quantize(f(dequantize(x))). FLOPs follow that definition per
// output element: dequantise 2 per operand ((x − zero_point) · scale), the float op, requantise 2
// (÷ scale, + zero_point; rounding and saturation not counted). ONNX Runtime runs the unary ones
// through a 256-entry lookup table, which this count deliberately ignores.

const DEQUANT = 2;
const REQUANT = 2;

function elements(n: OpNode) {
  return dims.numel(need(n, dimsOf(n, 0), 'the input shape'));
}

function binary(opType: 'QLinearAdd' | 'QLinearMul', symbol: string) {
  const perElement = 2 * DEQUANT + 1 + REQUANT;
  return defineOp({
    domain: 'com.microsoft',
    opType,
    since: 1,
    shape: (n) => [tensorOut(n.input(0)?.dtype, broadcastShapes([dimsOf(n, 0), dimsOf(n, 3)]))],
    cost: (n) => ({ flops: dims.mul(perElement, dims.numel(need(n, broadcastShapes([dimsOf(n, 0), dimsOf(n, 3)]), 'the input shapes'))) }),
    examples: [
      {
        // broadcast [2, 3, 4] with [4] → 24 outputs × 7 = 168.
        inputs: [{ dtype: 'UINT8', shape: [2, 3, 4] }, [], { dtype: 'UINT8', shape: [] }, { dtype: 'UINT8', shape: [4] }, [], { dtype: 'UINT8', shape: [] }, [], { dtype: 'UINT8', shape: [] }],
        expect: { shapes: [[2, 3, 4]], flops: 168 },
      },
    ],
    notes: `${perElement} FLOPs per output element: dequantise A and B (2 each), ${symbol} (1), requantise (2). Numpy broadcasting. No MACs.`,
  });
}

function unary(opType: string, opFlops: number, what: string, exampleAttrs: Record<string, unknown> = {}) {
  const perElement = DEQUANT + opFlops + REQUANT;
  return defineOp({
    domain: 'com.microsoft',
    opType,
    since: 1,
    shape: (n) => [tensorOut(n.input(0)?.dtype, dimsOf(n, 0))],
    cost: (n) => ({ flops: dims.mul(perElement, elements(n)) }),
    examples: [{ inputs: [{ dtype: 'INT8', shape: ['batch', 10] }, [], { dtype: 'INT8', shape: [] }, [], { dtype: 'INT8', shape: [] }], attrs: exampleAttrs, expect: { shapes: [['batch', 10]], flops: `${10 * perElement}*batch` } }],
    notes: `${perElement} FLOPs per element: dequantise (2), ${what} (${opFlops}), requantise (2); ONNX Runtime's lookup-table kernels do less. No MACs.`,
  });
}

/** com.microsoft QLinearAdd. */
export const qLinearAdd = binary('QLinearAdd', 'add');
/** com.microsoft QLinearMul. */
export const qLinearMul = binary('QLinearMul', 'multiply');
/** com.microsoft QLinearSigmoid. */
export const qLinearSigmoid = unary('QLinearSigmoid', 1, 'sigmoid');
/** com.microsoft QLinearLeakyRelu. */
export const qLinearLeakyRelu = unary('QLinearLeakyRelu', 1, 'leaky relu', { alpha: 0.1 });
/** com.microsoft QLinearSoftmax (softmax: max, subtract, exp, sum, divide = 5). */
export const qLinearSoftmax = unary('QLinearSoftmax', 5, 'softmax: max, subtract, exp, sum, divide', { axis: -1, opset: 13 });
