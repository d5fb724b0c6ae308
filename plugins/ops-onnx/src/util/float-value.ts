/**
 * Value propagation for small float tensors: the float scalar arithmetic of function bodies and
 * exporters (Range's expansion computes its trip count as `Cast(Relu(Ceil((limit − start) / delta)))`
 * in FLOAT; Resize sizes are `Floor(Cast(Shape) × scale)`). Elements are plain JS numbers: every op
 * is computed in double and then rounded to the tensor's format, which for + − × ÷ and √ gives the
 * correctly rounded IEEE result (double has more than 2p + 2 significand bits for FLOAT, FLOAT16 and
 * BFLOAT16, so the double rounding is harmless). Symbols, NaN, infinities and the 8/4-bit float
 * formats are never followed: the result is "contents unknown" rather than a guess.
 */
import type { Dim } from '@autodoc/core';
import type { ElementFn } from './elementwise-value.js';

/**
 * Largest float result whose contents are followed. Float contents only matter for tiny shape
 * arithmetic (scalars, a Resize scale per axis); this keeps activations and weights out for good.
 */
export const MAX_FLOAT_VALUE_ELEMENTS = 64;

/** Binary format of each float dtype followed: significand bits (with the implicit one), least normal exponent, largest finite. */
const FORMATS: Readonly<Record<string, { readonly p: number; readonly emin: number; readonly max: number }>> = {
  FLOAT16: { p: 11, emin: -14, max: 65504 },
  BFLOAT16: { p: 8, emin: -126, max: 3.3895313892515355e38 },
};

/** The float dtypes whose contents are followed. */
export const FLOAT_VALUE_DTYPES: ReadonlySet<string> = new Set(['FLOAT', 'DOUBLE', 'FLOAT16', 'BFLOAT16']);

/** Round half to even on a double (exact: `q − floor(q)` has no rounding error below 2^52). */
function roundHalfEven(q: number): number {
  const f = Math.floor(q);
  const d = q - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * `x` rounded to nearest-even in the format of `dtype` (FLOAT, DOUBLE, FLOAT16, BFLOAT16), negative
 * zero made 0. Undefined for NaN, ±Inf, an overflow, or a format not followed (FLOAT8*, FLOAT4E2M1).
 */
export function roundToFloat(x: number, dtype: string): number | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (dtype === 'DOUBLE') return x + 0;
  if (dtype === 'FLOAT') {
    const r = Math.fround(x);
    return Number.isFinite(r) ? r + 0 : undefined;
  }
  const f = FORMATS[dtype];
  if (!f) return undefined;
  if (x === 0) return 0;
  const a = Math.abs(x);
  // Exponent of a's leading bit (log2 may be off by one next to a power of two: corrected).
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  // Spacing of representable numbers at a (fixed below the least normal: subnormals).
  const quantum = 2 ** (Math.max(e, f.emin) - (f.p - 1));
  const r = roundHalfEven(a / quantum) * quantum;
  if (r > f.max) return undefined;
  return (x < 0 ? -r : r) + 0;
}

/** Elementwise over plain finite numbers only, the result rounded to `dtype` (undefined otherwise). */
function numeric(dtype: string, f: (xs: number[]) => number | undefined): ElementFn {
  return (xs) => {
    for (const x of xs) if (typeof x !== 'number' || !Number.isFinite(x)) return undefined;
    const r = f(xs as number[]);
    return r === undefined ? undefined : roundToFloat(r, dtype);
  };
}

/** A left fold rounding after each step, as a runtime accumulating in the tensor's type does. */
function fold(dtype: string, f: (a: number, b: number) => number): ElementFn {
  return numeric(dtype, (xs) => {
    let acc: number | undefined = xs[0];
    for (let i = 1; i < xs.length && acc !== undefined; i++) acc = roundToFloat(f(acc, xs[i]), dtype);
    return acc;
  });
}

/** A predicate over plain finite numbers: 0/1 (BOOL output, no rounding). */
function predicate(f: (a: number, b: number) => boolean): ElementFn {
  return (xs) => {
    const [a, b] = xs;
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) return undefined;
    return f(a, b) ? 1 : 0;
  };
}

/**
 * The element function of `opType` on float tensors of `dtype`, or undefined when the op (or the
 * dtype) is not followed. `fmod` is Mod's attribute: ONNX requires fmod = 1 for floats (C fmod,
 * which JS `%` is exactly).
 */
export function floatElementFunction(opType: string, dtype: string, attrs: { fmod?: number } = {}): ElementFn | undefined {
  if (!FLOAT_VALUE_DTYPES.has(dtype)) return undefined;
  switch (opType) {
    case 'Add': case 'Sum': return fold(dtype, (a, b) => a + b);
    case 'Sub': return fold(dtype, (a, b) => a - b);
    case 'Mul': return fold(dtype, (a, b) => a * b);
    case 'Div': return numeric(dtype, ([a, b]) => (b === 0 ? undefined : a / b));
    case 'Mod': return attrs.fmod === 1 ? numeric(dtype, ([a, b]) => (b === 0 ? undefined : a % b)) : undefined;
    case 'Max': return fold(dtype, Math.max);
    case 'Min': return fold(dtype, Math.min);
    case 'Neg': return numeric(dtype, ([a]) => -a);
    case 'Abs': return numeric(dtype, ([a]) => Math.abs(a));
    case 'Sign': return numeric(dtype, ([a]) => Math.sign(a));
    case 'Relu': return numeric(dtype, ([a]) => Math.max(a, 0));
    case 'Ceil': return numeric(dtype, ([a]) => Math.ceil(a));
    case 'Floor': return numeric(dtype, ([a]) => Math.floor(a));
    case 'Round': return numeric(dtype, ([a]) => roundHalfEven(a));
    case 'Reciprocal': return numeric(dtype, ([a]) => (a === 0 ? undefined : 1 / a));
    case 'Sqrt': return numeric(dtype, ([a]) => (a < 0 ? undefined : Math.sqrt(a)));
    case 'Equal': return predicate((a, b) => a === b);
    case 'Less': return predicate((a, b) => a < b);
    case 'LessOrEqual': return predicate((a, b) => a <= b);
    case 'Greater': return predicate((a, b) => a > b);
    case 'GreaterOrEqual': return predicate((a, b) => a >= b);
    // Selection only: the chosen element is already a value of the output's format.
    case 'Where': return ([c, x, y]) => (typeof c === 'number' ? (c !== 0 ? x : y) : undefined);
    default: return undefined;
  }
}

/** Contents `values` as `dtype` (Cast/CastLike to a float type): numbers rounded, symbols kept where exact. */
export function toFloatValues(values: readonly Dim[], dtype: string): Dim[] | undefined {
  const out: Dim[] = [];
  for (const d of values) {
    if (typeof d === 'number') {
      const r = roundToFloat(d, dtype);
      if (r === undefined) return undefined;
      out.push(r);
    } else if (dtype === 'FLOAT' || dtype === 'DOUBLE') {
      // A symbol is a dim from shape arithmetic (Shape → Cast): kept, as the integer rules keep it;
      // FLOAT holds every integer to 2^24 exactly, far above the dims this arithmetic scales.
      out.push(d);
    } else {
      return undefined; // FLOAT16 holds integers exactly only to 2048, BFLOAT16 to 256
    }
  }
  return out;
}
