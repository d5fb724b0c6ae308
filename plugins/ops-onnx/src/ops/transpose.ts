/** Transpose, DepthToSpace and SpaceToDepth: dims permuted or moved between channels and space. */
import { defineOp, dims } from '@autodoc/core';
import { invalid, tensorOut, unknownDims } from './tensor-common.js';

/** Transpose (since 1): perm defaults to reversing the axes. */
export const transposeOp = defineOp({
  opType: 'Transpose',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    const perm = n.attrInts('perm');
    if (!d) return [tensorOut(a?.dtype, perm ? unknownDims(n, 0, perm.length) : undefined)];
    const p = perm ?? d.map((_, k) => d.length - 1 - k);
    if (p.length !== d.length || new Set(p).size !== p.length || p.some((k) => k < 0 || k >= d.length)) {
      throw invalid(n, `perm [${p.join(', ')}] is not a permutation of rank ${d.length}.`);
    }
    return [
      tensorOut(
        a?.dtype,
        p.map((k) => d[k]),
      ),
    ];
  },
  cost: 'free',
  examples: [
    { inputs: [['batch', 'seq', 4, 8]], attrs: { perm: [0, 2, 1, 3] }, expect: { shapes: [['batch', 4, 'seq', 8]] } },
    { title: 'default perm', inputs: [[2, 3, 4]], expect: { shapes: [[4, 3, 2]] } },
  ],
  notes: 'Counted as data movement (a permuted copy): no FLOPs.',
});

/** DepthToSpace (since 1; mode since 11): [N, C/b², H·b, W·b]. */
export const depthToSpaceOp = defineOp({
  opType: 'DepthToSpace',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    const b = n.attrInt('blocksize', 0);
    if (b <= 0) throw invalid(n, 'blocksize must be positive.');
    if (!d) return [tensorOut(a?.dtype, unknownDims(n, 0, 4))];
    if (d.length !== 4) throw invalid(n, `input must have rank 4, got ${d.length}.`);
    if (typeof d[1] === 'number' && d[1] % (b * b) !== 0) throw invalid(n, `channels ${d[1]} are not divisible by blocksize² = ${b * b}.`);
    return [tensorOut(a?.dtype, [d[0], dims.floorDiv(d[1], b * b), dims.mul(d[2], b), dims.mul(d[3], b)])];
  },
  cost: 'free',
  examples: [{ inputs: [[1, 8, 'h', 3]], attrs: { blocksize: 2 }, expect: { shapes: [[1, 2, '2*h', 6]] } }],
  notes: 'Counted as data movement: no FLOPs.',
});

/** SpaceToDepth (since 1): [N, C·b², H/b, W/b]. */
export const spaceToDepthOp = defineOp({
  opType: 'SpaceToDepth',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    const b = n.attrInt('blocksize', 0);
    if (b <= 0) throw invalid(n, 'blocksize must be positive.');
    if (!d) return [tensorOut(a?.dtype, unknownDims(n, 0, 4))];
    if (d.length !== 4) throw invalid(n, `input must have rank 4, got ${d.length}.`);
    return [tensorOut(a?.dtype, [d[0], dims.mul(d[1], b * b), dims.floorDiv(d[2], b), dims.floorDiv(d[3], b)])];
  },
  cost: 'free',
  examples: [{ inputs: [[1, 2, 4, 6]], attrs: { blocksize: 2 }, expect: { shapes: [[1, 8, 2, 3]] } }],
  notes: 'Counted as data movement: no FLOPs.',
});
