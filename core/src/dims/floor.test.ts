import { describe, expect, it } from 'vitest';
import { add, ceilDiv, equal, evaluate, floorDiv, format, mod, mul, parse, pow, provablyEqual, slidingWindowOutput, sub, sym, tryCompare } from './index.js';
import { expectCode } from './test-helpers.js';

const x = sym('x');
const y = sym('y');
const h = sym('h');
const b = sym('b');

describe('floor(P/c) simplifications', () => {
  it('divides exactly when every coefficient is a multiple of c', () => {
    expect(floorDiv(x, 1)).toBe(x);
    expect(format(floorDiv(mul(4, x), 2))).toBe('2*x');
    expect(format(floorDiv(add(mul(6, x), 9), 3))).toBe('2*x + 3');
  });

  it('pulls out the terms whose coefficients are multiples of c', () => {
    // floor((2x + 1)/2) = x + floor(1/2) = x
    expect(format(floorDiv(add(mul(2, x), 1), 2))).toBe('x');
    // floor((2x + 3)/2) = x + floor(3/2) = x + 1
    expect(format(floorDiv(add(mul(2, x), 3), 2))).toBe('x + 1');
    // floor((2x + y)/2) = x + floor(y/2)
    expect(format(floorDiv(add(mul(2, x), y), 2))).toBe('x + floor(y/2)');
    // floor((x + 8)/8) = floor(x/8) + 1
    expect(format(floorDiv(add(x, 8), 8))).toBe('floor(x/8) + 1');
    // the constant keeps its sign and shrinks below c: floor((x + 9)/8) = floor((x + 1)/8) + 1,
    // floor((x - 9)/8) = floor((x - 1)/8) - 1, while floor((x - 1)/8) stays
    expect(format(floorDiv(add(x, 9), 8))).toBe('floor((x + 1)/8) + 1');
    expect(format(floorDiv(sub(x, 9), 8))).toBe('floor((x - 1)/8) - 1');
    for (let v = -30; v <= 30; v++) {
      expect(evaluate(floorDiv(add(x, 9), 8), { x: v })).toBe(Math.floor((v + 9) / 8));
      expect(evaluate(floorDiv(sub(x, 9), 8), { x: v })).toBe(Math.floor((v - 9) / 8));
    }
  });

  it('leaves what cannot be pulled inside', () => {
    expect(format(floorDiv(add(x, 1), 2))).toBe('floor((x + 1)/2)');
    expect(format(floorDiv(sub(x, 1), 8))).toBe('floor((x - 1)/8)');
    expect(format(floorDiv(mul(3, x), 2))).toBe('floor((3*x)/2)');
    expect(format(floorDiv(add(mul(3, x), 1), 2))).toBe('floor((3*x + 1)/2)');
    expect(format(floorDiv(mul(x, y), 4))).toBe('floor(x*y/4)');
    expect(format(floorDiv(pow(x, 2), 3))).toBe('floor(x^2/3)');
  });

  it('reduces by the common factor of numerator and divisor', () => {
    // (2x + 2)/4 = (x + 1)/2 as rationals
    expect(format(floorDiv(add(mul(2, x), 2), 4))).toBe('floor((x + 1)/2)');
    expect(format(floorDiv(mul(6, x), 4))).toBe('floor((3*x)/2)');
  });

  it('collapses nested floors: floor((floor(r/a) + q)/c) = floor((r + a*q)/(a*c))', () => {
    expect(format(floorDiv(floorDiv(x, 2), 2))).toBe('floor(x/4)');
    // MaxPool k3 s2 p1 after a stride-2 conv: floor((floor((h + 1)/2) + 1)/2) = floor((h + 3)/4)
    expect(format(floorDiv(add(floorDiv(add(h, 1), 2), 1), 2))).toBe('floor((h + 3)/4)');
    // a floor with coefficient 2 is not collapsed
    expect(format(floorDiv(mul(2, floorDiv(x, 3)), 4))).toBe('floor(floor(x/3)/2)');
  });

  it('handles constant numerators, negative divisors and zero', () => {
    expect(floorDiv(add(sub(x, x), 7), 2)).toBe(3);
    expect(format(floorDiv(x, -2))).toBe('floor((-x)/2)');
    for (let v = -9; v <= 9; v++) expect(evaluate(floorDiv(x, -2), { x: v })).toBe(Math.floor(v / -2) + 0);
    expectCode(() => floorDiv(x, 0), 'DIM_ARITHMETIC_INVALID');
    expectCode(() => floorDiv(7, 0), 'DIM_ARITHMETIC_INVALID');
    expectCode(() => mod(x, 0), 'DIM_ARITHMETIC_INVALID');
  });

  it('ceil is kept as floor((a + c - 1)/c)', () => {
    expect(format(ceilDiv(h, 2))).toBe('floor((h + 1)/2)');
    expect(format(ceilDiv(mul(4, h), 2))).toBe('2*h');
    expect(equal(ceilDiv(h, 1), h)).toBe(true);
    expect(format(ceilDiv(h, 8))).toBe('floor((h + 7)/8)');
    for (let v = -20; v <= 20; v++) {
      expect(evaluate(ceilDiv(h, 3), { h: v })).toBe(Math.ceil(v / 3) + 0);
      expect(evaluate(ceilDiv(h, -3), { h: v })).toBe(Math.ceil(v / -3) + 0);
    }
  });

  it('mod = a - c*floor(a/c)', () => {
    expect(format(mod(x, 4))).toBe('x - 4*floor(x/4)');
    expect(mod(mul(4, x), 4)).toBe(0);
    // floor((4x + 5)/4) = x + 1, so (4x + 5) mod 4 = 1
    expect(mod(add(mul(4, x), 5), 4)).toBe(1);
    for (let v = -10; v <= 10; v++) expect(evaluate(mod(x, 4), { x: v })).toBe(((v % 4) + 4) % 4);
  });
});

