/**
 * The public Dim arithmetic. Each helper first tries plain numbers: a typeof check, the operation and
 * a safe-integer check, nothing allocated. Only symbolic operands, or a result beyond 2^53, take the
 * BigInt polynomial path.
 */
import { floorOf, minMaxOf, symbolExpr } from './atoms.js';
import { arithmeticError } from './errors.js';
import type { Dim, Expr, Monomial } from './expr.js';
import { ADD, MAX, MIN, MUL, SUB, memoized } from './memo.js';
import { accumulate, addD, collect, fromTerms, mulD, negD, subD, termsOf, toBig } from './poly.js';

/** The symbol `name` (any non-empty string; odd names print back-quoted). */
export function sym(name: string): Expr {
  return symbolExpr(name);
}

/**
 * True when `d` is an {@link Expr}. Usually that means it involves a symbol, but a constant beyond
 * 2^53 is an Expr too; use {@link hasSymbols} to ask about symbols.
 */
export function isSymbolic(d: Dim): d is Expr {
  return typeof d !== 'number';
}

/** True when `d` mentions at least one symbol (a huge constant does not). */
export function hasSymbols(d: Dim): boolean {
  return typeof d !== 'number' && !(d.terms.length === 1 && d.terms[0].mono.degree === 0);
}

/** a + b. */
export function add(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  if (b === 0) return a;
  if (a === 0) return b;
  return memoized(ADD, a, b, addD);
}

/** a − b. */
export function sub(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  if (b === 0) return a;
  if (a === b) return 0;
  return memoized(SUB, a, b, subD);
}

/** a × b. A safe float product of integers is exact, so the safe-integer check is the whole guard. */
export function mul(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r; // no -0
  }
  if (b === 1) return a;
  if (a === 1) return b;
  if (a === 0 || b === 0) return 0;
  return memoized(MUL, a, b, mulD);
}

/** −a. */
export function neg(a: Dim): Dim {
  if (typeof a === 'number' && Number.isSafeInteger(a)) return 0 - a;
  return negD(a);
}

/**
 * ⌊a / b⌋. For numbers, floor of the float quotient, which is exact for safe integers. For symbolic a,
 * b is a non-zero integer constant (canonical forms pull out the divisible part), or a symbolic
 * divisor assumed positive: the exact quotient when b divides a polynomially, else an opaque
 * `floor(a/b)` atom. b = 0 throws DIM_ARITHMETIC_INVALID.
 */
export function floorDiv(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0 && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    return Math.floor(a / b) + 0;
  }
  return floorOf(a, b);
}

/** ⌈a / b⌉, kept in the normal form ⌊(a + b − 1)/b⌋ (b > 0), so it prints as floor(...). */
export function ceilDiv(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number' && b !== 0 && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    return Math.ceil(a / b) + 0;
  }
  if (typeof b === 'number' && b < 0) return neg(floorDiv(neg(a), b)); // ⌈a/b⌉ = −⌊−a/b⌋
  return floorDiv(add(a, sub(b, 1)), b);
}

/** a mod b = a − b·⌊a/b⌋ (the sign of b, like Python's %). */
export function mod(a: Dim, b: number): Dim {
  if (typeof a === 'number' && b !== 0 && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    const r = a % b; // exact for safe integers; takes the sign of a, so shift to the sign of b
    return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
  }
  return sub(a, mul(b, floorDiv(a, b)));
}

/** min(a, b); folds numbers, equal arguments and arguments that differ by a known constant. */
export function min(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a <= b ? a : b;
  // Remembered like add and mul: the simplification prints every argument, and a transformer's
  // layers broadcast the same clamped lengths layer after layer.
  return memoized(MIN, a, b, minD);
}

/** max(a, b); see {@link min}. */
export function max(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a >= b ? a : b;
  return memoized(MAX, a, b, maxD);
}

const minD = (a: Dim, b: Dim): Dim => minMaxOf('min', [a, b]);
const maxD = (a: Dim, b: Dim): Dim => minMaxOf('max', [a, b]);

/** a^k for an integer k ≥ 0 (a^0 = 1); symbolic powers expand: (x + 1)^2 = x^2 + 2*x + 1. */
export function pow(a: Dim, k: number): Dim {
  if (!Number.isSafeInteger(k) || k < 0) throw arithmeticError(`A power must be a non-negative integer, got ${k}.`);
  if (typeof a === 'number') {
    let r = 1;
    let i = 0;
    for (; i < k; i++) {
      const next = r * a;
      if (!Number.isSafeInteger(next)) break;
      r = next;
    }
    if (i === k) return r === 0 ? 0 : r;
  }
  let result: Dim = 1;
  let base: Dim = a;
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = mulD(result, base);
    if (e > 1) base = mulD(base, base);
  }
  return result;
}

/** Σ ds (0 for []). Numbers are summed plainly; symbolic sums merge like terms once, not pairwise. */
export function sum(ds: readonly Dim[]): Dim {
  let acc = 0;
  let i = 0;
  for (; i < ds.length; i++) {
    const d = ds[i];
    if (typeof d !== 'number') break;
    const r = acc + d;
    if (!Number.isSafeInteger(r)) break;
    acc = r;
  }
  if (i === ds.length) return acc;
  const bag = new Map<string, { coeff: bigint; mono: Monomial }>();
  accumulate(bag, termsOf(acc));
  for (; i < ds.length; i++) accumulate(bag, termsOf(ds[i]));
  return fromTerms(collect(bag));
}

/** Π ds (1 for []). */
export function product(ds: readonly Dim[]): Dim {
  let acc = 1;
  let i = 0;
  for (; i < ds.length; i++) {
    const d = ds[i];
    if (typeof d !== 'number') break;
    const r = acc * d;
    if (!Number.isSafeInteger(r)) break;
    acc = r;
  }
  if (i === ds.length) return acc === 0 ? 0 : acc;
  // Pairwise through mul: its memo makes the element count of a shape seen before the same Expr.
  let result: Dim = acc;
  for (; i < ds.length && result !== 0; i++) result = mul(result, ds[i]);
  return result === 0 ? 0 : result; // no -0
}

/** Number of elements of a tensor of this shape: the product of its dims, 1 for a scalar. */
export function numel(shape: readonly Dim[]): Dim {
  return product(shape);
}

/** The value as a number when `d` is a constant safe integer, else undefined. */
export function asNumber(d: Dim): number | undefined {
  return typeof d === 'number' ? d : undefined;
}

/** The exact value when `d` is a constant (any size), else undefined. */
export function asBigInt(d: Dim): bigint | undefined {
  if (typeof d === 'number') return toBig(d);
  return d.terms.length === 1 && d.terms[0].mono.degree === 0 ? d.terms[0].coeff : undefined;
}

/** True when `d` has no symbols (a number, or a constant beyond 2^53). */
export function isConstant(d: Dim): boolean {
  return !hasSymbols(d);
}
