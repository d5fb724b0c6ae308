/**
 * A bounded memo of symbolic arithmetic. The BigInt polynomial path allocates terms, coefficients and
 * a fresh Expr per call, and large graphs repeat the same few operations millions of times (a chain's
 * every tensor is `16*batch` elements of 4 bytes). Remembering recent results by operand identity
 * returns the same Expr object again, so equal results are shared, their printed keys computed once,
 * and nothing new is allocated. Direct-mapped and fixed-size: memory stays bounded whatever the graph,
 * and a collision only costs a recomputation. Results are pure functions of the operands (Exprs are
 * immutable), so a hit is always correct.
 */
import type { Dim } from './expr.js';

const BITS = 12;
const SIZE = 1 << BITS;
const ops = new Uint8Array(SIZE);
const lefts: Dim[] = new Array<Dim>(SIZE).fill(0);
const rights: Dim[] = new Array<Dim>(SIZE).fill(0);
const results: Dim[] = new Array<Dim>(SIZE).fill(0);

/** Operation codes (0 marks an empty slot). */
export const ADD = 1;
export const SUB = 2;
export const MUL = 3;
export const MIN = 4;
export const MAX = 5;

function hashOf(d: Dim): number {
  if (typeof d !== 'number') return d.id;
  // Integers up to 2^53: fold the high part in (dims are integers; a fraction only lowers hit rates).
  return (d | 0) ^ Math.imul((d / 4294967296) | 0, 0x27d4eb2d);
}

/** `compute(a, b)`, remembered for the pair (a, b) under `op`. At least one operand is an Expr. */
export function memoized(op: number, a: Dim, b: Dim, compute: (a: Dim, b: Dim) => Dim): Dim {
  const h = Math.imul(hashOf(a) ^ Math.imul(op, 0x9e3779b1), 0x85ebca77) ^ Math.imul(hashOf(b), 0xc2b2ae3d);
  const slot = (h ^ (h >>> 15)) & (SIZE - 1);
  if (ops[slot] === op && lefts[slot] === a && rights[slot] === b) return results[slot];
  const r = compute(a, b);
  ops[slot] = op;
  lefts[slot] = a;
  rights[slot] = b;
  results[slot] = r;
  return r;
}
