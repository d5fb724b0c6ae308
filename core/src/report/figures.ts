import { type Dim, evaluate, format, isSymbolic } from '../dims/index.js';

/** A count as JSON: a number up to 2^53, a decimal string beyond. */
export type CountJson = number | string;

/** Converts an exact integer (number or bigint) to its JSON form. */
export function countJson(n: number | bigint): CountJson {
  if (typeof n === 'bigint') return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= 0n ? Number(n) : n.toString();
  return n;
}

/**
 * A symbolic figure as the report writes it (`{ total, expression }`): `total` is the value when every
 * symbol is bound (null otherwise), `expression` the canonical formula (a plain integer when constant).
 */
export function symbolicCount(d: Dim, bindings: Readonly<Record<string, number>> = {}): { total: CountJson | null; expression: string } {
  if (!isSymbolic(d)) return { total: countJson(d), expression: String(d) };
  const value = evaluate(d, bindings);
  return { total: value === undefined ? null : countJson(value), expression: format(d) };
}

/** The value of a figure under the bindings, or null when a symbol is unbound. */
export function boundValue(d: Dim | undefined, bindings: Readonly<Record<string, number>> = {}): CountJson | null {
  if (d === undefined) return null;
  if (!isSymbolic(d)) return countJson(d);
  const value = evaluate(d, bindings);
  return value === undefined ? null : countJson(value);
}
