import { type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';
import { matmulMacs, matmulShape } from '../util/matmul-shape.js';

// FusedMatMul (and its older alias TransposeMatMul): alpha · op(A) · op(B) with numpy.matmul shapes,
// op = transpose of the last two axes when transA/transB.

/** transBatchA/B move batch axes around; we do not infer those layouts (shape unknown, cost not counted). */
function shapeOf(n: OpNode) {
  if (n.attrInt('transBatchA', 0) === 1 || n.attrInt('transBatchB', 0) === 1) return undefined;
  return matmulShape(n, dimsOf(n, 0), dimsOf(n, 1), n.attrInt('transA', 0) === 1, n.attrInt('transB', 0) === 1);
}

function fusedMatMul(opType: string) {
  return defineOp({
    domain: 'com.microsoft',
    opType,
    since: 1,
    shape: (n) => [tensorOut(n.input(0)?.dtype, shapeOf(n)?.shape)],
    cost: (n) => {
      const s = need(n, shapeOf(n), 'the shapes of A and B (transBatchA/B layouts are not inferred)');
      const macs = matmulMacs(s.shape, s.k);
      return { macs, flops: dims.mul(2, macs) };
    },
    examples: [
      {
        title: 'Q·Kᵀ with transB and alpha',
        // Y = [2, 12, 'seq', 'seq'], K = 64 → MACs = 1536·seq².
        inputs: [[2, 12, 'seq', 64], [2, 12, 'seq', 64]],
        attrs: { transB: 1, alpha: 0.125 },
        expect: { shapes: [[2, 12, 'seq', 'seq']], macs: '1536*seq^2', flops: '3072*seq^2' },
      },
      { inputs: [[8, 4], [8, 6]], attrs: { transA: 1 }, expect: { shapes: [[4, 6]], macs: 192, flops: 384 } },
    ],
    notes: 'MACs = elements(Y) × K; FLOPs = 2 × MACs (the alpha scale is folded into the product, as for Gemm). transBatchA/transBatchB layouts are not inferred.',
  });
}

/** com.microsoft FusedMatMul. */
export const fusedMatMulOp = fusedMatMul('FusedMatMul');
/** com.microsoft TransposeMatMul: the older name of FusedMatMul. */
export const transposeMatMul = fusedMatMul('TransposeMatMul');
