/** Equality and ordering of Dims: structural, and provable when a difference is a constant. */
import { sub } from './arith.js';
import type { Dim } from './expr.js';
import { constantOf, termsOf, toBig } from './poly.js';
import { rebuild } from './rebuild.js';

/** Structural equality of canonical forms (`2*x + 1` equals `1 + x*2` once both are built). */
export function equal(a: Dim, b: Dim): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'number' || typeof b === 'number') {
    // A canonical Expr is never a safe integer, but an unsafe number may meet a huge constant Expr.
    const n = typeof a === 'number' ? a : (b as number);
    const e = typeof a === 'number' ? b : a;
    if (!Number.isInteger(n) || typeof e === 'number') return false;
    const c = constantOf(e.terms);
    return c !== undefined && c === toBig(n);
  }
  return a === b || a.key === b.key;
}

/**
 * Compares a and b for every value of their symbols: −1, 0 or 1 when a − b is a known constant,
 * undefined otherwise. Floors are compared in a fully reduced form, so `floor((h - 1)/2) + 1` and
 * `floor((h + 1)/2)` compare as 0 though they print differently. Symbols are not assumed positive.
 */
export function tryCompare(a: Dim, b: Dim): -1 | 0 | 1 | undefined {
  const diff = sub(a, b);
  let c = constantOf(termsOf(diff));
  if (c === undefined) c = constantOf(termsOf(rebuild(diff, () => undefined, 'full')));
  if (c === undefined) return undefined;
  return c < 0n ? -1 : c > 0n ? 1 : 0;
}

/** True when a = b for every value of the symbols, as far as {@link tryCompare} can prove. */
export function provablyEqual(a: Dim, b: Dim): boolean {
  return equal(a, b) || tryCompare(a, b) === 0;
}

/**
 * True when a ≥ b for every non-negative value of the symbols (dims never go negative): a − b is a
 * polynomial in plain symbols with no negative coefficient. False means "not provable", not "a < b".
 */
export function dominates(a: Dim, b: Dim): boolean {
  const diff = sub(a, b);
  if (typeof diff === 'number') return diff >= 0;
  return termsOf(diff).every((t) => t.coeff >= 0n && t.mono.factors.every((f) => f.atom.kind === 'sym'));
}
