/**
 * Value propagation for elementwise ops on small integer tensors whose contents are known — the shape
 * arithmetic of exported models (`Shape → Gather → Add → Concat → Reshape`). Elements may be symbolic;
 * an element that cannot be told exactly makes the whole result unknown (never a guess). Tiny float
 * tensors are followed too, with the float rules of float-value.ts ({@link elementwiseValue}).
 */
import { dims, type Dim } from '@autodoc/core';
import { INTEGER_DTYPES } from '../ops/general-common.js';
import { FLOAT_VALUE_DTYPES, floatElementFunction, MAX_FLOAT_VALUE_ELEMENTS } from './float-value.js';

/** Largest tensor whose contents are followed (shape tensors are tiny; this bounds the work). */
export const MAX_VALUE_ELEMENTS = 65_536;

/** One operand: its shape (numbers only, for indexing) and its row-major contents. */
export interface ValueOperand {
  readonly dims: readonly Dim[] | undefined;
  readonly value: readonly Dim[] | undefined;
}

/** An elementwise function on known elements; undefined = this element cannot be told exactly. */
export type ElementFn = (xs: readonly Dim[]) => Dim | undefined;

/**
 * Applies `fn` elementwise with multidirectional broadcasting. Every operand needs known contents and
 * a concrete shape whose element count matches them; otherwise the result is undefined, as it is
 * when the result would have more than `maxElements` elements.
 */
export function broadcastValues(operands: readonly ValueOperand[], fn: ElementFn, maxElements = MAX_VALUE_ELEMENTS): Dim[] | undefined {
  const shapes: number[][] = [];
  for (const op of operands) {
    if (!op.value || !op.dims || op.dims.some((d) => typeof d !== 'number')) return undefined;
    const shape = op.dims as number[];
    if (shape.reduce((a, b) => a * b, 1) !== op.value.length) return undefined;
    shapes.push(shape);
  }
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const s of shapes) {
      const k = s[i - (rank - s.length)] ?? 1;
      if (k !== 1) {
        if (d !== 1 && d !== k) return undefined;
        d = k;
      }
    }
    out.push(d);
  }
  const total = out.reduce((a, b) => a * b, 1);
  if (total > maxElements) return undefined;
  const result: Dim[] = [];
  const index = new Array<number>(rank).fill(0);
  for (let flat = 0; flat < total; flat++) {
    const args = operands.map((op, j) => op.value![offsetOf(index, shapes[j], rank)]);
    const r = fn(args);
    if (r === undefined) return undefined;
    result.push(r);
    for (let ax = rank - 1; ax >= 0; ax--) {
      if (++index[ax] < out[ax]) break;
      index[ax] = 0;
    }
  }
  return result;
}

function offsetOf(index: readonly number[], shape: readonly number[], rank: number): number {
  let off = 0;
  const lead = rank - shape.length;
  for (let ax = 0; ax < shape.length; ax++) off = off * shape[ax] + (shape[ax] === 1 ? 0 : index[ax + lead]);
  return off;
}

const bool = (b: boolean): number => (b ? 1 : 0);

/** a ⋚ b as −1/0/1 when provable for every value of the symbols. */
function compare(a: Dim, b: Dim): -1 | 0 | 1 | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return dims.tryCompare(a, b);
}

/**
 * ONNX integer Div truncates toward zero. On numbers that is exact; on a symbolic dividend with a
 * positive constant divisor we use floor division, which equals truncation for the non-negative
 * quantities shape arithmetic divides (dims, sizes). Anything else is not followed.
 */
function intDiv(a: Dim, b: Dim): Dim | undefined {
  if (typeof a === 'number' && typeof b === 'number') return b === 0 ? undefined : Math.trunc(a / b) + 0;
  if (typeof b === 'number' && b > 0) return dims.floorDiv(a, b);
  return undefined;
}

/** ONNX Mod: fmod = 0 takes the sign of the divisor (Python %), fmod = 1 the sign of the dividend. */
function intMod(a: Dim, b: Dim, fmod: number): Dim | undefined {
  if (typeof b !== 'number' || b === 0) return undefined;
  if (fmod === 1) return typeof a === 'number' ? (a % b) + 0 : undefined;
  return dims.mod(a, b);
}

