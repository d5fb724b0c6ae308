/**
 * Polynomial arithmetic on canonical term lists. Everything here is the slow path: the public helpers
 * in arith.ts answer plain numbers before they get here. Coefficients are BigInt so counts beyond 2^53
 * (a 70B model's FLOPs at a long context) stay exact.
 */
import { arithmeticError } from './errors.js';
import { Expr, type Atom, type Dim, type Factor, type Monomial, type Term } from './expr.js';
import { printFactors, printTerms } from './print.js';

/** The monomial of the constant term. */
export const ONE: Monomial = Object.freeze({ factors: Object.freeze([]) as readonly Factor[], degree: 0, key: '' });

const EMPTY: readonly Term[] = Object.freeze([]) as readonly Term[];

/** An integral number as BigInt; a non-integer or non-finite dimension is an error. */
export function toBig(n: number): bigint {
  if (!Number.isInteger(n)) throw arithmeticError(`A dimension must be an integer, got ${n}.`);
  return BigInt(n);
}

/** A BigInt as a Dim: a number when it is a safe integer, else a constant Expr. */
export function fromBig(b: bigint): Dim {
  if (b >= -9007199254740991n && b <= 9007199254740991n) return Number(b);
  return new Expr([{ coeff: b, mono: ONE }]);
}

