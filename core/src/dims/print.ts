import type { Dim, Factor, Term } from './expr.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.:]*$/;
/** Function names of the grammar: a symbol spelt like one is back-quoted so parsing stays unambiguous. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['floor', 'ceil', 'min', 'max']);

/**
 * A symbol as the grammar writes it: bare when it is an identifier, otherwise in back-quotes with
 * inner back-quotes doubled (`` `odd name` ``, `` `a``b` ``). ONNX dim_params are arbitrary strings.
 */
export function formatSymbolName(name: string): string {
  if (IDENTIFIER.test(name) && !RESERVED_NAMES.has(name)) return name;
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Safe integers print with String(); anything else integral prints every digit, never `1e+21`. */
export function formatNumber(n: number): string {
  if (Number.isSafeInteger(n) || !Number.isInteger(n)) return String(n);
  return BigInt(n).toString();
}

/** Printed form of any Dim (numbers included). */
export function formatDim(d: Dim): string {
  return typeof d === 'number' ? formatNumber(d) : d.key;
}

/** `a*b^2*floor(x/2)`: factors in their canonical order, `^` only for powers above 1. */
export function printFactors(factors: readonly Factor[]): string {
  let out = '';
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i];
    if (i > 0) out += '*';
    out += f.exp === 1 ? f.atom.key : `${f.atom.key}^${f.exp}`;
  }
  return out;
}

/** `3*x^2 - x + 1`: coefficient first, ` + ` / ` - ` between terms, `0` for no terms. */
export function printTerms(terms: readonly Term[]): string {
  if (terms.length === 0) return '0';
  let out = '';
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    const negative = t.coeff < 0n;
    const abs = negative ? -t.coeff : t.coeff;
    let body: string;
    if (t.mono.degree === 0) body = abs.toString();
    else if (abs === 1n) body = t.mono.key;
    else body = `${abs}*${t.mono.key}`;
    if (i === 0) out = negative ? `-${body}` : body;
    else out += negative ? ` - ${body}` : ` + ${body}`;
  }
  return out;
}

/**
 * The numerator of `floor(P/c)`: parenthesised when it has more than one term, a coefficient other
 * than 1, or is a negative constant; so `floor(x/2)`, `floor(h*w/4)`, `floor((h - 1)/2)`, `floor((2*x)/3)`.
 */
export function printNumerator(d: Dim): string {
  const text = formatDim(d);
  if (typeof d === 'number') return d < 0 ? `(${text})` : text;
  const t = d.terms;
  const bare = t.length === 1 && (t[0].coeff === 1n || (t[0].mono.degree === 0 && t[0].coeff > 0n));
  return bare ? text : `(${text})`;
}

/** The divisor of `floor(P/D)`: a positive constant or a lone atom prints bare, anything else in parentheses. */
export function printDenominator(d: Dim): string {
  const text = formatDim(d);
  if (typeof d === 'number') return d < 0 ? `(${text})` : text;
  const t = d.terms;
  const bare =
    t.length === 1 && ((t[0].mono.degree === 0 && t[0].coeff > 0n) || (t[0].coeff === 1n && t[0].mono.factors.length === 1 && t[0].mono.factors[0].exp === 1));
  return bare ? text : `(${text})`;
}
