import { type AnalysisContext, boundValue, countJson, type Dim, definePlugin, dims, dtypeByName, type LayerFigures, precisionBits, Stage, symbolicCount, TopK, valueBytes } from '@autodoc/core';
import { detectKvCache } from './kv-cache.js';
import { liveness } from './liveness.js';
import { memorySectionDefinition, type MemorySection } from './memory-section.js';

export type { MemorySection } from './memory-section.js';

interface ParamsFacts {
  residentBytes: number | string;
  byDtype: Record<string, number | string>;
  weightBytesByDtype: Record<string, number | string>;
}

const TIMELINE_POINTS = 2000;
const LARGEST = 10;

/** Weights, activation liveness peak and timeline, KV cache, and a breakdown (docs/definitions.md). */
export default definePlugin({
  name: 'autodoc:memory',
  description: 'Weights, activation liveness peak, KV cache.',
  setup: () => ({
    requires: ['autodoc:params'],
    sections: [memorySectionDefinition],
    apply({ hooks }) {
      hooks.analyze.tap({ name: 'autodoc:memory', stage: Stage.Derive }, (ctx) => {
        ctx.setSection('memory', memorySection(ctx));
      });
    },
  }),
});

function memorySection(ctx: AnalysisContext): MemorySection {
  const params = ctx.section<ParamsFacts>('params');
  const bindings = ctx.options.bindings;
  const weightsBytes = Number(params?.residentBytes ?? 0);
  const precision = ctx.options.precision;
  let atPrecision = weightsBytes;
  if (precision && params) {
    // Float weights are re-costed at the precision; integer (already quantized) weights keep their bytes.
    for (const [dtype, elements] of Object.entries(params.byDtype)) {
      if (!dtypeByName(dtype)?.isFloat) continue;
      atPrecision += Math.ceil((Number(elements) * precisionBits[precision]) / 8) - Number(params.weightBytesByDtype[dtype] ?? 0);
    }
  }
  const top = new TopK<{ name: string; d: Dim }>(LARGEST);
  // Runs of nodes output tensors of one type, whose bytes are one Dim object (valueBytes): its rank
  // and the layer figures are made once per run, not once per node.
  let rankedBytes: Dim | undefined;
  let rank = 0;
  let lastSum: Dim | undefined;
  let lastFigures: LayerFigures = {};
  for (const node of ctx.graph.nodes) {
    // One walk for each node's output bytes (layers[]) and the largest tensors.
    let sum: Dim | undefined = 0;
    for (let i = 0, count = node.outputCount; i < count; i++) {
      const v = node.output(i);
      if (!v) continue;
      const d = valueBytes(v, precision);
      if (d === undefined) {
        sum = undefined;
        continue;
      }
      if (sum !== undefined) sum = dims.add(sum, d);
      if (d !== rankedBytes) {
        rankedBytes = d;
        rank = dims.rank(d, bindings);
      }
      top.offer(rank, () => ({ name: v.name, d }));
    }
    if (sum === undefined) continue;
    if (sum !== lastSum) {
      lastSum = sum;
      lastFigures = { outputBytes: sum };
    }
    ctx.layers.set(node, lastFigures);
  }
  const chart = new Timeline(ctx, ctx.graph.nodes.length);
  const live = liveness(ctx, (index, bytes, rank) => chart.add(index, bytes, rank));
  const peak = live.peak === undefined ? { total: null, expression: null } : symbolicCount(live.peak, bindings);
  const kvCache = detectKvCache(ctx);
  const notes = ['Runtime workspace (kernel scratch, allocator slack) is not modelled; it is reported as null, not zero.'];
  if (live.caveat) notes.push(`Peak activation memory: ${live.caveat}.`);
  return {
    weightsBytes: countJson(weightsBytes),
    weightsBytesAtPrecision: countJson(atPrecision),
    precision: precision ?? null,
    peakActivationBytes: peak.total,
    peakActivation: peak,
    peakAt: live.peakIndex === undefined ? null : ctx.graph.nodes[live.peakIndex].name,
    timeline: chart.points(),
    breakdown: { weights: countJson(atPrecision), activationsPeak: peak.total, kvCache: kvCache.bytes, workspace: null },
    kvCache,
    largestTensors: largest(top, bindings),
    notes,
  };
}

/**
 * Bytes live per node, bucketed for long graphs (the largest per bucket, by rank at the bindings) so
 * charts stay small; fed one node at a time by the liveness sweep.
 */
class Timeline {
  readonly #step: number;
  readonly #points: { index: number; live: Dim | undefined; score: number }[] = [];

  constructor(
    private readonly ctx: AnalysisContext,
    nodeCount: number,
  ) {
    this.#step = Math.max(1, Math.ceil(nodeCount / TIMELINE_POINTS));
  }

  /** `score`: dims.rank of `live` at the run's bindings (`live` undefined: too long a sum to keep, see liveness). */
  add(index: number, live: Dim | undefined, score: number): void {
    const bucket = Math.floor(index / this.#step);
    const best = this.#points[bucket];
    if (best === undefined || score > best.score) this.#points[bucket] = { index, live, score };
  }

  points(): MemorySection['timeline'] {
    const bindings = this.ctx.options.bindings;
    return this.#points.map((p) => ({ index: p.index, node: this.ctx.graph.nodes[p.index].name, bytes: boundValue(p.live, bindings) }));
  }
}

function largest(top: TopK<{ name: string; d: Dim }>, bindings: AnalysisContext['options']['bindings']): MemorySection['largestTensors'] {
  return top.values().map((r) => {
    const c = symbolicCount(r.d, bindings);
    return { name: r.name, bytes: c.total, expression: dims.isSymbolic(r.d) ? c.expression : null };
  });
}
