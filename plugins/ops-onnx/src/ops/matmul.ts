/**
 * MatMul, MatMulInteger, QLinearMatMul: numpy matmul semantics. A 1-D A is [K] → [1, K] and the
 * prepended 1 is removed from Y; a 1-D B is [K] → [K, 1] and the appended 1 is removed. Batch dims
 * broadcast. MACs = elements(Y) × K.
 */
import { defineOp, dims, type Dim, type OpNode, broadcastShapes } from '@autodoc/core';
import { inDims, invalidNode, outNumel, tensorOut } from './nn-common.js';

/** Output dims of matmul(a, b), or undefined when either shape is unknown. */
export function matmulShape(n: OpNode, a: readonly Dim[] | undefined, b: readonly Dim[] | undefined): Dim[] | undefined {
  if (!a || !b) return undefined;
  if (a.length === 0 || b.length === 0) throw invalidNode(n, 'MatMul operands must have rank ≥ 1.');
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const k1 = a2[a2.length - 1];
  const k2 = b2[b2.length - 2];
  if (typeof k1 === 'number' && typeof k2 === 'number' && k1 !== k2) throw invalidNode(n, `inner dimensions differ: A[..., ${k1}] × B[${k2}, ...].`);
  const batch = broadcastShapes([a2.slice(0, -2), b2.slice(0, -2)])!;
  const out: Dim[] = [...batch];
  if (a.length > 1) out.push(a2[a2.length - 2]);
  if (b.length > 1) out.push(b2[b2.length - 1]);
  return out;
}

/** MACs of matmul with A as input `a`: elements(Y) × K (K = A's last dim). */
export function matmulMacs(n: OpNode, a: number): Dim {
  const aDims = inDims(n, a);
  return dims.mul(outNumel(n), aDims[aDims.length - 1]);
}

export const matMul = defineOp({
  opType: 'MatMul',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, matmulShape(n, n.input(0)?.dims, n.input(1)?.dims))],
  cost: (n) => {
    const macs = matmulMacs(n, 0);
    return { macs, flops: dims.mul(2, macs) };
  },
  examples: [
    // Batch [b, 12] broadcast with []; Y [b, 12, s, s]; MACs = b·12·s·s × 64.
    { title: 'attention scores', inputs: [['b', 12, 's', 64], ['b', 12, 64, 's']], expect: { shapes: [['b', 12, 's', 's']], macs: '768*b*s^2', flops: '1536*b*s^2' } },
    // [3] · [3, 4] → [4]; MACs = 4 × 3 = 12.
    { title: '1-D left operand', inputs: [[3], [3, 4]], expect: { shapes: [[4]], macs: 12, flops: 24 } },
    // Broadcast batch [2, 1] with [5] → [2, 5]; Y [2, 5, 3, 7]; MACs = 210 × 4 = 840.
    { title: 'broadcast batch', inputs: [[2, 1, 3, 4], [5, 4, 7]], expect: { shapes: [[2, 5, 3, 7]], macs: 840, flops: 1680 } },
  ],
  notes: 'MACs = elements(Y) × K (K = the contracted dim); batched and broadcast alike. FLOPs = 2 × MACs.',
});

export const matMulInteger = defineOp({
  opType: 'MatMulInteger',
  since: 10,
  shape: (n) => [tensorOut('INT32', matmulShape(n, n.input(0)?.dims, n.input(1)?.dims))],
  cost: (n) => {
    const macs = matmulMacs(n, 0);
    const za = n.input(2) ? dims.numel(inDims(n, 0)) : 0;
    const zb = n.input(3) ? dims.numel(inDims(n, 1)) : 0;
    return { macs, flops: dims.add(dims.mul(2, macs), dims.add(za, zb)) };
  },
  // Y [4, 2]; MACs = 8 × 3 = 24; a_zero_point subtracts over 12 elements of A.
  examples: [{ inputs: [{ dtype: 'UINT8', shape: [4, 3] }, { dtype: 'UINT8', shape: [3, 2] }, { dtype: 'UINT8', shape: [] }], expect: { shapes: [[4, 2]], macs: 24, flops: 60 } }],
  notes: 'MACs as MatMul. FLOPs = 2 × MACs + 1 per element of A (B) when a_zero_point (b_zero_point) is given. Output INT32.',
});

export const qlinearMatMul = defineOp({
  opType: 'QLinearMatMul',
  since: 10,
  shape: (n) => [tensorOut(n.input(7)?.dtype ?? n.input(0)?.dtype, matmulShape(n, n.input(0)?.dims, n.input(3)?.dims))],
  cost: (n) => {
    const macs = matmulMacs(n, 0);
    return { macs, flops: dims.add(dims.mul(2, macs), dims.mul(2, outNumel(n))) };
  },
  // Y [2, 3]; MACs = 6 × 4 = 24; FLOPs 48 + 2·6 requantisation = 60.
  examples: [{ inputs: [{ dtype: 'UINT8', shape: [2, 4] }, [], { dtype: 'UINT8', shape: [] }, { dtype: 'UINT8', shape: [4, 3] }, [], { dtype: 'UINT8', shape: [] }, [], { dtype: 'UINT8', shape: [] }], expect: { shapes: [[2, 3]], macs: 24, flops: 60 } }],
  notes: 'MACs as MatMul (B is input 3). FLOPs = 2 × MACs + 2 per output element (requantisation: scale multiply, zero-point add). Output dtype = y_zero_point dtype.',
});

export const matmulOps = [matMul, matMulInteger, qlinearMatMul];
