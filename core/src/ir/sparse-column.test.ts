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
});
