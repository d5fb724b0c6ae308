import { type InferredType, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';
import { matmulMacs, matmulShape } from '../util/matmul-shape.js';

// Integer and dynamically quantised matmuls with numpy.matmul shapes: MatMulInteger16,
// MatMulIntegerToFloat and DynamicQuantizeMatMul.

function shapeOf(n: OpNode) {
  return matmulShape(n, dimsOf(n, 0), dimsOf(n, 1));
}

function macsOf(n: OpNode) {
  const s = need(n, shapeOf(n), 'the shapes of A and B');
  return { macs: matmulMacs(s.shape, s.k), outputs: dims.numel(s.shape) };
}

function shaped(n: OpNode, dtype: string | undefined): (InferredType | undefined)[] {
  return [tensorOut(dtype, shapeOf(n)?.shape)];
}

/** com.microsoft MatMulInteger16: int16 × int16 → int32 (uint32 when both are uint16). */
export const matMulInteger16 = defineOp({
  domain: 'com.microsoft',
  opType: 'MatMulInteger16',
  since: 1,
  shape: (n) => shaped(n, n.input(0)?.dtype === 'UINT16' && n.input(1)?.dtype === 'UINT16' ? 'UINT32' : 'INT32'),
  cost: (n) => {
    const { macs } = macsOf(n);
    return { macs, flops: dims.mul(2, macs) };
  },
  examples: [{ inputs: [{ dtype: 'INT16', shape: [4, 8] }, { dtype: 'INT16', shape: [8, 3] }], expect: { shapes: [[4, 3]], macs: 96, flops: 192 } }],
  notes: 'MACs = elements(Y) × K; FLOPs = 2 × MACs (integer arithmetic counts as FLOPs, docs/definitions.md).',
});

/** com.microsoft MatMulIntegerToFloat: 8-bit matmul rescaled to float, optional bias. */
export const matMulIntegerToFloat = defineOp({
  domain: 'com.microsoft',
  opType: 'MatMulIntegerToFloat',
  since: 1,
  shape: (n) => shaped(n, n.input(2)?.dtype),
  cost: (n) => {
    const { macs, outputs } = macsOf(n);
    const extra = n.input(6) ? 2 : 1; // × (a_scale · b_scale), + bias
    return { macs, flops: dims.add(dims.mul(2, macs), dims.mul(extra, outputs)) };
  },
  // Y = [2, 5, 32] = 320 outputs; MACs 320·16 = 5120; FLOPs 10240 + scale 320 + bias 320 = 10880.
  examples: [{ inputs: [{ dtype: 'UINT8', shape: [2, 5, 16] }, { dtype: 'INT8', shape: [16, 32] }, [], [32], null, null, [32]], expect: { shapes: [[2, 5, 32]], macs: 5120, flops: 10880 } }],
  notes: 'MACs = elements(Y) × K; FLOPs = 2 × MACs + 1 per output element for the float rescale, + 1 with bias. Zero-point corrections are not counted.',
});

/** com.microsoft DynamicQuantizeMatMul: A is quantised to 8 bits at run time, then an integer matmul. */
export const dynamicQuantizeMatMul = defineOp({
  domain: 'com.microsoft',
  opType: 'DynamicQuantizeMatMul',
  since: 1,
  shape: (n) => shaped(n, n.input(0)?.dtype),
  cost: (n) => {
    const { macs, outputs } = macsOf(n);
    const quantiseA = dims.mul(3, dims.numel(need(n, dimsOf(n, 0), 'the shape of A'))); // min/max 2, scale 1
    const extra = n.input(4) ? 2 : 1;
    return { macs, flops: dims.sum([dims.mul(2, macs), quantiseA, dims.mul(extra, outputs)]) };
  },
  // MACs 3·10·20 = 600; FLOPs 1200 + quantise A 3·30 (90) + rescale 60 = 1350.
  examples: [{ inputs: [[3, 10], { dtype: 'INT8', shape: [10, 20] }, [20]], expect: { shapes: [[3, 20]], macs: 600, flops: 1350 } }],
  notes: 'MACs = elements(Y) × K; FLOPs = 2 × MACs + 3 per element of A for dynamic quantisation (min and max scan 2, scale 1) + 1 per output element for the rescale, + 1 with bias.',
});
