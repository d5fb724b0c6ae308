/**
 * Builders of the opaque atoms — symbols, floor(P/c), min, max — with the simplifications that keep
 * them canonical. Every rule here must hold for all integer values of the symbols.
 */
import { arithmeticError, expressionLimitError } from './errors.js';
import type { Atom, Dim, Expr, FloorAtom, MinMaxAtom, Term } from './expr.js';
import {
  addTerms,
  atomExpr,
  addD,
  constantDifference,
  constantOf,
  divideTerms,
  floorBig,
  fromBig,
  fromTerms,
  gcdBig,
  negD,
  scaleTerms,
  soleAtom,
  termsOf,
  toBig,
} from './poly.js';
import { formatDim, formatSymbolName, printDenominator, printNumerator } from './print.js';

/** The symbol `name` as an Expr. Any non-empty string is a valid name (ONNX dim_params are free text). */
export function symbolExpr(name: string): Expr {
  if (typeof name !== 'string' || name.length === 0) throw arithmeticError('A symbol name must be a non-empty string.');
  return atomExpr({ kind: 'sym', name, key: formatSymbolName(name) });
}

/**
 * How far floor(P/c) is normalised.
 * - `'print'` (the canonical form): pull out the terms whose coefficients are multiples of c, and the
 *   constant down to |r| < c keeping its sign (BigInt division truncates), so a conv output reads
 *   `floor((h - 1)/2) + 1` as written by the shape rule, and `floor((h - 9)/8) + 1` (a strided conv
 *   after a pool) reads `floor((h - 1)/8)`, the form the symbolic corpus gives.
 * - `'full'` (used only to prove equalities): reduce every coefficient into [0, c), which makes
 *   `floor((h - 1)/2) + 1` and `floor((h + 1)/2)` the same form.
 */
export type FloorMode = 'print' | 'full';

/** floor(num/den) for integer-valued num; den a non-zero constant, or symbolic (assumed positive). */
export function floorOf(num: Dim, den: Dim, mode: FloorMode = 'print'): Dim {
  const denTerms = termsOf(den);
  const c = constantOf(denTerms);
  if (c !== undefined) {
    if (c === 0n) throw arithmeticError(`Division by zero: floor((${formatDim(num)})/0).`);
    // floor(n / -c) = floor(-n / c)
    return c < 0n ? floorByConstant(negD(num), -c, mode) : floorByConstant(num, c, mode);
  }
  // A symbolic divisor: exact quotient when it divides polynomially, else an opaque atom.
  const quotient = divideTerms(termsOf(num), denTerms);
  if (quotient !== undefined) return fromTerms(quotient);
  const atom: FloorAtom = { kind: 'floor', num, den, key: `floor(${printNumerator(num)}/${printDenominator(den)})` };
  return atomExpr(atom);
}

function floorByConstant(num: Dim, c: bigint, mode: FloorMode): Dim {
  if (c === 1n) return num;
  let terms = termsOf(num);
  const k = constantOf(terms);
  if (k !== undefined) return fromBig(floorBig(k, c));

  // floor((floor(r/a) + q)/c) = floor((r + a·q)/(a·c)) for positive integers a, c and integer-valued q:
  // stacked poolings collapse (floor(floor(h/2)/2) = floor(h/4)).
  const nested = terms.findIndex((t) => t.coeff === 1n && innerFloor(t) !== undefined);
  if (nested >= 0) {
    const inner = innerFloor(terms[nested]) as { num: Dim; a: bigint };
    const rest = terms.filter((_, i) => i !== nested);
    return floorByConstant(fromTerms(addTerms(termsOf(inner.num), scaleTerms(rest, inner.a))), inner.a * c, mode);
  }

  // floor(g·p / g·c') = floor(p/c'): the rational value is the same.
  let g = c;
  for (const t of terms) g = gcdBig(g, t.coeff);
  if (g > 1n) {
    terms = terms.map((t) => ({ coeff: t.coeff / g, mono: t.mono }));
    c /= g;
    if (c === 1n) return fromTerms(terms);
  }

  // floor((c·q + r)/c) = q + floor(r/c) for integer-valued q: move c·q out, keep r inside.
  const pulled: Term[] = [];
  const rest: Term[] = [];
  for (const t of terms) {
    const q = mode === 'full' ? floorBig(t.coeff, c) : t.mono.degree === 0 || t.coeff % c === 0n ? t.coeff / c : 0n;
    const r = t.coeff - q * c;
    if (q !== 0n) pulled.push({ coeff: q, mono: t.mono });
    if (r !== 0n) rest.push({ coeff: r, mono: t.mono });
  }
  const restConstant = constantOf(rest);
  const remainder: Dim =
    restConstant !== undefined
      ? fromBig(floorBig(restConstant, c))
      : atomExpr({
          kind: 'floor',
          num: fromTerms(rest),
          den: fromBig(c),
          key: `floor(${printNumerator(fromTerms(rest))}/${c})`,
        });
  return addD(fromTerms(pulled), remainder);
}

