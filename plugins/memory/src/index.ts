import { type AnalysisContext, boundValue, countJson, type Dim, definePlugin, dims, dtypeByName, precisionBits, Stage, symbolicCount, valueBytes } from '@autodoc/core';
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
  for (const node of ctx.graph.nodes) {
    const out = node.outputs.map((v) => (v ? valueBytes(v, precision) : 0));
    if (out.every((b) => b !== undefined)) ctx.layers.set(node, { outputBytes: out.reduce((a, b) => dims.add(a as number, b as number), 0) });
  }
  const live = liveness(ctx);
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
    timeline: timeline(ctx, live.live),
    breakdown: { weights: countJson(atPrecision), activationsPeak: peak.total, kvCache: kvCache.bytes, workspace: null },
    kvCache,
    largestTensors: largest(ctx),
    notes,
  };
}

/** Bytes live per node; long graphs are bucketed (the largest per bucket) so charts stay small. */
function timeline(ctx: AnalysisContext, live: readonly (Dim | undefined)[]): MemorySection['timeline'] {
  const bindings = ctx.options.bindings;
  const score = (i: number) => {
    const d = live[i];
    return d === undefined ? -1 : dims.rank(d, bindings);
  };
  const n = live.length;
  const step = Math.max(1, Math.ceil(n / TIMELINE_POINTS));
  const points: MemorySection['timeline'] = [];
  for (let start = 0; start < n; start += step) {
    let best = start;
    let bestScore = score(start);
    for (let i = start + 1; i < Math.min(n, start + step); i++) {
      const s = score(i);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    const d = live[best];
    points.push({ index: best, node: ctx.graph.nodes[best].name, bytes: d === undefined ? null : boundValue(d, bindings) });
  }
  return points;
}

function largest(ctx: AnalysisContext): MemorySection['largestTensors'] {
  const bindings = ctx.options.bindings;
  const rows: { name: string; d: Dim; score: number }[] = [];
  for (const node of ctx.graph.nodes) {
    for (const v of node.outputs) {
      const d = v && valueBytes(v, ctx.options.precision);
      if (!v || d === undefined) continue;
      const score = dims.rank(d, bindings);
      rows.push({ name: v.name, d, score });
    }
  }
  rows.sort((a, b) => b.score - a.score);
  return rows.slice(0, LARGEST).map((r) => {
    const c = symbolicCount(r.d, bindings);
    return { name: r.name, bytes: c.total, expression: dims.isSymbolic(r.d) ? c.expression : null };
  });
}
