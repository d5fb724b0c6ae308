/**
 * Rebuilding an expression atom by atom: the shared walk behind substitute() and the "full" floor
 * normalisation that proves equalities. Results go through the public helpers, so they are canonical.
 */
import { mul, pow, sum } from './arith.js';
import { floorOf, minMaxOf, type FloorMode } from './atoms.js';
import type { Atom, Dim } from './expr.js';
import { atomExpr, fromBig } from './poly.js';

/** Replaces every atom by `replace(atom)` and re-canonicalises. */
export function mapAtoms(d: Dim, replace: (atom: Atom) => Dim): Dim {
  if (typeof d === 'number') return d;
  const parts: Dim[] = [];
  for (const t of d.terms) {
    let part: Dim = fromBig(t.coeff);
    for (const f of t.mono.factors) part = mul(part, pow(replace(f.atom), f.exp));
    parts.push(part);
  }
  return parts.length === 1 ? parts[0] : sum(parts);
}

/**
 * Rebuilds `d` with `leaf(name)` in place of each symbol it binds (unbound symbols stay), recursing
 * into floor/min/max; `mode` picks how floor atoms are normalised.
 */
export function rebuild(d: Dim, leaf: (name: string) => Dim | undefined, mode: FloorMode): Dim {
  const walk = (x: Dim): Dim =>
    mapAtoms(x, (atom) => {
      switch (atom.kind) {
        case 'sym':
          return leaf(atom.name) ?? atomExpr(atom);
        case 'floor':
          return floorOf(walk(atom.num), walk(atom.den), mode);
        default:
          return minMaxOf(atom.kind, atom.args.map(walk));
      }
    });
  return walk(d);
}