/** Floor division of BigInts (BigInt `/` truncates toward zero). */
export function floorBig(a: bigint, b: bigint): bigint {
  if (b === 0n) throw arithmeticError('Division by zero in a dimension expression.');
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Symbols before function atoms, then by printed form: a fixed total order on atoms. */
export function compareAtoms(a: Atom, b: Atom): number {
  if (a === b) return 0;
  const ra = a.kind === 'sym' ? 0 : 1;
  const rb = b.kind === 'sym' ? 0 : 1;
  if (ra !== rb) return ra - rb;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Graded lexicographic order: higher total degree first; at equal degree, the first atom where the
 * exponents differ decides, the larger exponent first (`x^2 + x*y + y^2`). A monomial order, so the
 * leading term of a product is the product of the leading terms (exact division relies on it).
 */
export function compareMonomials(m1: Monomial, m2: Monomial): number {
  if (m1 === m2) return 0;
  if (m1.degree !== m2.degree) return m2.degree - m1.degree;
  const f1 = m1.factors;
  const f2 = m2.factors;
  for (let i = 0; ; i++) {
    if (i >= f1.length) return i >= f2.length ? 0 : 1;
    if (i >= f2.length) return -1;
    const c = compareAtoms(f1[i].atom, f2[i].atom);
    if (c !== 0) return c;
    if (f1[i].exp !== f2[i].exp) return f2[i].exp - f1[i].exp;
  }
}

export function makeMonomial(factors: readonly Factor[]): Monomial {
  let degree = 0;
  for (const f of factors) degree += f.exp;
  return { factors, degree, key: printFactors(factors) };
}

/** The Expr `1*atom`. */
export function atomExpr(atom: Atom): Expr {
  return new Expr([{ coeff: 1n, mono: makeMonomial([{ atom, exp: 1 }]) }]);
}

/** The atom when `d` is exactly one atom to the first power with coefficient 1. */
export function soleAtom(d: Dim): Atom | undefined {
  if (typeof d === 'number' || d.terms.length !== 1) return undefined;
  const t = d.terms[0];
  return t.coeff === 1n && t.mono.factors.length === 1 && t.mono.factors[0].exp === 1 ? t.mono.factors[0].atom : undefined;
}

export function mulMonomials(m1: Monomial, m2: Monomial): Monomial {
  if (m1.degree === 0) return m2;
  if (m2.degree === 0) return m1;
  const a = m1.factors;
  const b = m2.factors;
  const out: Factor[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = compareAtoms(a[i].atom, b[j].atom);
    if (c < 0) out.push(a[i++]);
    else if (c > 0) out.push(b[j++]);
    else out.push({ atom: a[i].atom, exp: a[i++].exp + b[j++].exp });
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return makeMonomial(out);
}

/** m1 / m2 when m2 divides m1, else undefined. */
export function divMonomials(m1: Monomial, m2: Monomial): Monomial | undefined {
  const out: Factor[] = [];
  let j = 0;
  for (const f of m1.factors) {
    const g = m2.factors[j];
    if (g !== undefined && compareAtoms(f.atom, g.atom) === 0) {
      if (g.exp > f.exp) return undefined;
      if (f.exp > g.exp) out.push({ atom: f.atom, exp: f.exp - g.exp });
      j++;
    } else {
      out.push(f);
    }
  }
  return j === m2.factors.length ? makeMonomial(out) : undefined;
}

export function termsOf(d: Dim): readonly Term[] {
  if (typeof d !== 'number') return d.terms;
  return d === 0 ? EMPTY : [{ coeff: toBig(d), mono: ONE }];
}

/** The constant value of a term list, or undefined when it has a symbolic term. */
export function constantOf(terms: readonly Term[]): bigint | undefined {
  if (terms.length === 0) return 0n;
  return terms.length === 1 && terms[0].mono.degree === 0 ? terms[0].coeff : undefined;
}

/** Canonical terms to a Dim: constants collapse to numbers (or a constant Expr beyond 2^53). */
export function fromTerms(terms: readonly Term[]): Dim {
  const c = constantOf(terms);
  if (c !== undefined) return fromBig(c);
  // Interning prints the expression; long sums (a transformer's live bytes at each node) are rarely
  // met again, and printing them at every step cost more than sharing saved.
  return terms.length <= MAX_INTERNED_TERMS ? intern(terms) : new Expr(terms);
}

/** Expressions of up to this many terms are interned. */
const MAX_INTERNED_TERMS = 4;

/** Recently built expressions by printed form (the canonical key); cleared when it grows past the cap. */
const interned = new Map<string, Expr>();
const MAX_INTERNED = 1 << 14;

/**
 * One object per expression while it is recent: with the arithmetic memo (memo.ts), a computation
 * that comes back to an expression it met before (a liveness sweep adding and freeing the same
 * `64*batch`) gets the same object, so the memo hits from then on instead of building new ones.
 */
function intern(terms: readonly Term[]): Expr {
  const key = printTerms(terms);
  const hit = interned.get(key);
  if (hit) return hit;
  if (interned.size >= MAX_INTERNED) interned.clear();
  const e = new Expr(terms, key);
  interned.set(key, e);
  return e;
}

/** a + sign·b by merging the sorted lists. */
export function addTerms(a: readonly Term[], b: readonly Term[], sign: 1n | -1n = 1n): readonly Term[] {
  if (b.length === 0) return a;
  if (a.length === 0 && sign === 1n) return b;
  const out: Term[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : compareMonomials(a[i].mono, b[j].mono);
    if (c < 0) out.push(a[i++]);
    else if (c > 0) {
      const t = b[j++];
      out.push(sign === 1n ? t : { coeff: -t.coeff, mono: t.mono });
    } else {
      const coeff = a[i].coeff + sign * b[j].coeff;
      if (coeff !== 0n) out.push({ coeff, mono: a[i].mono });
      i++;
      j++;
    }
  }
  return out;
}

export function scaleTerms(a: readonly Term[], k: bigint): readonly Term[] {
  if (k === 1n) return a;
  if (k === 0n) return EMPTY;
  return a.map((t) => ({ coeff: t.coeff * k, mono: t.mono }));
}

/** Sorts and merges an unordered bag of terms (used by products and n-ary sums). */
export function collect(bag: Map<string, { coeff: bigint; mono: Monomial }>): readonly Term[] {
  const out: Term[] = [];
  for (const t of bag.values()) if (t.coeff !== 0n) out.push(t);
  out.sort((x, y) => compareMonomials(x.mono, y.mono));
  return out;
}

/** Adds terms into a bag keyed by monomial. */
export function accumulate(bag: Map<string, { coeff: bigint; mono: Monomial }>, terms: readonly Term[], k = 1n): void {
  for (const t of terms) {
    const slot = bag.get(t.mono.key);
    if (slot) slot.coeff += t.coeff * k;
    else bag.set(t.mono.key, { coeff: t.coeff * k, mono: t.mono });
  }
}

export function mulTerms(a: readonly Term[], b: readonly Term[]): readonly Term[] {
  if (a.length === 0 || b.length === 0) return EMPTY;
  if (a.length === 1 && a[0].mono.degree === 0) return scaleTerms(b, a[0].coeff);
  if (b.length === 1 && b[0].mono.degree === 0) return scaleTerms(a, b[0].coeff);
  const bag = new Map<string, { coeff: bigint; mono: Monomial }>();
  for (const x of a) {
    for (const y of b) {
      const mono = mulMonomials(x.mono, y.mono);
      const slot = bag.get(mono.key);
      if (slot) slot.coeff += x.coeff * y.coeff;
      else bag.set(mono.key, { coeff: x.coeff * y.coeff, mono });
    }
  }
  return collect(bag);
}

/**
 * Exact polynomial division n / d (atoms as indeterminates, integer coefficients), or undefined when
 * d does not divide n. Standard division by the leading term; with a monomial order the remainder is
 * zero exactly when d divides n.
 */
export function divideTerms(n: readonly Term[], d: readonly Term[]): readonly Term[] | undefined {
  if (d.length === 0) return undefined;
  const lead = d[0];
  const quotient: Term[] = [];
  let rem = n;
  while (rem.length > 0) {
    const mono = divMonomials(rem[0].mono, lead.mono);
    if (mono === undefined || rem[0].coeff % lead.coeff !== 0n) return undefined;
    const q: Term = { coeff: rem[0].coeff / lead.coeff, mono };
    quotient.push(q);
    rem = addTerms(rem, mulTerms([q], d), -1n);
  }
  // Leading terms come out in descending order, so the quotient is already sorted.
  return quotient;
}

// Dim-level slow paths, used by the atom builders and the public helpers.
export const addD = (a: Dim, b: Dim): Dim => fromTerms(addTerms(termsOf(a), termsOf(b)));
export const subD = (a: Dim, b: Dim): Dim => fromTerms(addTerms(termsOf(a), termsOf(b), -1n));
export const mulD = (a: Dim, b: Dim): Dim => fromTerms(mulTerms(termsOf(a), termsOf(b)));
export const negD = (a: Dim): Dim => fromTerms(scaleTerms(termsOf(a), -1n));

/** The constant a − b when the difference is a constant, else undefined. */
export function constantDifference(a: Dim, b: Dim): bigint | undefined {
  return constantOf(addTerms(termsOf(a), termsOf(b), -1n));
}
