import { describe, expect, it } from 'vitest';
import { minMaxOf } from './atoms.js';
import { add, format, max, min, mul, numel, parse, sub, sym } from './index.js';
import { addD, mulD, subD } from './poly.js';

describe('arithmetic memo', () => {
  it('returns the same Expr object for the same operands, equal to a fresh computation', () => {
    const batch = sym('batch');
    const first = mul(batch, 16);
    expect(mul(batch, 16)).toBe(first);
    expect(numel([batch, 16])).toBe(first);
    expect(format(first)).toBe('16*batch');
    expect(format(mulD(batch, 16))).toBe(format(first));
  });

  it('never confuses operations or operands that share a slot', () => {
    // Thousands of distinct operand pairs overflow the 4,096 slots many times over; every answer
    // must still equal the unmemoized polynomial result.
    const xs = [sym('a'), sym('b'), parse('a*b + 3'), parse('2*a - b')];
    for (let k = -3000; k < 3000; k++) {
      const x = xs[(k + 3000) % xs.length];
      expect(format(mul(x, k))).toBe(format(mulD(x, k)));
      expect(format(add(x, k))).toBe(format(addD(x, k)));
      expect(format(sub(k, x))).toBe(format(subD(k, x)));
    }
  });

  it('remembers min and max too, never mixing them up with each other or with add', () => {
    const clamped = parse('min(past + seq, 128) - min(past, 128)');
    const seq = sym('seq');
    const first = max(clamped, seq);
    expect(max(clamped, seq)).toBe(first);
    expect(format(first)).toBe(format(minMaxOf('max', [clamped, seq])));
    expect(format(min(clamped, seq))).toBe(format(minMaxOf('min', [clamped, seq])));
    expect(format(min(clamped, seq))).not.toBe(format(first));
    expect(format(add(clamped, seq))).toBe(format(addD(clamped, seq)));
    // Slots are shared: many pairs later, every answer is still the fresh one.
    for (let k = 0; k < 5000; k++) {
      const a = k % 2 === 0 ? seq : clamped;
      expect(format(max(a, k))).toBe(format(minMaxOf('max', [a, k])));
      expect(format(min(a, k))).toBe(format(minMaxOf('min', [a, k])));
    }
  });

  it('keeps the identities exact', () => {
    const s = parse('seq + 1');
    expect(mul(s, 1)).toBe(s);
    expect(add(s, 0)).toBe(s);
    expect(sub(s, s)).toBe(0);
    expect(mul(s, 0)).toBe(0);
    expect(Object.is(numel([-1, 0, s]), -0)).toBe(false);
  });
});