const fold = (f: (a: Dim, b: Dim) => Dim) => (xs: readonly Dim[]) => xs.reduce((a, b) => f(a, b));
const numbersOnly = (f: (...xs: number[]) => number) => (xs: readonly Dim[]) => (xs.every((x) => typeof x === 'number') ? f(...(xs as number[])) : undefined);

/** The element functions of the ops whose contents are followed, by op type. */
export function elementFunction(opType: string, attrs: { fmod?: number } = {}): ElementFn | undefined {
  switch (opType) {
    case 'Add': return fold(dims.add);
    case 'Sub': return fold(dims.sub);
    case 'Mul': return fold(dims.mul);
    case 'Div': return ([a, b]) => intDiv(a, b);
    case 'Mod': return ([a, b]) => intMod(a, b, attrs.fmod ?? 0);
    case 'Max': return fold(dims.max);
    case 'Min': return fold(dims.min);
    case 'Sum': return fold(dims.add);
    case 'Neg': return ([a]) => dims.neg(a);
    case 'Relu': return ([a]) => dims.max(a, 0);
    case 'Abs': return ([a]) => { const c = compare(a, 0); return c === undefined ? undefined : c < 0 ? dims.neg(a) : a; };
    case 'Sign': return ([a]) => compare(a, 0);
    case 'Pow': return ([a, b]) => (typeof b === 'number' && Number.isInteger(b) && b >= 0 ? dims.pow(a, b) : undefined);
    case 'Equal': return ([a, b]) => { const c = compare(a, b); return c === undefined ? (dims.equal(a, b) ? 1 : undefined) : bool(c === 0); };
    case 'Less': return ([a, b]) => { const c = compare(a, b); return c === undefined ? undefined : bool(c < 0); };
    case 'LessOrEqual': return ([a, b]) => { const c = compare(a, b); return c === undefined ? undefined : bool(c <= 0); };
    case 'Greater': return ([a, b]) => { const c = compare(a, b); return c === undefined ? undefined : bool(c > 0); };
    case 'GreaterOrEqual': return ([a, b]) => { const c = compare(a, b); return c === undefined ? undefined : bool(c >= 0); };
    case 'And': return numbersOnly((a, b) => bool(a !== 0 && b !== 0));
    case 'Or': return numbersOnly((a, b) => bool(a !== 0 || b !== 0));
    case 'Xor': return numbersOnly((a, b) => bool((a !== 0) !== (b !== 0)));
    case 'Not': return numbersOnly((a) => bool(a === 0));
    case 'Where': return ([c, x, y]) => (typeof c === 'number' ? (c !== 0 ? x : y) : undefined);
    default: return undefined;
  }
}

/** An operand with its dtype, for {@link elementwiseValue}. */
export interface TypedOperand extends ValueOperand {
  readonly dtype: string | undefined;
}

/**
 * Result contents of elementwise `opType` when every operand's contents are known: integer (and
 * BOOL) operands follow exact Dim arithmetic up to {@link MAX_VALUE_ELEMENTS}; operands of one float
 * dtype (BOOL beside them: Where's condition) follow IEEE arithmetic in that format up to
 * {@link MAX_FLOAT_VALUE_ELEMENTS} (see float-value.ts). Undefined otherwise.
 */
export function elementwiseValue(opType: string, operands: readonly TypedOperand[], attrs: { fmod?: number } = {}): Dim[] | undefined {
  if (operands.length === 0) return undefined;
  for (const a of operands) if (a.value === undefined || a.dtype === undefined) return undefined;
  if (operands.every((a) => INTEGER_DTYPES.has(a.dtype!))) {
    const fn = elementFunction(opType, attrs);
    return fn && broadcastValues(operands, fn);
  }
  const floats = new Set(operands.map((a) => a.dtype!).filter((t) => t !== 'BOOL'));
  if (floats.size !== 1) return undefined;
  const [dtype] = floats;
  if (!FLOAT_VALUE_DTYPES.has(dtype)) return undefined;
  const fn = floatElementFunction(opType, dtype, attrs);
  return fn && broadcastValues(operands, fn, MAX_FLOAT_VALUE_ELEMENTS);
}
