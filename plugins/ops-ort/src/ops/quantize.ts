import { defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';

// com.microsoft QuantizeLinear / DequantizeLinear (the contrib versions, which also take 16-bit and
// 4-bit types). Output shape = input shape.

/** com.microsoft QuantizeLinear: y = saturate(round(x / scale) + zero_point). */
export const quantizeLinear = defineOp({
  domain: 'com.microsoft',
  opType: 'QuantizeLinear',
  since: 1,
  shape: (n) => [tensorOut(n.input(2)?.dtype ?? 'UINT8', dimsOf(n, 0))],
  cost: (n) => ({ flops: dims.mul(2, dims.numel(need(n, dimsOf(n, 0), 'the input shape'))) }),
  examples: [{ inputs: [['batch', 16], [], { dtype: 'INT8', shape: [] }], expect: { shapes: [['batch', 16]], flops: '32*batch' } }],
  notes: '2 FLOPs per element (divide by scale, add zero point); rounding and saturation are not counted. Output type = zero point type, else uint8.',
});

/** com.microsoft DequantizeLinear: y = (x − zero_point) · scale. */
export const dequantizeLinear = defineOp({
  domain: 'com.microsoft',
  opType: 'DequantizeLinear',
  since: 1,
  shape: (n) => [tensorOut(n.input(1)?.dtype, dimsOf(n, 0))],
  cost: (n) => ({ flops: dims.mul(2, dims.numel(need(n, dimsOf(n, 0), 'the input shape'))) }),
  examples: [{ inputs: [{ dtype: 'INT8', shape: [4, 8] }, [8], { dtype: 'INT8', shape: [8] }], attrs: { axis: 1 }, expect: { shapes: [[4, 8]], flops: 64 } }],
  notes: '2 FLOPs per element (subtract zero point, multiply by scale). Output type = scale type.',
});
