/** Evaluation under a binding, partial substitution and symbol listing. */
import { arithmeticError } from './errors.js';
import type { Atom, Dim, Expr } from './expr.js';
import { floorBig, toBig } from './poly.js';
import { rebuild } from './rebuild.js';

/** Symbol values, e.g. from `--dim batch=2`. Values must be integers. */
export type Binding = Readonly<Record<string, number | bigint>>;

const MAX_SAFE = 9007199254740991n;

/**
 * The value of `d` when every symbol it mentions is bound; undefined when one is not. A number when
 * the value is a safe integer, a bigint beyond ±(2^53 − 1). Computed in BigInt throughout, so a
 * product of large dims is exact.
 */
export function evaluate(d: Dim, binding: Binding): number | bigint | undefined {
  if (typeof d === 'number') return Number.isSafeInteger(d) || !Number.isInteger(d) ? d : BigInt(d);
  // Reports evaluate the same (interned) expressions for node after node.
  const known = values.under(binding).get(d);
  if (known !== undefined) return known === UNBOUND ? undefined : known;
  const v = evalBig(d, binding, new Map());
  const result = v === undefined ? undefined : v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v;
  values.under(binding).set(d, result ?? UNBOUND);
  return result;
}

/**
 * Results remembered under the last binding used (bindings are never mutated): a run evaluates
 * under one binding at a time, so a new binding simply starts a new table.
 */
class LastBindingMemo<K extends object, V> {
  #binding: Binding | undefined;
  #table = new WeakMap<K, V>();

  under(binding: Binding): WeakMap<K, V> {
    if (binding !== this.#binding) {
      this.#binding = binding;
      this.#table = new WeakMap();
    }
    return this.#table;
  }
}

const UNBOUND = Symbol('unbound');
const values = new LastBindingMemo<Expr, number | bigint | typeof UNBOUND>();

/**
 * A number to order Dims by (largest tensors, hotspots): the value with every unbound symbol taken
 * as 1, as a float. Not a figure to report — two Dims that rank equal need not be equal.
 */
export function rank(d: Dim, binding: Binding): number {
  if (typeof d === 'number') return d;
  // Analyses rank one node after another, and runs of nodes share one (interned) expression.
  if (d === lastRanked && binding === lastBinding) return lastRank;
  const v = evalFloat(d, binding);
  lastRanked = d;
  lastBinding = binding;
  lastRank = Number.isNaN(v) ? 0 : v;
  return lastRank;
}

let lastRanked: Expr | undefined;
let lastBinding: Binding | undefined;
let lastRank = 0;

/** Float evaluation for {@link rank}: no BigInt and no allocation (it runs once per node on big graphs). */
function evalFloat(d: Dim, binding: Binding): number {
  if (typeof d === 'number') return d;
  let total = 0;
  for (const t of d.terms) {
    let v = Number(t.coeff);
    for (const f of t.mono.factors) {
      const a = atomFloat(f.atom, binding);
      v *= f.exp === 1 ? a : a ** f.exp;
    }
    total += v;
  }
  return total;
}

/**
 * Float values of floor/min/max atoms: the live-bytes sums of a transformer repeat the same nested
 * `max(min(…) − min(…), sequence)` atoms in every term and at every node, so each is evaluated once
 * per binding instead of once per occurrence.
 */
const atomFloats = new LastBindingMemo<Atom, number>();

function atomFloat(atom: Atom, binding: Binding): number {
  if (atom.kind === 'sym') return Object.hasOwn(binding, atom.name) ? Number(binding[atom.name]) : 1;
  const table = atomFloats.under(binding);
  let v = table.get(atom);
  if (v === undefined) {
    v = compoundFloat(atom, binding);
    table.set(atom, v);
  }
  return v;
}

function compoundFloat(atom: Exclude<Atom, { kind: 'sym' }>, binding: Binding): number {
  if (atom.kind === 'floor') {
    const den = evalFloat(atom.den, binding);
    return den === 0 ? 0 : Math.floor(evalFloat(atom.num, binding) / den); // x/0 at a made-up binding: rank 0
  }
  let best = atom.kind === 'min' ? Infinity : -Infinity;
  for (const arg of atom.args) {
    const v = evalFloat(arg, binding);
    best = atom.kind === 'min' ? Math.min(best, v) : Math.max(best, v);
  }
  return best;
}

function evalBig(d: Dim, binding: Binding, cache: Map<string, bigint | undefined>): bigint | undefined {
  if (typeof d === 'number') return toBig(d);
  let total = 0n;
  for (const t of d.terms) {
    let v = t.coeff;
    for (const f of t.mono.factors) {
      let a = cache.get(f.atom.key);
      if (a === undefined && !cache.has(f.atom.key)) {
        a = evalAtom(f.atom, binding, cache);
        cache.set(f.atom.key, a);
      }
      if (a === undefined) return undefined;
      v *= f.exp === 1 ? a : a ** BigInt(f.exp);
    }
    total += v;
  }
  return total;
}

function evalAtom(atom: Atom, binding: Binding, cache: Map<string, bigint | undefined>): bigint | undefined {
  switch (atom.kind) {
    case 'sym': {
      if (!Object.hasOwn(binding, atom.name)) return undefined;
      const v = binding[atom.name];
      if (typeof v === 'bigint') return v;
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        throw arithmeticError(`The value bound to ${atom.key} must be an integer, got ${String(v)}.`);
      }
      return BigInt(v);
    }
    case 'floor': {
      const n = evalBig(atom.num, binding, cache);
      const q = n === undefined ? undefined : evalBig(atom.den, binding, cache);
      if (n === undefined || q === undefined) return undefined;
      if (q === 0n) throw arithmeticError(`${atom.key} divides by zero at this binding.`);
      return floorBig(n, q);
    }
    default: {
      let best: bigint | undefined;
      for (const arg of atom.args) {
        const v = evalBig(arg, binding, cache);
        if (v === undefined) return undefined;
        if (best === undefined || (atom.kind === 'min' ? v < best : v > best)) best = v;
      }
      return best;
    }
  }
}

/**
 * Replaces the bound symbols by their Dims (numbers or expressions) and re-canonicalises; unbound
 * symbols stay. Binding every symbol to a number gives the same value as {@link evaluate}.
 */
export function substitute(d: Dim, binding: Readonly<Record<string, Dim>>): Dim {
  if (typeof d === 'number') return d;
  return rebuild(d, (name) => (Object.hasOwn(binding, name) ? binding[name] : undefined), 'print');
}

/** The symbol names `d` mentions, inside floor/min/max too, sorted and distinct. */
export function symbols(d: Dim): string[] {
  const names = new Set<string>();
  const walk = (x: Dim): void => {
    if (typeof x === 'number') return;
    for (const t of x.terms) {
      for (const f of t.mono.factors) {
        const atom = f.atom;
        if (atom.kind === 'sym') names.add(atom.name);
        else if (atom.kind === 'floor') {
          walk(atom.num);
          walk(atom.den);
        } else atom.args.forEach(walk);
      }
    }
  };
  walk(d);
  return [...names].sort();
}
