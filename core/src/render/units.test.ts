import { describe, expect, it } from 'vitest';
import { compareText, groupDigits } from './units.js';

describe('groupDigits', () => {
  it('groups integer digits by three, keeping sign and fraction', () => {
    expect(groupDigits(6138)).toBe('6,138');
    expect(groupDigits(-1234567)).toBe('-1,234,567');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1234.5)).toBe('1,234.5');
  });

  it('groups counts beyond 2^53 given as strings or bigints', () => {
    expect(groupDigits('12345678901234567890')).toBe('12,345,678,901,234,567,890');
    expect(groupDigits(2n ** 64n)).toBe('18,446,744,073,709,551,616');
  });
});

describe('compareText', () => {
  it('orders by code units, whatever the locale (upper case before lower case)', () => {
    expect(['Gelu', 'GRU', 'add', 'Add'].sort(compareText)).toEqual(['Add', 'GRU', 'Gelu', 'add']);
    expect(compareText('mlp', 'mlp')).toBe(0);
  });
});
