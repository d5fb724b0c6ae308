/**
 * Float rounding and float element functions, with values worked by hand from IEEE 754 binary32 /
 * binary16 / bfloat16 (round to nearest, ties to even) and the ONNX op definitions.
 */
import { dims } from '@autodoc/core';
import { describe, expect, it } from 'vitest';
import { floatElementFunction, roundToFloat, toFloatValues } from './float-value.js';

describe('roundToFloat', () => {
  it('FLOAT: 0.1 → 13421773·2^-27; 2^24 + 1 is a tie between 2^24 and 2^24 + 2 and goes to the even 2^24', () => {
    expect(roundToFloat(0.1, 'FLOAT')).toBe(13421773 * 2 ** -27);
    expect(roundToFloat(16777217, 'FLOAT')).toBe(16777216);
    expect(roundToFloat(16777219, 'FLOAT')).toBe(16777220); // 2^24 + 3: tie between +2 (odd mantissa) and +4 (even)
    expect(roundToFloat(1e39, 'FLOAT')).toBeUndefined(); // beyond 3.4028235e38: overflows to Inf
  });
  it('FLOAT16: 11 significand bits, spacing 2 above 2048, largest finite 65504, subnormals below 2^-14', () => {
    // 0.1 = 1.6·2^-4: spacing 2^-14, 0.1·2^14 = 1638.4 → 1638 → 1638·2^-14.
    expect(roundToFloat(0.1, 'FLOAT16')).toBe(1638 * 2 ** -14);
    expect(roundToFloat(2049, 'FLOAT16')).toBe(2048); // 1024.5 spacings: tie → even 1024
    expect(roundToFloat(2051, 'FLOAT16')).toBe(2052); // 1025.5 → 1026
    expect(roundToFloat(65519, 'FLOAT16')).toBe(65504); // spacing 32: 2047.47 → 2047·32
    expect(roundToFloat(65520, 'FLOAT16')).toBeUndefined(); // 2047.5 → 2048·32 = 65536: Inf
    // Subnormal spacing 2^-24: 2^-25 is half of it (tie → 0); 3·2^-25 is 1.5 spacings → 2·2^-24.
    expect(roundToFloat(2 ** -25, 'FLOAT16')).toBe(0);
    expect(roundToFloat(3 * 2 ** -25, 'FLOAT16')).toBe(2 ** -23);
    expect(roundToFloat(-2049, 'FLOAT16')).toBe(-2048);
  });
  it('BFLOAT16: 8 significand bits (spacing 2 from 256)', () => {
    expect(roundToFloat(257, 'BFLOAT16')).toBe(256); // 128.5 → 128
    expect(roundToFloat(259, 'BFLOAT16')).toBe(260); // 129.5 → 130
    // 0.1: spacing 2^-11, 0.1·2048 = 204.8 → 205.
    expect(roundToFloat(0.1, 'BFLOAT16')).toBe(205 / 2048);
  });
  it('DOUBLE keeps the number; −0 becomes 0; NaN, Inf and unfollowed formats are unknown', () => {
    expect(roundToFloat(0.1, 'DOUBLE')).toBe(0.1);
    expect(Object.is(roundToFloat(-0, 'FLOAT'), 0)).toBe(true);
    expect(roundToFloat(Number.NaN, 'DOUBLE')).toBeUndefined();
    expect(roundToFloat(Number.POSITIVE_INFINITY, 'FLOAT')).toBeUndefined();
    expect(roundToFloat(1, 'FLOAT8E4M3FN')).toBeUndefined();
  });
});

describe('floatElementFunction', () => {
  const f = (op: string, dtype: string, xs: (number | string)[], attrs = {}) =>
    floatElementFunction(op, dtype, attrs)?.(xs.map((x) => (typeof x === 'string' ? dims.sym(x) : x)));
  it('Range body arithmetic: (5 − 1) / 2 = 2, Ceil 2, Relu 2; ceil(10/3) = 4', () => {
    expect(f('Sub', 'FLOAT', [5, 1])).toBe(4);
    expect(f('Div', 'FLOAT', [4, 2])).toBe(2);
    expect(f('Ceil', 'FLOAT', [f('Div', 'FLOAT', [10, 3]) as number])).toBe(4);
    expect(f('Relu', 'FLOAT', [-3.5])).toBe(0);
  });
  it('each result is rounded to the format: 1/3 in FLOAT is 11184811·2^-25; 2^24 + 1 in FLOAT is 2^24', () => {
    expect(f('Div', 'FLOAT', [1, 3])).toBe(11184811 * 2 ** -25);
    expect(f('Div', 'DOUBLE', [1, 3])).toBe(1 / 3);
    expect(f('Add', 'FLOAT', [16777216, 1])).toBe(16777216);
    // Sum accumulates in the type: 2048 + 1 → 2048 (tie to even in FLOAT16), + 1 → 2048 again.
    expect(f('Sum', 'FLOAT16', [2048, 1, 1])).toBe(2048);
  });
  it('Floor/Ceil/Round (half to even)/Sign; Ceil(−0.5) is 0, not −0', () => {
    expect(f('Floor', 'FLOAT', [-2.5])).toBe(-3);
    expect(Object.is(f('Ceil', 'FLOAT', [-0.5]), 0)).toBe(true);
    expect([2.5, 3.5, -2.5, 0.49].map((x) => f('Round', 'FLOAT', [x]))).toEqual([2, 4, -2, 0]);
    expect(f('Sign', 'DOUBLE', [-7.5])).toBe(-1);
  });
  it('Mod on floats needs fmod = 1 (C fmod: sign of the dividend)', () => {
    expect(f('Mod', 'FLOAT', [5.5, 2], { fmod: 1 })).toBe(1.5);
    expect(f('Mod', 'FLOAT', [-5.5, 2], { fmod: 1 })).toBe(-1.5);
    expect(floatElementFunction('Mod', 'FLOAT', { fmod: 0 })).toBeUndefined();
  });
  it('comparisons give 0/1; division by zero, √ of a negative, symbols and NaN stay unknown', () => {
    expect(f('Less', 'FLOAT', [1.5, 2])).toBe(1);
    expect(f('GreaterOrEqual', 'FLOAT', [1.5, 2])).toBe(0);
    expect(f('Div', 'FLOAT', [1, 0])).toBeUndefined();
    expect(f('Sqrt', 'FLOAT', [-1])).toBeUndefined();
    expect(f('Add', 'FLOAT', ['n', 1])).toBeUndefined();
    expect(f('Add', 'FLOAT', [Number.NaN, 1])).toBeUndefined();
    expect(floatElementFunction('Exp', 'FLOAT')).toBeUndefined(); // not followed (not correctly rounded in general)
    expect(floatElementFunction('Add', 'FLOAT8E5M2')).toBeUndefined();
  });
});

describe('toFloatValues', () => {
  it('rounds numbers; keeps symbols only for FLOAT/DOUBLE', () => {
    expect(toFloatValues([2049, 3], 'FLOAT16')).toEqual([2048, 3]);
    expect(toFloatValues([dims.sym('seq')], 'FLOAT')?.map((d) => dims.format(d))).toEqual(['seq']);
    expect(toFloatValues([dims.sym('seq')], 'FLOAT16')).toBeUndefined(); // FLOAT16 is exact for integers only to 2048
  });
});