describe('conv output size', () => {
  it('floor((h + 2*1 - 3)/2) + 1 prints as written and matches Math.floor at every h', () => {
    const out = add(floorDiv(sub(add(h, mul(2, 1)), 3), 2), 1);
    expect(format(out)).toBe('floor((h - 1)/2) + 1');
    for (let v = -10; v <= 300; v++) expect(evaluate(out, { h: v })).toBe(Math.floor((v + 2 - 3) / 2) + 1);
  });

  it('slidingWindowOutput agrees with the ONNX formula for many parameters', () => {
    for (let k = 1; k <= 5; k++)
      for (let s = 1; s <= 4; s++)
        for (let p = 0; p <= 2; p++)
          for (let d = 1; d <= 3; d++) {
            const w = { kernel: k, stride: s, dilation: d, padBegin: p, padEnd: p };
            const symbolic = slidingWindowOutput({ ...w, size: h });
            for (let v = 1; v <= 40; v++) {
              const expected = Math.floor((v + 2 * p - d * (k - 1) - 1) / s) + 1;
              expect(evaluate(symbolic, { h: v })).toBe(expected);
              expect(slidingWindowOutput({ ...w, size: v })).toBe(expected);
            }
          }
  });
});

describe('proving equalities of floors', () => {
  it('sees through the printed form', () => {
    const conv = add(floorDiv(sub(h, 1), 2), 1);
    expect(tryCompare(conv, parse('floor((h + 1)/2)'))).toBe(0);
    expect(provablyEqual(add(floorDiv(add(x, 7), 8), 1), floorDiv(add(x, 15), 8))).toBe(true);
    expect(provablyEqual(floorDiv(add(x, 7), 8), add(floorDiv(sub(x, 1), 8), 1))).toBe(true);
    expect(tryCompare(add(floorDiv(x, 2), 1), floorDiv(x, 2))).toBe(1);
    expect(tryCompare(floorDiv(x, 2), add(floorDiv(x, 2), 3))).toBe(-1);
  });

  it('does not claim what it cannot prove', () => {
    expect(tryCompare(x, y)).toBeUndefined();
    expect(tryCompare(floorDiv(x, 2), floorDiv(x, 3))).toBeUndefined();
    expect(provablyEqual(floorDiv(x, 2), floorDiv(add(x, 1), 2))).toBe(false);
  });
});

describe('symbolic divisors', () => {
  it('gives the exact quotient when the divisor divides polynomially', () => {
    expect(equal(floorDiv(mul(h, b), b), h)).toBe(true);
    expect(format(floorDiv(add(pow(b, 2), mul(2, b)), b))).toBe('b + 2');
    expect(format(floorDiv(pow(add(x, y), 2), add(x, y)))).toBe('x + y');
    expect(floorDiv(0, b)).toBe(0);
  });

  it('otherwise keeps an opaque floor atom', () => {
    expect(format(floorDiv(h, b))).toBe('floor(h/b)');
    expect(format(floorDiv(add(h, 1), mul(2, b)))).toBe('floor((h + 1)/(2*b))');
    expect(format(floorDiv(12, b))).toBe('floor(12/b)');
    expect(format(ceilDiv(h, b))).toBe('floor((b + h - 1)/b)');
    expect(evaluate(floorDiv(h, b), { h: 7, b: 2 })).toBe(3);
    expect(evaluate(ceilDiv(h, b), { h: 7, b: 2 })).toBe(4);
    expectCode(() => evaluate(floorDiv(h, b), { h: 7, b: 0 }), 'DIM_ARITHMETIC_INVALID');
  });
});
