import { describe, expect, it } from 'vitest';
import { MAX_MIN_MAX_ARGS } from './atoms.js';
import { add, equal, evaluate, format, max, min, mul, parse, sub, substitute, sym } from './index.js';

const x = sym('x');
const y = sym('y');
const z = sym('z');

describe('min and max', () => {
  it(`keep up to ${MAX_MIN_MAX_ARGS} distinct arguments, then throw DIM_EXPRESSION_LIMIT`, () => {
    // A chain of broadcasts of distinct symbols: max(d0, d1), max(max(d0, d1), d2), …
    let acc = max(sym('d0'), sym('d1'));
    for (let i = 2; i < MAX_MIN_MAX_ARGS; i++) acc = max(acc, sym(`d${i}`));
    expect(format(acc).match(/d\d+/g)).toHaveLength(MAX_MIN_MAX_ARGS);
    expect(evaluate(acc, Object.fromEntries(Array.from({ length: MAX_MIN_MAX_ARGS }, (_, i) => [`d${i}`, i])))).toBe(MAX_MIN_MAX_ARGS - 1);
    // Arguments already present, or beaten by a constant difference, do not count.
    expect(format(max(acc, sym('d3')))).toBe(format(acc));
    expect(format(max(acc, sub(sym('d0'), 1)))).toBe(format(acc));
    expect(() => max(acc, sym('one_more'))).toThrow(expect.objectContaining({ code: 'DIM_EXPRESSION_LIMIT', message: `max() of ${MAX_MIN_MAX_ARGS + 1} distinct dimensions is past the ${MAX_MIN_MAX_ARGS} this analysis keeps symbolic.` }));
    let m = min(sym('d0'), sym('d1'));
    for (let i = 2; i < MAX_MIN_MAX_ARGS; i++) m = min(m, sym(`d${i}`));
    expect(() => min(m, sym('one_more'))).toThrow(expect.objectContaining({ code: 'DIM_EXPRESSION_LIMIT' }));
  });

  it('fold numbers', () => {
    expect(min(3, 5)).toBe(3);
    expect(max(3, 5)).toBe(5);
    expect(min(-2, -2)).toBe(-2);
  });

  it('fold equal arguments and arguments that differ by a constant', () => {
    expect(equal(min(x, x), x)).toBe(true);
    expect(equal(max(add(x, 1), add(1, x)), add(x, 1))).toBe(true);
    expect(equal(min(add(x, 1), x), x)).toBe(true);
    expect(format(max(add(x, 1), x))).toBe('x + 1');
    expect(format(min(sub(x, 2), add(x, 3)))).toBe('x - 2');
    expect(format(max(mul(2, y), add(mul(2, y), 5)))).toBe('2*y + 5');
  });

  it('keep undecidable pairs, in a canonical order with the constant last', () => {
    expect(format(min(y, x))).toBe('min(x, y)');
    expect(equal(min(x, y), min(y, x))).toBe(true);
    expect(format(min(3, x))).toBe('min(x, 3)');
    expect(format(max(x, 3))).toBe('max(x, 3)');
    expect(format(min(mul(2, x), y))).toBe('min(2*x, y)');
  });

  it('are associative: nested calls of the same kind flatten and print as nested binary calls', () => {
    const left = min(min(x, y), z);
    const right = min(x, min(z, y));
    expect(equal(left, right)).toBe(true);
    expect(format(left)).toBe('min(x, min(y, z))');
    expect(format(min(min(x, 3), 5))).toBe('min(x, 3)'); // 3 ≤ 5
    expect(format(min(min(x, y), add(x, 1)))).toBe('min(x, y)'); // x + 1 loses to x
    expect(format(max(min(x, y), z))).toBe('max(min(x, y), z)'); // different kinds do not mix
  });

  it('behave as atoms in arithmetic and evaluate', () => {
    expect(format(add(min(x, y), 1))).toBe('min(x, y) + 1');
    expect(format(mul(max(x, y), max(y, x)))).toBe('max(x, y)^2');
    expect(evaluate(min(x, y), { x: 3, y: -2 })).toBe(-2);
    expect(evaluate(max(x, min(y, z)), { x: 1, y: 5, z: 4 })).toBe(4);
    expect(evaluate(min(x, y), { x: 3 })).toBeUndefined();
    expect(substitute(min(x, y), { x: 4, y: 9 })).toBe(4);
    expect(format(substitute(min(x, y), { y: add(x, 2) }))).toBe('x');
  });

  it('parse n-ary calls', () => {
    expect(equal(parse('min(z, y, x)'), min(x, min(y, z)))).toBe(true);
    expect(format(parse('max(1, 2, x)'))).toBe('max(x, 2)');
  });
});

describe('absorption', () => {
  it('max(a, min(a, c)) = a and min(a, max(a, c)) = a', () => {
    const s = sym('sequence');
    expect(format(max(min(s, 512), s))).toBe('sequence');
    expect(format(max(s, min(s, 512)))).toBe('sequence');
    expect(format(min(s, max(s, 7)))).toBe('sequence');
    // Not absorbed when the inner clamp is over another symbol.
    expect(format(max(s, min(sym('past'), 512)))).toBe('max(min(past, 512), sequence)');
    // The absorbed form evaluates like the original everywhere (checked on both sides of the clamp).
    for (const v of [1, 511, 512, 513, 4096]) expect(evaluate(max(min(s, 512), s), { sequence: v })).toBe(v);
  });
});
