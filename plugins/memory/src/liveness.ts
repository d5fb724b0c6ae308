import { type AnalysisContext, type Dim, dims, type Node, type Value, valueBytes } from '@autodoc/core';

export interface LivenessResult {
  /** The peak: exact expression, or undefined when some tensor's size is unknown or no single maximum can be proven. */
  readonly peak: Dim | undefined;
  readonly peakIndex: number | undefined;
  /** Why the peak is not exact, when it is not. */
  readonly caveat: string | undefined;
  readonly unknownTensors: number;
}

/** At most this many incomparable candidates stay in a symbolic max(...) before we give up exactness. */
const MAX_PEAK_TERMS = 4;

/**
 * Most terms a symbolic sum of live bytes may have. Each step adds and subtracts whole sums, so a
 * graph whose live tensors have thousands of distinct symbolic sizes (20,000 inputs of their own
 * dims) took time and memory quadratic in them: minutes and gigabytes. Past it the sweep goes on
 * with ranks only, and the peak is not given.
 */
export const MAX_LIVE_TERMS = 64;

/**
 * Liveness over the execution order (docs/definitions.md): a tensor lives from its producer (graph
 * inputs: from the start) to its last consumer (graph outputs: to the end). One sweep, O(nodes).
 * `onLive` gets the bytes live while each node runs (undefined once the sum is past
 * MAX_LIVE_TERMS terms) and their rank at the bindings.
 */
export function liveness(ctx: AnalysisContext, onLive: (index: number, live: Dim | undefined, rank: number) => void = () => {}): LivenessResult {
  const nodes = ctx.graph.nodes;
  const n = nodes.length;
  const precision = ctx.options.precision;
  const bindings = ctx.options.bindings;
  const outputs = new Set(ctx.graph.outputs);

  /**
   * Calls `record(from, to, bytes)` for each tensor of known size (live while nodes from…to - 1 run);
   * returns how many tensors have an unknown size.
   */
  const eachTensor = (record: (from: number, to: number, bytes: Dim) => void): number => {
    let unknown = 0;
    const track = (value: Value, start: number) => {
      const bytes = valueBytes(value, precision);
      if (bytes === undefined) {
        unknown++;
        return;
      }
      let end = start;
      for (let k = 0, count = value.consumerCount; k < count; k++) {
        const consumer = value.consumer(k) as Node;
        // A node's index is its position in its graph's order; consumers inside subgraph bodies are
        // not nodes of this graph and do not extend the lifetime here.
        if (nodes[consumer.index] === consumer && consumer.index > end) end = consumer.index;
      }
      if (outputs.has(value)) end = n - 1;
      record(Math.max(0, start), end + 1, bytes);
    };
    for (const input of ctx.graph.inputs) track(input, -1);
    for (let i = 0; i < n; i++) {
      const node = nodes[i];
      for (let k = 0, count = node.outputCount; k < count; k++) {
        const out = node.output(k);
        if (out) track(out, i);
      }
    }
    return unknown;
  };

  const adds: Dim[] = new Array(n + 1).fill(0);
  const removes: Dim[] = new Array(n + 1).fill(0);
  let tooLong = false;
  const unknown = eachTensor((from, to, bytes) => {
    if (tooLong) return;
    adds[from] = dims.add(adds[from], bytes);
    removes[to] = dims.add(removes[to], bytes);
    tooLong = termCount(adds[from]) > MAX_LIVE_TERMS || termCount(removes[to]) > MAX_LIVE_TERMS;
  });
  if (tooLong) return ranksOnly(n, eachTensor, bindings, onLive);

  let current: Dim | undefined = 0;
  // dims.rank of `current`, kept as a running sum: rank is linear in the terms and exact on integers
  // below 2^53, so this equals re-ranking the growing sum at every node at a fraction of the cost.
  // Past 2^53 the sum is no longer exact and each node is ranked afresh.
  let rank: number | undefined = 0;
  let candidates: { value: Dim; index: number }[] = [];
  let overflow = false;
  for (let i = 0; i < n; i++) {
    // A node that frees what it allocates (an elementwise op whose input dies there) leaves the sum
    // as it is: no symbolic add and subtract.
    if (adds[i] !== removes[i]) {
      if (current !== undefined) {
        const next = dims.sub(dims.add(current, adds[i]), removes[i]);
        if (termCount(next) <= MAX_LIVE_TERMS) current = next;
        else {
          // From here on ranks only (a float sum, which ordering needs no more than).
          rank ??= dims.rank(current, bindings);
          current = undefined;
        }
      }
      if (rank !== undefined) rank += dims.rank(adds[i], bindings) - dims.rank(removes[i], bindings);
    }
    if (rank !== undefined && current !== undefined && !Number.isSafeInteger(rank)) rank = undefined;
    onLive(i, current, rank ?? dims.rank(current as Dim, bindings)); // bytes live while node i runs (streamed: a million-node graph keeps none of them)
    if (overflow || current === undefined) continue;
    candidates = keepMaximal(candidates, current, i);
    overflow = candidates.length > MAX_PEAK_TERMS * 4;
  }
  if (unknown > 0) return { peak: undefined, peakIndex: undefined, caveat: unknownCaveat(unknown), unknownTensors: unknown };
  if (current === undefined) return { peak: undefined, peakIndex: undefined, caveat: tooManyTermsCaveat, unknownTensors: 0 };
  if (candidates.length === 0) return { peak: 0, peakIndex: undefined, caveat: undefined, unknownTensors: 0 };
  if (overflow || candidates.length > MAX_PEAK_TERMS) {
    return { peak: undefined, peakIndex: undefined, caveat: `the peak depends on the symbol values (${candidates.length} candidates); bind them with --dim for a figure`, unknownTensors: 0 };
  }
  const peak = candidates.map((c) => c.value).reduce((a, b) => dims.max(a, b));
  return { peak, peakIndex: candidates.length === 1 ? candidates[0].index : undefined, caveat: undefined, unknownTensors: 0 };
}

