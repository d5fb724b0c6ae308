/**
 * Spatial transformer ops: GridSample (16: 4-D, modes bilinear/nearest/bicubic; 20: N-D, modes
 * linear/nearest/cubic) and AffineGrid (20).
 */
import { defineOp, dims, type Dim } from '@autodoc/core';
import { interpolationFlops } from './interpolation.js';
import { constDims, inNumel, invalidNode, outDims, outNumel, tensorOut, unknownDim } from './nn-common.js';

export const gridSample = defineOp({
  opType: 'GridSample',
  since: 16,
  shape: (n) => {
    const x = n.input(0)?.dims;
    const grid = n.input(1)?.dims;
    const dtype = n.input(0)?.dtype;
    if (!x || !grid) return [tensorOut(dtype, undefined)];
    if (x.length !== grid.length || x.length < 3) throw invalidNode(n, `X (rank ${x.length}) and grid (rank ${grid.length}) must have the same rank ≥ 3.`);
    // Y [N, C, grid spatial dims…]: grid is [N, D1_out, …, r].
    return [tensorOut(dtype, [x[0], x[1], ...grid.slice(1, -1)])];
  },
  cost: (n) => {
    const mode = n.attrString('mode', n.opset >= 20 ? 'linear' : 'bilinear');
    const r = outDims(n).length - 2;
    const perElement = interpolationFlops(mode, r);
    if (perElement === undefined) throw invalidNode(n, `mode "${mode}" is not a GridSample mode.`);
    // + 2 FLOPs per grid coordinate to map [−1, 1] to pixel space.
    return { flops: dims.add(dims.mul(perElement, outNumel(n)), dims.mul(2, inNumel(n, 1))) };
  },
  examples: [
    // Y [1, 3, 5, 5]: 75 × 9 (bilinear) + 2 × 50 grid coordinates = 775.
    { inputs: [[1, 3, 4, 4], [1, 5, 5, 2]], expect: { shapes: [[1, 3, 5, 5]], flops: 775 } },
    // 3-D cubic (opset 20): 7·(64 − 1)/3 = 147 per output; Y 2·2·2·2 = 16 → 2352 + 2·24 = 2400.
    { title: 'volumetric cubic', inputs: [[1, 2, 3, 3, 3], [1, 2, 2, 2, 3]], attrs: { mode: 'cubic' }, opset: 20, expect: { shapes: [[1, 2, 2, 2, 2]], flops: 2400 } },
  ],
  notes: 'FLOPs = output elements × interpolation cost over r spatial axes (nearest 0, linear 3 × (2^r − 1), cubic 7 × (4^r − 1)/3) + 2 per grid coordinate (un-normalisation).',
});

export const affineGrid = defineOp({
  opType: 'AffineGrid',
  since: 20,
  shape: (n) => {
    const theta = n.input(0);
    const size = n.input(1);
    const dtype = theta?.dtype;
    const values = constDims(size);
    const len = values?.length ?? size?.dims?.[0];
    if (typeof len !== 'number') return [tensorOut(dtype, undefined)];
    if (len !== 4 && len !== 5) throw invalidNode(n, `size must have 4 (2-D) or 5 (3-D) entries, got ${len}.`);
    const r = len - 2;
    // Output [N, (D,) H, W, r]; N from size or theta.
    const spatial: Dim[] = values ? values.slice(2) : Array.from({ length: r }, (_, i) => unknownDim(n, 0, i + 1));
    const batch = values?.[0] ?? theta?.dims?.[0] ?? unknownDim(n, 0, 0);
    return [tensorOut(dtype, [batch, ...spatial, r])];
  },
  cost: (n) => {
    const y = outDims(n);
    const r = y.length - 2;
    // Per grid point: r outputs, each a dot product of a theta row with the homogeneous (r + 1) point.
    const points = dims.product(y.slice(0, -1));
    return { flops: dims.mul(points, 2 * r * (r + 1)) };
  },
  examples: [
    // 2 × 3·4 points × 2·2·3 = 288.
    { inputs: [[2, 2, 3], { dtype: 'INT64', shape: [4], value: [2, 3, 3, 4] }], expect: { shapes: [[2, 3, 4, 2]], flops: 288 } },
  ],
  notes: 'FLOPs = 2 × r × (r + 1) per grid point (θ times the homogeneous coordinate); no MACs (not a GEMM-like op in docs/definitions.md).',
});

export const gridSampleOps = [gridSample, affineGrid];
