import { describe, expect, it } from 'vitest';
import {
  add,
  asBigInt,
  asNumber,
  ceilDiv,
  dims,
  floorDiv,
  format,
  hasSymbols,
  isConstant,
  isSymbolic,
  max,
  min,
  mod,
  mul,
  neg,
  numel,
  pow,
  product,
  sub,
  sum,
  sym,
  equal,
} from './index.js';
import { expectCode } from './test-helpers.js';

const x = sym('x');
const y = sym('y');
const z = sym('z');

describe('number fast path', () => {
  it('returns plain numbers for numbers', () => {
    expect(add(2, 3)).toBe(5);
    expect(sub(2, 5)).toBe(-3);
    expect(mul(6, 7)).toBe(42);
    expect(neg(4)).toBe(-4);
    expect(floorDiv(7, 2)).toBe(3);
    expect(floorDiv(-7, 2)).toBe(-4); // ⌊−3.5⌋
    expect(ceilDiv(7, 2)).toBe(4);
    expect(ceilDiv(-7, 2)).toBe(-3); // ⌈−3.5⌉
    expect(mod(-7, 3)).toBe(2); // −7 = 3·(−3) + 2
    expect(mod(7, -3)).toBe(-2); // 7 = (−3)·(−3) − 2, sign of the divisor
    expect(mod(9, 3)).toBe(0);
    expect(min(3, -5)).toBe(-5);
    expect(max(3, -5)).toBe(3);
    expect(pow(3, 4)).toBe(81);
    expect(pow(5, 0)).toBe(1);
    expect(pow(0, 0)).toBe(1);
    expect(sum([])).toBe(0);
    expect(sum([1, 2, 3, 4])).toBe(10);
    expect(product([])).toBe(1);
    expect(numel([2, 3, 4])).toBe(24);
    expect(numel([])).toBe(1); // a scalar has one element
    expect(numel([5, 0, 7])).toBe(0);
  });

  it('never returns -0', () => {
    expect(Object.is(mul(-3, 0), 0)).toBe(true);
    expect(Object.is(neg(0), 0)).toBe(true);
    expect(Object.is(floorDiv(0, -5), 0)).toBe(true);
    expect(Object.is(ceilDiv(-1, 2), 0)).toBe(true); // ⌈−0.5⌉ = −0 in floats
    expect(Object.is(mod(-3, 3), 0)).toBe(true);
    expect(Object.is(product([-2, 0]), 0)).toBe(true);
  });

  it('floor division of safe integers is exact at the edge of the range', () => {
    // (2^53 − 1)/2 = 4503599627370495.5 → 4503599627370495
    expect(floorDiv(Number.MAX_SAFE_INTEGER, 2)).toBe(4503599627370495);
    // (2^53 − 1)/(2^53 − 2) is just above 1
    expect(floorDiv(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1)).toBe(1);
    expect(ceilDiv(Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER)).toBe(1);
  });

  it('rejects non-integer dimensions once they leave the fast path', () => {
    expectCode(() => mul(2.5, x), 'DIM_ARITHMETIC_INVALID');
    expectCode(() => add(0.5, 0.25), 'DIM_ARITHMETIC_INVALID');
    expectCode(() => add(Number.NaN, 1), 'DIM_ARITHMETIC_INVALID');
    expectCode(() => pow(x, -1), 'DIM_ARITHMETIC_INVALID');
    expectCode(() => pow(x, 1.5), 'DIM_ARITHMETIC_INVALID');
    expectCode(() => sym(''), 'DIM_ARITHMETIC_INVALID');
  });
});

describe('canonical forms and printing', () => {
  it('merges like terms and drops zeros', () => {
    expect(format(add(x, x))).toBe('2*x');
    expect(sub(x, x)).toBe(0);
    expect(sub(add(x, 5), x)).toBe(5); // a constant collapses to a plain number
    expect(typeof sub(add(x, 5), x)).toBe('number');
    expect(format(add(mul(2, x), 1))).toBe('2*x + 1');
    expect(format(add(1, mul(x, 2)))).toBe('2*x + 1');
    expect(format(sub(1, x))).toBe('-x + 1');
    expect(format(neg(add(x, 1)))).toBe('-x - 1');
    expect(format(mul(-1, x))).toBe('-x');
    expect(format(sub(mul(3, y), mul(2, x)))).toBe('-2*x + 3*y');
    expect(mul(x, 0)).toBe(0);
  });

  it('sorts terms by descending degree, then lexicographically, constant last', () => {
    expect(format(mul(y, x))).toBe('x*y');
    expect(format(mul(x, x))).toBe('x^2');
    expect(format(sum([y, 7, mul(x, y), pow(x, 2)]))).toBe('x^2 + x*y + y + 7');
    expect(format(sum([pow(y, 2), x, pow(x, 3)]))).toBe('x^3 + y^2 + x');
    // The DESIGN.md example: attention-like cost batch·(1572864·sequence² + 84934656·sequence).
    const batch = sym('batch');
    const sequence = sym('sequence');
    const cost = mul(batch, add(mul(1572864, pow(sequence, 2)), mul(84934656, sequence)));
    expect(format(cost)).toBe('1572864*batch*sequence^2 + 84934656*batch*sequence');
  });

  it('expands products and powers', () => {
    expect(format(pow(add(x, 1), 2))).toBe('x^2 + 2*x + 1');
    expect(format(mul(add(x, 1), sub(x, 1)))).toBe('x^2 - 1');
    // (x + y)^3 = x^3 + 3x^2y + 3xy^2 + y^3
    expect(format(pow(add(x, y), 3))).toBe('x^3 + 3*x^2*y + 3*x*y^2 + y^3');
    expect(format(pow(x, 1))).toBe('x');
    expect(pow(x, 0)).toBe(1);
  });

  it('is commutative, associative and distributive structurally', () => {
    const a = add(mul(2, x), 1);
    const b = sub(y, floorDiv(z, 3));
    const c = min(x, add(y, 2));
    expect(equal(add(a, b), add(b, a))).toBe(true);
    expect(equal(mul(a, b), mul(b, a))).toBe(true);
    expect(equal(add(add(a, b), c), add(a, add(b, c)))).toBe(true);
    expect(equal(mul(mul(a, b), c), mul(a, mul(b, c)))).toBe(true);
    expect(equal(mul(a, add(b, c)), add(mul(a, b), mul(a, c)))).toBe(true);
    expect(equal(sub(a, b), neg(sub(b, a)))).toBe(true);
  });

  it('sums and products of mixed lists', () => {
    expect(format(sum([x, 1, x, 2]))).toBe('2*x + 3');
    expect(sum([x, 1, neg(x)])).toBe(1);
    expect(format(product([2, x, 3, y]))).toBe('6*x*y');
    expect(product([2, x, 0])).toBe(0);
    expect(format(numel([sym('batch'), 3, sym('h'), sym('w')]))).toBe('3*batch*h*w');
  });

  it('tells symbolic from constant', () => {
    expect(isSymbolic(3)).toBe(false);
    expect(isSymbolic(x)).toBe(true);
    expect(hasSymbols(x)).toBe(true);
    expect(isConstant(4)).toBe(true);
    expect(isConstant(add(x, 1))).toBe(false);
    expect(asNumber(4)).toBe(4);
    expect(asNumber(x)).toBeUndefined();
    expect(asBigInt(4)).toBe(4n);
    expect(asBigInt(x)).toBeUndefined();
  });

  it('offers every helper on the dims namespace', () => {
    expect(dims.format(dims.mul(2, dims.sym('seq')))).toBe('2*seq');
    expect(Object.isFrozen(dims)).toBe(true);
  });
});
