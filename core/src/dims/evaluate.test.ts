import { describe, expect, it } from 'vitest';
import { add, evaluate, floorDiv, format, min, mul, parse, pow, rank, sub, substitute, sym, symbols } from './index.js';
import { expectCode } from './test-helpers.js';

const x = sym('x');
const y = sym('y');

describe('evaluate', () => {
  it('computes the value at a binding', () => {
    expect(evaluate(7, {})).toBe(7);
    // 3·2·5 + 2 = 32
    expect(evaluate(add(mul(3, mul(x, y)), 2), { x: 2, y: 5 })).toBe(32);
    // floor((7 - 1)/8) = 0, floor((33 - 1)/8) = 4
    expect(evaluate(parse('floor((height - 1)/8)'), { height: 7 })).toBe(0);
    expect(evaluate(parse('floor((height - 1)/8)'), { height: 33 })).toBe(4);
    expect(evaluate(pow(x, 3), { x: -2 })).toBe(-8);
  });

  it('returns undefined when a symbol is unbound, wherever it hides', () => {
    expect(evaluate(x, {})).toBeUndefined();
    expect(evaluate(add(x, y), { x: 1 })).toBeUndefined();
    expect(evaluate(floorDiv(x, 2), {})).toBeUndefined();
    expect(evaluate(min(x, y), { y: 1 })).toBeUndefined();
  });

  it('does not read inherited properties of the binding object', () => {
    expect(evaluate(sym('constructor'), {})).toBeUndefined();
    expect(evaluate(sym('toString'), {})).toBeUndefined();
    expect(evaluate(sym('constructor'), { constructor: 4 })).toBe(4);
  });

  it('accepts bigint bindings and rejects non-integers', () => {
    expect(evaluate(mul(x, x), { x: 2n ** 40n })).toBe(2n ** 80n);
    expect(evaluate(add(x, 1), { x: 41n })).toBe(42);
    expectCode(() => evaluate(x, { x: 2.5 }), 'DIM_ARITHMETIC_INVALID');
  });
});

describe('substitute', () => {
  it('binds some symbols and keeps the rest canonical', () => {
    expect(format(substitute(add(mul(x, y), 1), { x: 2 }))).toBe('2*y + 1');
    expect(format(substitute(mul(x, x), { x: add(y, 1) }))).toBe('y^2 + 2*y + 1');
    // floor((2w + 1)/2) = w
    expect(format(substitute(floorDiv(add(sym('h'), 1), 2), { h: mul(2, sym('w')) }))).toBe('w');
    expect(substitute(add(mul(x, y), 1), { x: 2, y: 3 })).toBe(7);
    expect(substitute(5, { x: 1 })).toBe(5);
    expect(format(substitute(x, { y: 1 }))).toBe('x');
  });

  it('can rename a symbol', () => {
    const d = parse('batch*floor((height + 1)/2)');
    expect(format(substitute(d, { batch: sym('N'), height: sym('H') }))).toBe('N*floor((H + 1)/2)');
  });
});

describe('symbols', () => {
  it('lists every symbol once, sorted, inside atoms too', () => {
    expect(symbols(4)).toEqual([]);
    expect(symbols(add(min(sym('z'), floorDiv(sym('b'), sym('a'))), y))).toEqual(['a', 'b', 'y', 'z']);
    expect(symbols(parse('sequence + past_sequence + sequence*batch'))).toEqual(['batch', 'past_sequence', 'sequence']);
  });
});

describe('rank (ordering only)', () => {
  it('takes unbound symbols as 1 and bound ones at their value', () => {
    const bytes = add(mul(sym('batch'), 16), 3); // 16·batch + 3
    expect(rank(bytes, {})).toBe(19); // 16·1 + 3
    expect(rank(bytes, { batch: 4 })).toBe(67); // 16·4 + 3
    expect(rank(12, {})).toBe(12);
  });

  it('orders a quadratic above a linear term once symbols are bound, and never throws', () => {
    const s = sym('seq');
    expect(rank(mul(s, s), { seq: 100 })).toBeGreaterThan(rank(mul(s, 64), { seq: 100 })); // 10,000 > 6,400
    // floor(x / (seq − 1)) divides by zero at seq = 1: a rank of 0, not an exception.
    expect(rank(floorDiv(sym('x'), sub(s, 1)), {})).toBe(0);
  });

  it('ranks one expression under each binding it is asked with, asked again and again', () => {
    const bytes = mul(sym('batch'), 64);
    const at2 = { batch: 2 };
    const at3 = { batch: 3 };
    expect([rank(bytes, at2), rank(bytes, at2), rank(bytes, at3), rank(bytes, at2), rank(add(bytes, 1), at2)]).toEqual([128, 128, 192, 128, 129]);
  });
});