const unknownCaveat = (count: number) => `${count} tensor(s) have unknown shape or dtype, so live bytes undercount`;
const tooManyTermsCaveat = `the bytes live at once sum more than ${MAX_LIVE_TERMS} distinct symbolic terms; bind the symbols with --dim for a figure`;

function termCount(d: Dim): number {
  return typeof d === 'number' ? 1 : d.terms.length;
}

/**
 * The sweep without symbolic sums, for a graph whose live bytes have too many distinct terms: each
 * node's live bytes as a rank at the bindings (linear in the tensors, like the exact sweep).
 */
function ranksOnly(
  n: number,
  eachTensor: (record: (from: number, to: number, bytes: Dim) => void) => number,
  bindings: AnalysisContext['options']['bindings'],
  onLive: (index: number, live: Dim | undefined, rank: number) => void,
): LivenessResult {
  const deltas = new Float64Array(n + 1);
  const unknown = eachTensor((from, to, bytes) => {
    const r = dims.rank(bytes, bindings);
    deltas[from] += r;
    deltas[to] -= r;
  });
  let rank = 0;
  for (let i = 0; i < n; i++) {
    rank += deltas[i];
    onLive(i, undefined, rank);
  }
  const caveat = unknown > 0 ? unknownCaveat(unknown) : tooManyTermsCaveat;
  return { peak: undefined, peakIndex: undefined, caveat, unknownTensors: unknown };
}

/** Keeps the candidates no other candidate provably dominates (for all non-negative symbol values). */
function keepMaximal(candidates: { value: Dim; index: number }[], value: Dim, index: number): { value: Dim; index: number }[] {
  for (const c of candidates) if (dims.dominates(c.value, value)) return candidates;
  const kept = candidates.filter((c) => !dims.dominates(value, c.value));
  kept.push({ value, index });
  return kept;
}
