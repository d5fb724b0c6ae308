import { describe, expect, it } from 'vitest';
import {
  add,
  asBigInt,
  equal,
  evaluate,
  floorDiv,
  format,
  hasSymbols,
  isSymbolic,
  min,
  mul,
  neg,
  parse,
  product,
  sub,
  sum,
  sym,
  toJSONValue,
} from './index.js';

// 2^40 = 1099511627776, 2^50 = 1125899906842624, 2^60 = 1152921504606846976,
// 2^80 = 1208925819614629174706176 (powers of two, from any table).
const P40 = 2 ** 40;
const P80 = 1208925819614629174706176n;

describe('values beyond 2^53 stay exact', () => {
  it('2^40 · 2^40 is the exact BigInt-backed constant 2^80', () => {
    const d = mul(P40, P40);
    expect(isSymbolic(d)).toBe(true); // an Expr ...
    expect(hasSymbols(d)).toBe(false); // ... without symbols
    expect(asBigInt(d)).toBe(P80);
    expect(format(d)).toBe('1208925819614629174706176');
    expect(toJSONValue(d)).toBe('1208925819614629174706176');
    expect(evaluate(d, {})).toBe(P80);
  });

  it('switches at the edge of the safe range and back', () => {
    const over = add(Number.MAX_SAFE_INTEGER, 1);
    expect(typeof over).toBe('object');
    expect(format(over)).toBe('9007199254740992');
    const back = sub(over, 1);
    expect(back).toBe(Number.MAX_SAFE_INTEGER);
    expect(typeof neg(over)).toBe('object');
    expect(format(neg(over))).toBe('-9007199254740992');
    expect(add(over, neg(over))).toBe(0);
  });

  it('keeps huge coefficients of symbolic terms', () => {
    const x = sym('x');
    const d = mul(mul(x, P40), P40);
    expect(format(d)).toBe('1208925819614629174706176*x');
    expect(evaluate(d, { x: 3 })).toBe(3n * P80);
    expect(evaluate(d, { x: 0 })).toBe(0);
  });

  it('sums and products that overflow are exact', () => {
    // 1000 · 2^50 = 1125899906842624000
    expect(asBigInt(sum(new Array(1000).fill(2 ** 50)))).toBe(1125899906842624000n);
    // 4096^5 = 2^60
    expect(asBigInt(product([4096, 4096, 4096, 4096, 4096]))).toBe(1152921504606846976n);
  });

  it('evaluates a large symbolic cost exactly', () => {
    // MACs = 4·layers·batch·seq·hidden² with layers 80, batch 2^6, seq 2^17, hidden 2^13:
    // 80·2^2·2^6·2^17·2^26 = 5·2^55 = 5·36028797018963968 = 180143985094819840 (> 2^53).
    const macs = product([4, sym('layers'), sym('batch'), sym('seq'), sym('hidden'), sym('hidden')]);
    expect(format(macs)).toBe('4*batch*hidden^2*layers*seq');
    expect(evaluate(macs, { layers: 80, batch: 64, seq: 131072, hidden: 8192 })).toBe(180143985094819840n);
  });

  it('treats unsafe number inputs by their exact double value', () => {
    const d = mul(2 ** 60, 1);
    expect(format(d)).toBe('1152921504606846976');
    expect(equal(2 ** 60, d)).toBe(true);
    expect(equal(d, 2 ** 60)).toBe(true);
    expect(format(2 ** 70)).toBe('1180591620717411303424'); // never 1.18e+21
    const m = min(sym('x'), 2 ** 60);
    expect(format(m)).toBe('min(x, 1152921504606846976)');
    expect(equal(m, min(parse('1152921504606846976'), sym('x')))).toBe(true);
  });

  it('parses and divides huge constants', () => {
    const big = parse('123456789012345678901234567890');
    expect(format(big)).toBe('123456789012345678901234567890');
    expect(sub(big, big)).toBe(0);
    expect(floorDiv(mul(P40, P40), P40)).toBe(P40);
    expect(min(big, 7)).toBe(7);
    expect(format(min(big, parse('123456789012345678901234567891')))).toBe('123456789012345678901234567890');
  });
});
