import { describe, expect, it } from 'vitest';
import { max, sym, toJSONValue } from '../dims/index.js';
import { broadcastShapes } from './broadcast.js';

const json = (shape: readonly unknown[] | undefined) => shape?.map((d) => toJSONValue(d as never));

describe('broadcastShapes', () => {
  it('broadcasts numpy-style from the right, a 1 yielding to the other dim', () => {
    expect(broadcastShapes([[2, 1, 4], [3, 1]])).toEqual([2, 3, 4]);
    expect(broadcastShapes([[5, 4], [1], [4]])).toEqual([5, 4]);
    expect(broadcastShapes([[], [2, 3]])).toEqual([2, 3]);
    expect(broadcastShapes([[0, 3], [1, 3]])).toEqual([0, 3]);
    expect(broadcastShapes([])).toEqual([]);
  });

  it('returns an input shape itself when the result has its dims, else a new array', () => {
    const x = [2, 3, 4];
    const bias = [4];
    expect(broadcastShapes([x, bias])).toBe(x);
    expect(broadcastShapes([bias, x])).toBe(x);
    const same = [2, 3, 4];
    expect(broadcastShapes([x, same])).toBe(x);
    const grown = broadcastShapes([[2, 1, 4], [3, 1]]);
    expect(grown).not.toBe(x);
    // The first input of the highest rank whose dims the result has.
    const a = [1, 3];
    const b = [2, 3];
    const c = [2, 3];
    expect(broadcastShapes([a, b, c])).toBe(b);
  });

  it('keeps symbols: a symbol against 1 stays, against a number takes the number, two symbols give their max', () => {
    const batch = sym('batch');
    const seq = sym('seq');
    const x = [batch, seq, 8];
    expect(broadcastShapes([x, [1, 8]])).toBe(x);
    expect(json(broadcastShapes([[batch, 1], [4, 3]]))).toEqual([4, 3]);
    expect(json(broadcastShapes([[batch], [seq]]))).toEqual([toJSONValue(max(batch, seq))]);
  });

  it('is undefined when a shape is unknown and fails on numbers that cannot broadcast', () => {
    expect(broadcastShapes([[2, 3], undefined])).toBeUndefined();
    expect(() => broadcastShapes([[2, 3], [4, 3]])).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });
});
