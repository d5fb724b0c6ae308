import { type Dim, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';
import { spatialOutput, windowAttrs } from '../util/conv-shape.js';

// 8-bit pooling: QLinearGlobalAveragePool and QLinearAveragePool, NCHW or channels_last.
// Per output element: dequantise 2 + requantise 2 (see qlinear-elementwise.ts).

const REQUANT_AND_DEQUANT = 4;

/** Spatial axes collapse to 1; batch and channels (axis 1, or last with channels_last) stay. */
function globalShape(n: OpNode): Dim[] | undefined {
  const x = dimsOf(n, 0);
  const last = n.attrInt('channels_last', 0) === 1;
  return x && x.length >= 3 ? x.map((d, i) => (i === 0 || (last ? i === x.length - 1 : i === 1) ? d : 1)) : undefined;
}

/** com.microsoft QLinearGlobalAveragePool. */
export const qLinearGlobalAveragePool = defineOp({
  domain: 'com.microsoft',
  opType: 'QLinearGlobalAveragePool',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, globalShape(n))],
  cost: (n) => {
    const x = need(n, dimsOf(n, 0), 'the input shape');
    const outputs = dims.numel(need(n, globalShape(n), 'the input shape'));
    return { flops: dims.add(dims.numel(x), dims.mul(1 + REQUANT_AND_DEQUANT, outputs)) };
  },
  examples: [
    // 1·64·7·7 = 3136 additions; 64 outputs × (divide 1 + 4) = 320 → 3456.
    { inputs: [{ dtype: 'UINT8', shape: [1, 64, 7, 7] }, [], { dtype: 'UINT8', shape: [] }, [], { dtype: 'UINT8', shape: [] }], expect: { shapes: [[1, 64, 1, 1]], flops: 3456 } },
    { inputs: [{ dtype: 'UINT8', shape: [1, 7, 7, 64] }, [], { dtype: 'UINT8', shape: [] }, [], { dtype: 'UINT8', shape: [] }], attrs: { channels_last: 1 }, expect: { shapes: [[1, 1, 1, 64]], flops: 3456 } },
  ],
  notes: 'FLOPs = 1 per input element (sum) + 5 per output element (divide 1, dequantise 2, requantise 2). No MACs.',
});

function poolShape(n: OpNode) {
  const x = dimsOf(n, 0);
  const kernel = n.attrInts('kernel_shape');
  if (!x || !kernel || x.length !== kernel.length + 2) return undefined;
  const last = n.attrInt('channels_last', 0) === 1;
  const spatial = spatialOutput(last ? x.slice(1, -1) : x.slice(2), windowAttrs(n, kernel));
  if (!spatial) return undefined;
  return last ? [x[0], ...spatial, x[x.length - 1]] : [x[0], x[1], ...spatial];
}

/** com.microsoft QLinearAveragePool. */
export const qLinearAveragePool = defineOp({
  domain: 'com.microsoft',
  opType: 'QLinearAveragePool',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, poolShape(n))],
  cost: (n) => {
    const y = need(n, poolShape(n), 'the input shape');
    const window = dims.product(need(n, n.attrInts('kernel_shape'), 'kernel_shape'));
    return { flops: dims.mul(dims.numel(y), dims.add(window, 1 + REQUANT_AND_DEQUANT)) };
  },
  examples: [
    // Y = [1, 8, 4, 4] = 128 outputs × (2·2 + 1 + 4) = 1152.
    { inputs: [{ dtype: 'UINT8', shape: [1, 8, 8, 8] }, [], { dtype: 'UINT8', shape: [] }, [], { dtype: 'UINT8', shape: [] }], attrs: { kernel_shape: [2, 2], strides: [2, 2] }, expect: { shapes: [[1, 8, 4, 4]], flops: 1152 } },
  ],
  notes: 'FLOPs per output element = kernel elements (additions) + 1 divide + 4 (dequantise 2, requantise 2). No MACs. ceil_mode with a symbolic size leaves the shape unknown.',
});
