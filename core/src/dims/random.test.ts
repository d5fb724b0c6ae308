/**
 * Property tests on random expressions from a seeded generator. Each random tree yields three things
 * built independently: a text in the grammar (with random spacing), a reference evaluator working
 * straight on BigInts (no canonicalisation), and the Dim built with the helpers. They must agree.
 */
import { describe, expect, it } from 'vitest';
import { add, ceilDiv, equal, evaluate, floorDiv, format, max, min, mul, neg, parse, pow, substitute, sub, sym, tryCompare, type Dim } from './index.js';
import { rng } from './test-helpers.js';

type Env = Record<string, bigint>;
interface Sample {
  text: string;
  ref: (env: Env) => bigint;
  dim: Dim;
}

const NAMES = ['a', 'b', 'c', 'odd name'];

/** Math.min does not take BigInts. */
const bigMin = (p: bigint, q: bigint): bigint => (p < q ? p : q);

function floorRef(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

function generator(seed: number) {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const sp = () => (r() < 0.3 ? ' ' : '');
  const leaf = (): Sample => {
    const pick = r();
    if (pick < 0.55) {
      const name = NAMES[int(0, NAMES.length - 1)];
      const text = name === 'odd name' ? '`odd name`' : name;
      return { text, ref: (env) => env[name], dim: sym(name) };
    }
    // Mostly small constants; now and then one beyond 2^53.
    const v = pick < 0.95 ? BigInt(int(-9, 9)) : 12345678901234567n * BigInt(int(1, 9));
    const dim = parse(v < 0n ? `(${v})` : `${v}`);
    return { text: v < 0n ? `(${v})` : `${v}`, ref: () => v, dim };
  };
  const tree = (depth: number): Sample => {
    if (depth === 0 || r() < 0.2) return leaf();
    const a = tree(depth - 1);
    switch (int(0, 8)) {
      case 0: {
        const b = tree(depth - 1);
        return { text: `(${a.text}${sp()}+${sp()}${b.text})`, ref: (e) => a.ref(e) + b.ref(e), dim: add(a.dim, b.dim) };
      }
      case 1: {
        const b = tree(depth - 1);
        return { text: `(${a.text}${sp()}-${sp()}${b.text})`, ref: (e) => a.ref(e) - b.ref(e), dim: sub(a.dim, b.dim) };
      }
      case 2: {
        const b = tree(depth - 1);
        return { text: `(${a.text}${sp()}*${sp()}${b.text})`, ref: (e) => a.ref(e) * b.ref(e), dim: mul(a.dim, b.dim) };
      }
      case 3: {
        const c = int(1, 9);
        return { text: `floor(${a.text}${sp()}/${sp()}${c})`, ref: (e) => floorRef(a.ref(e), BigInt(c)), dim: floorDiv(a.dim, c) };
      }
      case 4: {
        const c = int(1, 9);
        return { text: `ceil(${sp()}${a.text}/${c})`, ref: (e) => -floorRef(-a.ref(e), BigInt(c)), dim: ceilDiv(a.dim, c) };
      }
      case 5: {
        const b = tree(depth - 1);
        const ref = (e: Env) => bigMin(a.ref(e), b.ref(e));
        return { text: `min(${a.text},${sp()}${b.text})`, ref, dim: min(a.dim, b.dim) };
      }
      case 6: {
        const b = tree(depth - 1);
        const ref = (e: Env) => -bigMin(-a.ref(e), -b.ref(e));
        return { text: `max(${a.text},${sp()}${b.text})`, ref, dim: max(a.dim, b.dim) };
      }
      case 7: {
        const k = int(0, 2);
        return { text: `(${a.text})^${k}`, ref: (e) => a.ref(e) ** BigInt(k), dim: pow(a.dim, k) };
      }
      default:
        return { text: `-${a.text}`, ref: (e) => -a.ref(e), dim: neg(a.dim) };
    }
  };
  const binding = (): Env => Object.fromEntries(NAMES.map((n) => [n, BigInt(int(-20, 40))]));
  return { tree, binding };
}

/** evaluate() returns numbers for safe values; compare as BigInt. */
const big = (v: number | bigint | undefined): bigint | undefined => (v === undefined ? undefined : BigInt(v));

describe('random expressions (seeded)', () => {
  it('canonical forms, parsed texts and printed forms all evaluate like the reference', () => {
    const g = generator(20240611);
    for (let i = 0; i < 400; i++) {
      const s = g.tree(4);
      const fromText = parse(s.text);
      const printed = format(s.dim);
      const reparsed = parse(printed);
      expect(equal(fromText, s.dim), `${s.text} → ${format(fromText)} vs ${printed}`).toBe(true);
      expect(equal(reparsed, s.dim), `round trip of ${printed} gave ${format(reparsed)}`).toBe(true);
      expect(format(reparsed)).toBe(printed);
      for (let j = 0; j < 6; j++) {
        const env = g.binding();
        expect(big(evaluate(s.dim, env)), `${printed} at ${JSON.stringify(env, (_, v) => String(v))}`).toBe(s.ref(env));
      }
    }
  });

  it('obeys commutativity, associativity and distributivity structurally', () => {
    const g = generator(7);
    for (let i = 0; i < 150; i++) {
      const [p, q, r] = [g.tree(3), g.tree(3), g.tree(3)].map((s) => s.dim);
      expect(equal(add(p, q), add(q, p))).toBe(true);
      expect(equal(mul(p, q), mul(q, p))).toBe(true);
      expect(equal(min(p, q), min(q, p))).toBe(true);
      expect(equal(add(add(p, q), r), add(p, add(q, r)))).toBe(true);
      expect(equal(mul(mul(p, q), r), mul(p, mul(q, r)))).toBe(true);
      expect(equal(max(max(p, q), r), max(p, max(q, r)))).toBe(true);
      expect(equal(mul(p, add(q, r)), add(mul(p, q), mul(p, r)))).toBe(true);
      expect(sub(p, p)).toBe(0);
      expect(tryCompare(add(p, 3), p)).toBe(1);
    }
  });

  it('partial substitution then evaluation equals evaluation', () => {
    const g = generator(99);
    for (let i = 0; i < 200; i++) {
      const s = g.tree(4);
      const env = g.binding();
      const partial = substitute(s.dim, { a: Number(env.a), c: sym('c') });
      expect(big(evaluate(partial, env))).toBe(s.ref(env));
      const full = substitute(s.dim, Object.fromEntries(NAMES.map((n) => [n, Number(env[n])])));
      expect(big(evaluate(full, {}))).toBe(s.ref(env));
    }
  });

  it('proves floor((s + c*t)/c) = floor(s/c) + t however the terms merged', () => {
    const g = generator(31337);
    for (let i = 0; i < 200; i++) {
      const s = g.tree(3).dim;
      const t = g.tree(2).dim;
      const c = 2 + (i % 8);
      expect(tryCompare(floorDiv(add(s, mul(c, t)), c), add(floorDiv(s, c), t))).toBe(0);
    }
  });

  it('the fully reduced comparison form never changes a value', () => {
    const g = generator(4242);
    for (let i = 0; i < 200; i++) {
      const s = g.tree(4);
      const t = g.tree(2);
      const verdict = tryCompare(s.dim, t.dim);
      if (verdict === undefined) continue;
      for (let j = 0; j < 4; j++) {
        const env = g.binding();
        const d = s.ref(env) - t.ref(env);
        expect(d < 0n ? -1 : d > 0n ? 1 : 0).toBe(verdict);
      }
    }
  });
});
