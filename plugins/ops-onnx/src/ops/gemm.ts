/**
 * Gemm (since 1; 6/7/9/11/13 changed broadcasting of C and types, not Y's shape):
 * Y = alpha·A'·B' + beta·C, A' = transA ? Aᵀ : A ([M, K]), B' = transB ? Bᵀ : B ([K, N]); Y is [M, N].
 */
import { defineOp, dims } from '@autodoc/core';
import { inDims, invalidNode, outNumel, tensorOut } from './nn-common.js';

export const gemm = defineOp({
  opType: 'Gemm',
  since: 1,
  shape: (n) => {
    const a = n.input(0)?.dims;
    const b = n.input(1)?.dims;
    const dtype = n.input(0)?.dtype;
    if (!a || !b) return [tensorOut(dtype, undefined)];
    if (a.length !== 2 || b.length !== 2) throw invalidNode(n, `A and B must be 2-D, got ranks ${a.length} and ${b.length}.`);
    const m = n.attrInt('transA', 0) ? a[1] : a[0];
    const nOut = n.attrInt('transB', 0) ? b[0] : b[1];
    return [tensorOut(dtype, [m, nOut])];
  },
  cost: (n) => {
    const a = inDims(n, 0);
    const k = n.attrInt('transA', 0) ? a[0] : a[1];
    const y = outNumel(n);
    const macs = dims.mul(y, k);
    const hasC = n.input(2) !== undefined;
    // One FLOP per output element for each of: the C add, alpha ≠ 1 scaling, beta ≠ 1 scaling of C.
    const extra = (hasC ? 1 : 0) + (n.attrFloat('alpha', 1) !== 1 ? 1 : 0) + (hasC && n.attrFloat('beta', 1) !== 1 ? 1 : 0);
    return { macs, flops: dims.add(dims.mul(2, macs), dims.mul(extra, y)) };
  },
  examples: [
    // M = batch, N = 1000, K = 2048: MACs 2048000·batch; FLOPs 2·MACs + 1000·batch for C.
    { title: 'classifier (transB, bias)', inputs: [['batch', 2048], [1000, 2048], [1000]], attrs: { transB: 1 }, expect: { shapes: [['batch', 1000]], macs: '2048000*batch', flops: '4097000*batch' } },
    // transA: A [4, 3] → M = 3, K = 4; B [4, 5] → N = 5. MACs = 60; alpha 0.5 and beta 2 add 15 each, C add 15.
    { title: 'transA, alpha and beta', inputs: [[4, 3], [4, 5], [1, 5]], attrs: { transA: 1, alpha: 0.5, beta: { float: 2 } }, expect: { shapes: [[3, 5]], macs: 60, flops: 165 } },
  ],
  notes: 'MACs = M × N × K. FLOPs = 2 × MACs + 1 per output element for the C add (when C is given), + 1 per output element when alpha ≠ 1, + 1 when beta ≠ 1 and C is given.',
});

export const gemmOps = [gemm];
