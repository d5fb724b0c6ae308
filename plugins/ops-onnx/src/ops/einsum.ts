/**
 * Einsum (since 12). Equations in numpy form: `term,term->out` with letters and an optional `...` per
 * term; without `->` the output is the ellipsis dims followed by the letters used exactly once, in
 * alphabetical (ASCII) order. Ellipsis dims of the inputs broadcast together.
 */
import { defineOp, dims, type Dim, type OpNode, broadcastShapes } from '@autodoc/core';
import { invalidNode, missingAttribute, outNumel, tensorOut } from './nn-common.js';

/** What an equation says once bound to input shapes. */
export interface EinsumBinding {
  readonly output: Dim[];
  /** Size of every distinct letter. */
  readonly letters: ReadonlyMap<string, Dim>;
  /** Broadcast ellipsis dims (empty when no term uses `...`). */
  readonly ellipsis: readonly Dim[];
  /** Letters of the inputs that are not in the output (summed over). */
  readonly contracted: readonly string[];
}

interface Term {
  readonly letters: string[];
  readonly ellipsisAt: number; // index in `letters` where `...` stands, or −1
}

function parseTerm(n: OpNode, text: string): Term {
  const at = text.indexOf('...');
  if (at !== text.lastIndexOf('...')) throw invalidNode(n, `term "${text}" has more than one ellipsis.`);
  const plain = at < 0 ? text : text.slice(0, at) + text.slice(at + 3);
  if (!/^[A-Za-z]*$/.test(plain)) throw invalidNode(n, `term "${text}" may contain only letters and one "...".`);
  return { letters: [...plain], ellipsisAt: at < 0 ? -1 : at };
}

/** Binds an equation to input shapes; undefined when some input shape is unknown. */
export function bindEinsum(n: OpNode, equation: string, shapes: readonly (readonly Dim[] | undefined)[]): EinsumBinding | undefined {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.split('->');
  const terms = lhs.split(',').map((t) => parseTerm(n, t));
  if (terms.length !== shapes.length) throw invalidNode(n, `equation "${equation}" has ${terms.length} input terms for ${shapes.length} inputs.`);
  if (shapes.some((s) => s === undefined)) return undefined;
  const letters = new Map<string, Dim>();
  const counts = new Map<string, number>();
  const ellipses: Dim[][] = [];
  terms.forEach((term, i) => {
    const shape = shapes[i]!;
    const ellipsisRank = shape.length - term.letters.length;
    if (ellipsisRank < 0 || (term.ellipsisAt < 0 && ellipsisRank !== 0)) throw invalidNode(n, `term ${i} of "${equation}" does not match input rank ${shape.length}.`);
    const before = term.ellipsisAt < 0 ? term.letters.length : term.ellipsisAt;
    term.letters.forEach((letter, j) => {
      const d = shape[j < before ? j : j + ellipsisRank];
      const seen = letters.get(letter);
      // A size-1 occurrence yields to a larger one (broadcast), else the first size stands.
      if (seen === undefined || seen === 1) letters.set(letter, d);
      counts.set(letter, (counts.get(letter) ?? 0) + 1);
    });
    if (term.ellipsisAt >= 0) ellipses.push(shape.slice(before, before + ellipsisRank));
  });
  const ellipsis = broadcastShapes(ellipses) ?? [];
  let outLetters: string[];
  let outEllipsisAt: number;
  if (rhs === undefined) {
    outLetters = [...counts.keys()].filter((l) => counts.get(l) === 1).sort();
    outEllipsisAt = 0;
  } else {
    const term = parseTerm(n, rhs);
    for (const l of term.letters) if (!letters.has(l)) throw invalidNode(n, `output letter "${l}" does not appear in any input of "${equation}".`);
    outLetters = term.letters;
    outEllipsisAt = term.ellipsisAt < 0 ? (ellipsis.length === 0 ? 0 : -1) : term.ellipsisAt;
    if (outEllipsisAt < 0) throw invalidNode(n, `"${equation}": inputs use "..." with dims but the output omits it.`);
  }
  const output = [...outLetters.slice(0, outEllipsisAt).map((l) => letters.get(l)!), ...ellipsis, ...outLetters.slice(outEllipsisAt).map((l) => letters.get(l)!)];
  const contracted = [...letters.keys()].filter((l) => !outLetters.includes(l));
  return { output, letters, ellipsis, contracted };
}

export const einsum = defineOp({
  opType: 'Einsum',
  since: 12,
  shape: (n) => {
    const equation = n.attrString('equation');
    if (equation === undefined) throw missingAttribute(n, 'equation');
    const shapes = Array.from({ length: n.inputCount }, (_, i) => n.input(i)?.dims);
    const bound = bindEinsum(n, equation, shapes);
    return [tensorOut(n.input(0)?.dtype, bound?.output)];
  },
  cost: (n) => {
    const shapes = Array.from({ length: n.inputCount }, (_, i) => n.input(i)?.dims);
    const bound = bindEinsum(n, n.attrString('equation', ''), shapes);
    if (!bound) return { flops: dims.mul(Math.max(n.inputCount - 1, 0), outNumel(n)) }; // throws when unknown
    if (bound.contracted.length > 0) {
      // One product term per point of the full index space (output and contracted indices).
      const macs = dims.product([...bound.letters.values(), ...bound.ellipsis]);
      return { macs, flops: dims.mul(2, macs) };
    }
    return { flops: dims.mul(Math.max(n.inputCount - 1, 0), outNumel(n)) };
  },
  examples: [
    // b·i·k outputs × j: 2·3·5 × 4 = 120 MACs.
    { title: 'batched matmul', inputs: [[2, 3, 4], [2, 4, 5]], attrs: { equation: 'bij,bjk->bik' }, expect: { shapes: [[2, 3, 5]], macs: 120, flops: 240 } },
    // Diagonal of the last two dims; no contraction, one operand: 0 FLOPs.
    { title: 'batched diagonal', inputs: [[3, 5, 5]], attrs: { equation: '...ii->...i' }, expect: { shapes: [[3, 5]], flops: 0 } },
    // Implicit output: letters used once, sorted → "ik"; j contracted: 3·4·5 = 60 MACs.
    { title: 'implicit output', inputs: [[3, 4], [4, 5]], attrs: { equation: 'ij,jk' }, expect: { shapes: [[3, 5]], macs: 60, flops: 120 } },
  ],
  notes: 'With a contracted index: MACs = product of the sizes of every distinct index (output and contracted, ellipsis dims included), FLOPs = 2 × MACs. Without one (elementwise, transpose, diagonal): FLOPs = (inputs − 1) per output element, no MACs.',
});

export const einsumOps = [einsum];
