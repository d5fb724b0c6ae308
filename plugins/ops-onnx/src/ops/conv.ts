/**
 * Convolutions: Conv, ConvInteger, QLinearConv, DeformConv. One shape rule (ONNX convPoolShapeInference
 * with the kernel taken from W when `kernel_shape` is absent) and one MAC count:
 * MACs = elements(Y) × elements(W) / W.shape[0] = elements(Y) × (C_in / group) × kernel elements.
 */
import { defineOp, dims, type Dim, type InferredType, type OpCost, type OpNode } from '@autodoc/core';
import { inDims, invalidNode, outDims, outNumel, tensorOut } from './nn-common.js';
import { readWindowAttrs, windowOutputs } from './window-geometry.js';

/** Output type of a convolution with data input `x` and weight input `w`, output dtype `dtype`. */
export function convOutput(n: OpNode, x: number, w: number, dtype: string | undefined): InferredType {
  const xDims = n.input(x)?.dims;
  const wDims = n.input(w)?.dims;
  if (!xDims) return tensorOut(dtype, undefined);
  if (xDims.length < 3) throw invalidNode(n, `input X must have rank ≥ 3 (N × C × D1 …), got rank ${xDims.length}.`);
  const rank = xDims.length - 2;
  if (wDims && wDims.length !== xDims.length) throw invalidNode(n, `weight rank ${wDims.length} differs from input rank ${xDims.length}.`);
  const group = n.attrInt('group', 1);
  if (group < 1) throw invalidNode(n, `group must be ≥ 1, got ${group}.`);
  const attrs = readWindowAttrs(n, rank, wDims?.slice(2));
  if (!attrs || !wDims) return tensorOut(dtype, undefined);
  return tensorOut(dtype, [xDims[0], wDims[0], ...windowOutputs(xDims.slice(2), attrs)]);
}

/** MACs of a convolution whose weight is input `w`: elements(Y) × elements(W) / W.shape[0]. */
export function convMacs(n: OpNode, w: number): Dim {
  return dims.mul(outNumel(n), dims.product(inDims(n, w).slice(1)));
}

function convCost(n: OpNode): OpCost {
  const macs = convMacs(n, 1);
  const bias = n.input(2) ? outNumel(n) : 0;
  return { macs, flops: dims.add(dims.mul(2, macs), bias) };
}

/** Conv (since 1; attributes unchanged in meaning through 11 and 22). */
export const conv = defineOp({
  opType: 'Conv',
  since: 1,
  shape: (n) => [convOutput(n, 0, 1, n.input(0)?.dtype)],
  cost: convCost,
  examples: [
    // 4 filters × 8·8 positions × 3 channels × 3·3 taps = 4·64·27 = 6912 MACs.
    { title: '3×3, pads 1', inputs: [[1, 3, 8, 8], [4, 3, 3, 3]], attrs: { pads: [1, 1, 1, 1] }, expect: { shapes: [[1, 4, 8, 8]], macs: 6912, flops: 13824 } },
    // Output 16·⌊(224 + 6 − 7)/2⌋+1 = 112; MACs = 1·64·112·112 × 3·7·7 = 118013952; bias adds 802816.
    { title: 'ResNet stem with bias', inputs: [['batch', 3, 224, 224], [64, 3, 7, 7], [64]], attrs: { strides: [2, 2], pads: [3, 3, 3, 3] }, expect: { shapes: [['batch', 64, 112, 112]], macs: '118013952*batch', flops: '236830720*batch' } },
  ],
  notes: 'MACs = elements(Y) × elements(W) / W.shape[0] (= C_in/group × kernel elements per output element). FLOPs = 2 × MACs, + 1 per output element when a bias B is given.',
});

