import { describe, expect, it } from 'vitest';
import { add, DimSum, format, mul, parse, sym } from './index.js';

describe('DimSum', () => {
  it('equals the left-to-right add of the same values: numbers, past 2^53, and repeated or distinct expressions', () => {
    const batch = sym('batch');
    const perNode = mul(batch, 16);
    const values = [3, perNode, perNode, parse('seq*batch - 2'), Number.MAX_SAFE_INTEGER, 5, perNode, parse('16*batch'), -7];
    const total = new DimSum();
    let expected: ReturnType<typeof add> = 0;
    for (const v of values) {
      total.add(v);
      expected = add(expected, v);
    }
    expect(format(total.value())).toBe(format(expected));
    // 16·batch four times; 3 + (2^53 − 1) + 5 − 7 − 2 = 2^53 − 2 (exact past the safe range).
    expect(format(total.value())).toBe('batch*seq + 64*batch + 9007199254740990');
  });

  it('is 0 when empty, and a plain number for numbers only', () => {
    expect(new DimSum().value()).toBe(0);
    const s = new DimSum();
    s.add(2);
    s.add(40);
    expect(s.value()).toBe(42);
  });

  it('keeps counting after value(): runs of one expression, interrupted and resumed, count every add once', () => {
    const a = mul(sym('batch'), 16);
    const b = parse('seq*batch');
    const s = new DimSum();
    for (const d of [a, a, a, b, a]) s.add(d);
    expect(format(s.value())).toBe('batch*seq + 64*batch');
    expect(format(s.value())).toBe('batch*seq + 64*batch');
    s.add(a);
    s.add(b);
    s.add(b);
    expect(format(s.value())).toBe('3*batch*seq + 80*batch');
  });
});
