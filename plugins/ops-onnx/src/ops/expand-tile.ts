/** Expand and Tile: output dims from a shape / repeats operand whose contents may be symbolic. */
import { defineOp, dims, type Dim, type OpNode, broadcastShapes } from '@autodoc/core';
import { concrete, MAX_FOLD_ELEMENTS, productOf, rankFromLength, tensorOut, unknownDim, unknownDims } from './tensor-common.js';

/** Contents of `value` (shape `from`) broadcast to `to`; both concrete. */
function broadcastTo(value: readonly Dim[], from: readonly number[], to: readonly number[]): Dim[] | undefined {
  const total = productOf(to);
  if (total > MAX_FOLD_ELEMENTS || value.length !== productOf(from)) return undefined;
  const lead = to.length - from.length;
  const out: Dim[] = new Array(total);
  const index = new Array<number>(to.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    let off = 0;
    for (let ax = 0; ax < from.length; ax++) off = off * from[ax] + (from[ax] === 1 ? 0 : index[ax + lead]);
    out[flat] = value[off];
    for (let ax = to.length - 1; ax >= 0; ax--) {
      if (++index[ax] < to[ax]) break;
      index[ax] = 0;
    }
  }
  return out;
}

/** Output dims of Expand when the target's length is known but not its contents. */
function expandWithoutTarget(n: OpNode, input: readonly Dim[], len: number): Dim[] {
  const rank = Math.max(len, input.length);
  return Array.from({ length: rank }, (_, k) => {
    const d = input[k - (rank - input.length)];
    // A known dim other than 1 survives any valid target (the target's entry must be 1 or equal).
    return typeof d === 'number' && d !== 1 ? d : unknownDim(n, 0, k);
  });
}

/** Expand (since 8): multidirectional broadcast of the input to the `shape` contents. */
export const expandOp = defineOp({
  opType: 'Expand',
  since: 8,
  shape: (n) => {
    const a = n.input(0);
    const s = n.input(1);
    const target = s?.value;
    if (!target) {
      const len = rankFromLength(s?.dims?.[0]);
      if (len === undefined) return [tensorOut(a?.dtype, undefined)];
      return [tensorOut(a?.dtype, a?.dims ? expandWithoutTarget(n, a.dims, len) : undefined)];
    }
    if (!a?.dims) return [tensorOut(a?.dtype, undefined)];
    const out = broadcastShapes([a.dims, target]);
    const from = concrete(a.dims);
    const to = concrete(out);
    const value = a.value && from && to ? broadcastTo(a.value, from, to) : undefined;
    return [tensorOut(a.dtype, out, value)];
  },
  cost: 'free',
  examples: [
    { inputs: [[3, 1], { dtype: 'INT64', shape: [3], value: [2, 1, 6] }], expect: { shapes: [[2, 3, 6]] } },
    { title: 'symbolic target', inputs: [[1, 1, 'seq'], { dtype: 'INT64', shape: [3], value: ['batch', 1, 1] }], expect: { shapes: [['batch', 1, 'seq']] } },
  ],
  notes: 'Counted as data movement (a broadcast copy): no FLOPs.',
});

/** Tile (since 1 with tiles/axis inputs; since 6 with a repeats input): out[i] = d[i] × repeats[i]. */
export const tileOp = defineOp({
  opType: 'Tile',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    if (n.opset < 6) {
      // Tile-1: inputs (input, tiles, axis), both scalars: repeat `tiles` times along `axis`.
      const tiles = n.input(1)?.value?.[0];
      const axis = n.input(2)?.value?.[0];
      if (!d || typeof axis !== 'number' || tiles === undefined) return [tensorOut(a?.dtype, d ? unknownDims(n, 0, d.length) : undefined)];
      return [
        tensorOut(
          a?.dtype,
          d.map((x, k) => (k === axis ? dims.mul(x, tiles) : x)),
        ),
      ];
    }
    const repeats = n.input(1)?.value;
    if (!d) return [tensorOut(a?.dtype, undefined)];
    if (!repeats) return [tensorOut(a?.dtype, unknownDims(n, 0, d.length))];
    return [
      tensorOut(
        a?.dtype,
        d.map((x, k) => dims.mul(x, repeats[k] ?? 1)),
      ),
    ];
  },
  cost: 'free',
  examples: [{ inputs: [['batch', 3], { dtype: 'INT64', shape: [2], value: [2, 2] }], opset: 13, expect: { shapes: [['2*batch', 6]] } }],
  notes: 'Counted as data movement (a copy): no FLOPs.',
});
