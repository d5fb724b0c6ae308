import { type Dim, type InferredType, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, expectSame, need, requiredInt, tensorOut } from '../util/args.js';

// MatMulNBits: Y = A · dequant(B)ᵀ with B an [N, K] weight quantised block-wise along K to `bits`
// bits and stored packed as uint8 [N, ceil(K / block_size), block_size · bits / 8].

const B = 1;
const BIAS = 5;

function nbitsShape(n: OpNode): (InferredType | undefined)[] {
  const k = requiredInt(n, 'K');
  const N = requiredInt(n, 'N');
  const blockSize = requiredInt(n, 'block_size');
  const bits = n.attrInt('bits', 4);
  const a = dimsOf(n, 0);
  if (a && a.length > 0) expectSame(n, a[a.length - 1], k, 'the last axis of A differs from attribute K');
  const b = dimsOf(n, B);
  if (b && b.length === 3) {
    expectSame(n, b[0], N, 'B.shape[0] differs from attribute N');
    expectSame(n, b[1], Math.ceil(k / blockSize), 'B.shape[1] differs from ceil(K / block_size)');
    expectSame(n, b[2], (blockSize * bits) / 8, 'B.shape[2] differs from block_size · bits / 8');
  }
  return [tensorOut(n.input(0)?.dtype, a && a.length > 0 ? [...a.slice(0, -1), N] : undefined)];
}

function nbitsCost(n: OpNode) {
  const k = requiredInt(n, 'K');
  const N = requiredInt(n, 'N');
  const a = need(n, dimsOf(n, 0), 'the shape of A');
  const outputs: Dim = dims.mul(dims.numel(a.slice(0, -1)), N);
  const macs = dims.mul(outputs, k);
  // Dequantisation (w − zero_point) · scale: 2 FLOPs per weight element, once per call.
  let flops = dims.add(dims.mul(2, macs), 2 * N * k);
  if (n.input(BIAS)) flops = dims.add(flops, outputs);
  return { macs, flops };
}

/** com.microsoft MatMulNBits (2/4/8-bit block-quantised weights, e.g. int4 LLMs). */
export const matMulNBits = defineOp({
  domain: 'com.microsoft',
  opType: 'MatMulNBits',
  since: 1,
  shape: nbitsShape,
  cost: nbitsCost,
  examples: [
    {
      title: 'int4 weight, block 32 (a 64 → 16 projection)',
      // MACs = 1·3·16·64 = 3072; FLOPs = 2·3072 + dequant 2·16·64 (2048) = 8192.
      inputs: [[1, 3, 64], { dtype: 'UINT8', shape: [16, 2, 16] }, [16, 2]],
      attrs: { K: 64, N: 16, bits: 4, block_size: 32 },
      expect: { shapes: [[1, 3, 16]], macs: 3072, flops: 8192 },
    },
    {
      title: 'symbolic batch and sequence, 8-bit with bias',
      // MACs = batch·sequence·32·128 = 4096·batch·sequence; FLOPs = 8192·b·s + 2·32·128 (8192) + bias 32·b·s.
      inputs: [['batch', 'sequence', 128], { dtype: 'UINT8', shape: [32, 2, 64] }, [32, 2], null, null, [32]],
      attrs: { K: 128, N: 32, bits: 8, block_size: 64 },
      expect: { shapes: [['batch', 'sequence', 32]], macs: '4096*batch*sequence', flops: '8224*batch*sequence + 8192' },
    },
  ],
  notes:
    'MACs = elements(Y) × K (Y = [..., N]). FLOPs = 2 × MACs + 2 × N × K for dequantising the weight ((w − zero_point) · scale) once per call, ' +
    'independent of the batch (kernels that dequantise per tile do more; int8 accuracy_level paths do it differently), + 1 per output element with bias. ' +
    'Parameters: the packed uint8 B holds N × K weights (count elements unpacked, not bytes).',
});
