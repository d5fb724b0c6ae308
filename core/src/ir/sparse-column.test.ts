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
});