/** ConvInteger (since 10): integer Conv with optional zero points; output INT32. */
export const convInteger = defineOp({
  opType: 'ConvInteger',
  since: 10,
  shape: (n) => [convOutput(n, 0, 1, 'INT32')],
  cost: (n) => {
    const macs = convMacs(n, 1);
    // Zero-point subtraction: once per input element of X and of W when the zero point is given.
    const zx = n.input(2) ? dims.numel(inDims(n, 0)) : 0;
    const zw = n.input(3) ? dims.numel(inDims(n, 1)) : 0;
    return { macs, flops: dims.add(dims.mul(2, macs), dims.add(zx, zw)) };
  },
  examples: [
    // 1·1·2·2 outputs × 1·2·2 taps = 16 MACs; x_zero_point subtracts over 9 elements of X.
    { inputs: [{ dtype: 'UINT8', shape: [1, 1, 3, 3] }, { dtype: 'UINT8', shape: [1, 1, 2, 2] }, { dtype: 'UINT8', shape: [] }], expect: { shapes: [[1, 1, 2, 2]], macs: 16, flops: 41 } },
  ],
  notes: 'MACs as Conv. FLOPs = 2 × MACs + 1 per element of X when x_zero_point is given + 1 per element of W when w_zero_point is given (zero-point subtraction).',
});

/** QLinearConv (since 10): inputs x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B. */
export const qlinearConv = defineOp({
  opType: 'QLinearConv',
  since: 10,
  shape: (n) => [convOutput(n, 0, 3, n.input(7)?.dtype ?? n.input(0)?.dtype)],
  cost: (n) => {
    const macs = convMacs(n, 3);
    const y = outNumel(n);
    // Requantisation: multiply by the combined scale and add y_zero_point, 2 per output element.
    const bias = n.input(8) ? y : 0;
    return { macs, flops: dims.add(dims.add(dims.mul(2, macs), dims.mul(2, y)), bias) };
  },
  examples: [
    // 1·1·7·7 outputs (1×1 kernel) × 1 tap = 49 MACs; FLOPs 98 + 2·49 requantisation = 196.
    { inputs: [{ dtype: 'UINT8', shape: [1, 1, 7, 7] }, [], { dtype: 'UINT8', shape: [] }, { dtype: 'UINT8', shape: [1, 1, 1, 1] }, [1], { dtype: 'UINT8', shape: [1] }, [], { dtype: 'UINT8', shape: [] }], expect: { shapes: [[1, 1, 7, 7]], macs: 49, flops: 196 } },
  ],
  notes: 'MACs as Conv (W is input 3). FLOPs = 2 × MACs + 2 per output element (requantisation: scale multiply, zero-point add) + 1 per output element when the bias (input 8) is given. Input zero-point subtraction is folded into the integer products and not counted separately.',
});

/** DeformConv (since 19): Conv whose sampling positions are shifted by `offset` (bilinear sampling). */
export const deformConv = defineOp({
  opType: 'DeformConv',
  since: 19,
  shape: (n) => [convOutput(n, 0, 1, n.input(0)?.dtype)],
  cost: (n) => {
    const macs = convMacs(n, 1);
    const x = inDims(n, 0);
    const w = inDims(n, 1);
    const y = outNumel(n);
    // Sampled values: every input channel at every output position and kernel tap, once per batch item.
    const positions = dims.product(outDims(n).slice(2));
    const sampled = dims.product([x[0], x[1], positions, ...w.slice(2)]);
    const perSample = n.input(4) ? 10 : 9; // bilinear 9 (+1 mask multiply)
    const bias = n.input(3) ? y : 0;
    return { macs, flops: dims.add(dims.add(dims.mul(2, macs), dims.mul(perSample, sampled)), bias) };
  },
  examples: [
    // Y [1,1,2,2]; MACs = 4 × 1·2·2 = 16; sampled = 1·1·4 positions·4 taps = 16 × 9 = 144; FLOPs 32 + 144 = 176.
    { inputs: [[1, 1, 3, 3], [1, 1, 2, 2], [1, 8, 2, 2]], expect: { shapes: [[1, 1, 2, 2]], macs: 16, flops: 176 } },
  ],
  notes: 'MACs as Conv. FLOPs = 2 × MACs + bilinear sampling of the deformed input: N × C_in × output positions × kernel elements samples at 9 FLOPs each (3 linear interpolations of 3 FLOPs), 10 with a mask, + 1 per output element for the bias.',
});

export const convOps = [conv, convInteger, qlinearConv, deformConv];