/** The numerator and constant divisor when a term is exactly floor(r/a). */
function innerFloor(t: Term): { num: Dim; a: bigint } | undefined {
  const f = t.mono.factors;
  if (f.length !== 1 || f[0].exp !== 1 || f[0].atom.kind !== 'floor') return undefined;
  const a = constantOf(termsOf(f[0].atom.den));
  return a !== undefined && a > 0n ? { num: f[0].atom.num, a } : undefined;
}

/**
 * Most distinct arguments a min or max keeps. Real models clamp or broadcast two or three lengths;
 * a graph that broadcasts 20,000 inputs of distinct symbolic sizes in a chain built a max of one
 * more argument per node and did not finish in hours.
 */
export const MAX_MIN_MAX_ARGS = 16;

function tooManyArguments(kind: 'min' | 'max', count: number): Error {
  return expressionLimitError(`${kind}() of ${count} distinct dimensions is past the ${MAX_MIN_MAX_ARGS} this analysis keeps symbolic.`);
}

/**
 * min/max of any number of arguments: nested atoms of the same kind flatten, duplicates go, and of two
 * arguments whose difference is a known constant only the winner stays. One survivor is returned as is.
 * More than MAX_MIN_MAX_ARGS distinct arguments throw DIM_EXPRESSION_LIMIT.
 */
export function minMaxOf(kind: 'min' | 'max', args: readonly Dim[]): Dim {
  const flat: Dim[] = [];
  for (const arg of args) {
    // An unsafe number (2 ** 60) becomes its exact constant Expr, so keys and types stay canonical.
    const a = typeof arg === 'number' && !Number.isSafeInteger(arg) ? fromBig(toBig(arg)) : arg;
    const atom: Atom | undefined = soleAtom(a);
    if (atom !== undefined && atom.kind === kind) flat.push(...atom.args);
    else flat.push(a);
  }
  // Absorption: max(a, min(a, c)) = a and min(a, max(a, c)) = a. Exporters produce these when they
  // clamp a symbolic length to a buffer size (`min(sequence, 512)`) and then broadcast it back.
  const opposite = kind === 'min' ? 'max' : 'min';
  const keys = new Set(flat.map((d) => formatDim(d)));
  // The pairwise simplification below costs the square of the count: bounded before it runs (two
  // arguments of at most MAX_MIN_MAX_ARGS each flatten to no more than twice that), exact after.
  if (keys.size > 2 * MAX_MIN_MAX_ARGS) throw tooManyArguments(kind, keys.size);
  const absorbed = flat.filter((d) => {
    const atom = soleAtom(d);
    return !(atom !== undefined && atom.kind === opposite && atom.args.some((x) => keys.has(formatDim(x))));
  });
  const kept: Dim[] = [];
  for (const a of absorbed) {
    let dominated = false;
    for (let j = kept.length - 1; j >= 0; j--) {
      const diff = constantDifference(a, kept[j]);
      if (diff === undefined) continue;
      // min keeps the smaller one; ties keep the earlier.
      const aLoses = kind === 'min' ? diff >= 0n : diff <= 0n;
      if (aLoses) {
        dominated = true;
        break;
      }
      kept.splice(j, 1);
    }
    if (!dominated) kept.push(a);
  }
  if (kept.length === 0) throw arithmeticError(`${kind}() needs at least one argument.`);
  if (kept.length > MAX_MIN_MAX_ARGS) throw tooManyArguments(kind, kept.length);
  if (kept.length === 1) return kept[0];
  const keyed = kept.map((d) => ({ d, key: formatDim(d), constant: constantOf(termsOf(d)) !== undefined }));
  keyed.sort((x, y) => (x.constant !== y.constant ? (x.constant ? 1 : -1) : x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  // Printed as nested binary calls so the report's grammar stays min(a, b).
  let key = keyed[keyed.length - 1].key;
  for (let i = keyed.length - 2; i >= 0; i--) key = `${kind}(${keyed[i].key}, ${key})`;
  const atom: MinMaxAtom = { kind, args: keyed.map((x) => x.d), key };
  return atomExpr(atom);
}
