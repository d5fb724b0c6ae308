import { printTerms } from './print.js';

/**
 * A tensor dimension or a count derived from dimensions: a plain number on the fast path (most dims of
 * most graphs are concrete), or an {@link Expr} when a symbol is involved or the value does not fit a
 * safe integer. Every helper in this folder accepts both; given only numbers it returns a number.
 */
export type Dim = number | Expr;

/** A named symbol such as `batch`, `sequence` or `unk__3`. */
export interface SymbolAtom {
  readonly kind: 'sym';
  readonly name: string;
  /** The printed form (bare or back-quoted); also the identity of the atom. */
  readonly key: string;
}

/**
 * `floor(num/den)`: `den` is a constant ≥ 2, or a symbolic divisor that does not divide `num`
 * exactly. `num` is never a constant when `den` is.
 */
export interface FloorAtom {
  readonly kind: 'floor';
  readonly num: Dim;
  readonly den: Dim;
  readonly key: string;
}

/** `min(...)` / `max(...)` of at least two arguments no two of which differ by a known constant. */
export interface MinMaxAtom {
  readonly kind: 'min' | 'max';
  /** Sorted: non-constant arguments by printed form, then at most one constant. */
  readonly args: readonly Dim[];
  readonly key: string;
}

/** The indeterminates of the polynomial form. Opaque atoms are treated as independent variables. */
export type Atom = SymbolAtom | FloorAtom | MinMaxAtom;

/** An atom raised to a positive integer power. */
export interface Factor {
  readonly atom: Atom;
  readonly exp: number;
}

/** A product of factors sorted by atom order; `key` is its printed form ('' for the constant monomial). */
export interface Monomial {
  readonly factors: readonly Factor[];
  readonly degree: number;
  readonly key: string;
}

/** A non-zero integer coefficient times a monomial. */
export interface Term {
  readonly coeff: bigint;
  readonly mono: Monomial;
}

/**
 * An immutable canonical polynomial with BigInt coefficients. Canonical means: like terms merged, no
 * zero terms, terms sorted (descending degree, then lexicographic), atoms simplified. Two equal
 * canonical forms print identically, so the printed form doubles as the structural key.
 *
 * An Expr is never a safe-integer constant (that is a plain number); it is a constant only when the
 * value lies beyond ±(2^53 − 1).
 *
 * Build Exprs with the helpers (`sym`, `add`, `mul`, `parse`, …), never with `new`.
 */
let nextId = 1;

export class Expr {
  /** @internal Canonical sorted terms; read-only by contract. */
  readonly terms: readonly Term[];
  // A private field, so structural comparisons (tests' toEqual) still see only the terms.
  readonly #id: number;
  #key: string | undefined;

  /** @internal Use the helpers; the terms must already be canonical. */
  constructor(terms: readonly Term[], key?: string) {
    this.terms = terms;
    this.#key = key;
    this.#id = nextId++;
  }

  /** @internal A number unique to this object: the identity the arithmetic memo hashes (memo.ts). */
  get id(): number {
    return this.#id;
  }

  /** The canonical printed form, computed once. */
  get key(): string {
    if (this.#key === undefined) this.#key = printTerms(this.terms);
    return this.#key;
  }

  toString(): string {
    return this.key;
  }

  /** `JSON.stringify` writes the expression string (the report's grammar). */
  toJSON(): string {
    return this.key;
  }
}
