import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { SparseColumn } from './sparse-column.js';

describe('SparseColumn', () => {
  it('reads undefined for rows never set, keeps rows across growth, and clears with undefined', () => {
    const column = new SparseColumn<string>();
    expect(column.get(0)).toBeUndefined();
    expect(column.set(5, undefined)).toBeUndefined();
    expect(column.set(2, 'two')).toBe('two');
    expect(column.set(1000, 'far')).toBe('far');
    for (let row = 3; row < 40; row++) column.set(row, `r${row}`);
    expect([column.get(1), column.get(2), column.get(39), column.get(1000), column.get(5000)]).toEqual([undefined, 'two', 'r39', 'far', undefined]);
    column.set(2, undefined);
    expect(column.get(2)).toBeUndefined();
    // Clearing past the end changes nothing (and grows nothing).
    expect(column.set(1_000_000, undefined)).toBeUndefined();
    expect(column.get(1_000_000)).toBeUndefined();
  });

  it('grows to its capacity at once, and still past it', () => {
    const column = new SparseColumn<number>(4);
    column.set(1, 1);
    column.set(3, 3);
    column.set(9, 9);
    expect([0, 1, 2, 3, 9, 10].map((row) => column.get(row))).toEqual([undefined, 1, undefined, 3, 9, undefined]);
  });

  it('keeps a few rows spread over a huge range without making room for the rows between', () => {
    const column = new SparseColumn<string>(10_000_000);
    const before = getHeapStatistics().used_heap_size;
    // The memory timeline's 2,000 points across a ten-million-node graph.
    for (let row = 0; row < 10_000_000; row += 5000) column.set(row, `n${row}`);
    // A growing array would have made a ten-million-slot array (80 MB) and copied its way there.
    expect(getHeapStatistics().used_heap_size - before).toBeLessThan(8 * 2 ** 20);
    expect([column.get(0), column.get(5000), column.get(9_995_000), column.get(9_995_001), column.get(2500)]).toEqual(['n0', 'n5000', 'n9995000', undefined, undefined]);
    // Far rows are overwritten and cleared, and a row next to the filled part is kept as well.
    column.set(9_995_000, 'again');
    column.set(5000, undefined);
    column.set(1, 'near');
    expect([column.get(9_995_000), column.get(5000), column.get(1)]).toEqual(['again', undefined, 'near']);
  });

  it('fills row after row from a high row, reading and clearing rows on both sides of the switch to the array', () => {
    const column = new SparseColumn<number>();
    const start = 100_000;
    for (let row = start; row < start + 60_000; row++) column.set(row, row);
    // Rows up to ~start + 33,000 are set while sparse (the Map), the later ones once dense (the array).
    expect([start - 1, start, start + 20_000, start + 59_999, start + 60_000].map((row) => column.get(row))).toEqual([undefined, start, start + 20_000, start + 59_999, undefined]);
    column.set(start + 20_000, undefined);
    column.set(start + 59_999, undefined);
    expect([column.get(start + 20_000), column.get(start + 59_999), column.get(start + 20_001)]).toEqual([undefined, undefined, start + 20_001]);
  });

  it('fills row after row, past its capacity too, and still finds rows first set far ahead', () => {
    const column = new SparseColumn<number>(3000);
    column.set(2_000_000, -1);
    for (let row = 0; row < 5000; row++) column.set(row, row);
    column.set(2_000_000, -2);
    column.set(2999, undefined);
    const rows = [0, 1023, 1024, 2998, 2999, 3000, 4999, 5000, 2_000_000];
    expect(rows.map((row) => column.get(row))).toEqual([0, 1023, 1024, 2998, undefined, 3000, 4999, undefined, -2]);
  });
});
