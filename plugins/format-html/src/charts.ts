/**
 * The built-in charts of the HTML report as vega-lite specs, built from stable report paths. Long
 * series are bucketed so chart data stays small whatever the model size.
 */
import type { LayerRow, Report } from '@autodoc/core';
import { getPath } from '@autodoc/core';

export interface ChartSpec {
  /** File-name-safe id (PNG export uses it). */
  readonly id: string;
  readonly title: string;
  readonly spec: Record<string, unknown>;
}

const TOP = 15;
const PROFILE_BUCKETS = 120;
const TIMELINE_POINTS = 300;

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+$/.test(v)) return Number(v);
  return undefined;
}

/** The `TOP` largest entries, the rest summed as "other". */
function topEntries(entries: [string, number][], label = 'other'): { key: string; value: number }[] {
  const sorted = entries.filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const out = sorted.slice(0, TOP).map(([key, value]) => ({ key, value }));
  const rest = sorted.slice(TOP).reduce((s, [, v]) => s + v, 0);
  if (rest > 0) out.push({ key: `${label} (${sorted.length - TOP})`, value: rest });
  return out;
}

function barChart(id: string, title: string, values: { key: string; value: number }[], axis: string): ChartSpec | undefined {
  if (values.length === 0) return undefined;
  return {
    id,
    title,
    spec: {
      data: { values },
      mark: { type: 'bar', tooltip: false },
      encoding: {
        y: { field: 'key', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 220 } },
        x: { field: 'value', type: 'quantitative', title: axis, axis: { format: '~s' } },
      },
      width: 420,
    },
  };
}

const MAX_GROUPS = 20;

/**
 * Sums a per-layer figure by block from `layers[]` (each layer belongs to exactly one block), at the
 * deepest block level that still gives ≤ 20 groups, so a 96-layer encoder shows `encoder` and
 * `embeddings` rather than 96 near-equal bars.
 */
function byBlockFromLayers(layers: readonly LayerRow[], field: 'params' | 'flops'): [string, number][] {
  const paths = layers.map((l) => (l.block ? l.block.split('/').filter(Boolean) : []));
  const maxDepth = Math.min(6, paths.reduce((m, p) => Math.max(m, p.length), 0)); // no spread: 10^5+ paths overflow the stack
  let best: [string, number][] = [];
  for (let depth = 1; depth <= maxDepth; depth++) {
    const sums = new Map<string, number>();
    layers.forEach((l, i) => {
      const key = paths[i].slice(0, depth).join('/') || '(root)';
      sums.set(key, (sums.get(key) ?? 0) + (num(l[field]) ?? 0));
    });
    if (depth > 1 && sums.size > MAX_GROUPS) break;
    best = [...sums];
  }
  return best;
}

/** From layers when present; else the section's own byBlock record (with --summary). */
function byBlock(report: Report, path: string, field: 'params' | 'flops'): [string, number][] {
  if (report.layers?.length) return byBlockFromLayers(report.layers, field);
  const record = getPath(report, path) as Record<string, unknown> | undefined;
  const entries: [string, number][] = [];
  for (const [k, v] of Object.entries(record ?? {})) {
    const n = num(v && typeof v === 'object' ? (v as { total: unknown }).total : v);
    if (n !== undefined) entries.push([k || '(root)', n]);
  }
  return entries;
}

/** FLOPs, params and output bytes along the execution order, summed in ≤ 120 buckets. */
function depthProfile(layers: readonly LayerRow[]): ChartSpec | undefined {
  if (layers.length === 0) return undefined;
  const size = Math.ceil(layers.length / PROFILE_BUCKETS);
  const metrics = [
    ['FLOPs', 'flops'],
    ['Parameters', 'params'],
    ['Output bytes', 'outputBytes'],
  ] as const;
  const values: { position: number; metric: string; value: number }[] = [];
  for (const [label, field] of metrics) {
    const sums: number[] = [];
    let any = false;
    layers.forEach((l, i) => {
      const v = num(l[field]) ?? 0;
      if (v) any = true;
      sums[Math.floor(i / size)] = (sums[Math.floor(i / size)] ?? 0) + v;
    });
    if (!any) continue;
    for (const [b, value] of sums.entries()) values.push({ position: b * size, metric: label, value });
  }
  if (values.length === 0) return undefined;
  return {
    id: 'depth-profile',
    title: `Layer depth profile (execution order${size > 1 ? `, ${size} layers per step` : ''})`,
    spec: {
      data: { values },
      mark: { type: 'area', interpolate: 'step-after', line: true, opacity: 0.7 },
      encoding: {
        x: { field: 'position', type: 'quantitative', title: 'layer index', scale: { domain: [0, layers.length], nice: false } },
        y: { field: 'value', type: 'quantitative', title: null, axis: { format: '~s' } },
        row: { field: 'metric', type: 'nominal', title: null },
        color: { field: 'metric', type: 'nominal', legend: null },
      },
      resolve: { scale: { y: 'independent' } },
      width: 560,
      height: 70,
    },
  };
}

function memoryTimeline(report: Report): ChartSpec | undefined {
  const timeline = getPath(report, 'memory.timeline') as { index: number; bytes: unknown }[] | undefined;
  if (!timeline?.length) return undefined;
  const step = Math.ceil(timeline.length / TIMELINE_POINTS);
  const values: { index: number; bytes: number }[] = [];
  for (let i = 0; i < timeline.length; i += step) {
    let max: number | undefined;
    for (let j = i; j < Math.min(i + step, timeline.length); j++) {
      const b = num(timeline[j].bytes);
      if (b !== undefined && (max === undefined || b > max)) max = b;
    }
    if (max !== undefined) values.push({ index: timeline[i].index, bytes: max });
  }
  if (values.length === 0) return undefined;
  return {
    id: 'memory-timeline',
    title: 'Live activation bytes along the execution order',
    spec: {
      data: { values },
      mark: { type: 'area', line: true, opacity: 0.6 },
      encoding: {
        x: { field: 'index', type: 'quantitative', title: 'layer index' },
        y: { field: 'bytes', type: 'quantitative', title: 'bytes', axis: { format: '~s' } },
      },
      width: 560,
      height: 160,
    },
  };
}

function memoryBreakdown(report: Report): ChartSpec | undefined {
  const b = getPath(report, 'memory.breakdown') as Record<string, unknown> | undefined;
  if (!b) return undefined;
  const labels: Record<string, string> = { weights: 'Weights', activationsPeak: 'Peak activations', kvCache: 'KV cache' };
  const values = Object.entries(labels).flatMap(([k, key]) => (num(b[k]) ? [{ key, value: num(b[k]) as number }] : []));
  return barChart('memory-breakdown', 'Memory breakdown (bytes)', values, 'bytes');
}

function kvCacheChart(report: Report): ChartSpec | undefined {
  const kv = getPath(report, 'memory.kvCache') as Record<string, unknown> | undefined;
  const perToken = num(kv?.bytesPerToken);
  if (!kv?.present || !perToken) return undefined;
  const batch = num(kv.batch) ?? 1;
  const values = [];
  for (let ctx = 256; ctx <= 131072; ctx *= 2) values.push({ context: ctx, bytes: perToken * ctx * batch });
  return {
    id: 'kv-cache',
    title: `KV cache vs context length (batch ${batch})`,
    spec: {
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'context', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'context length (tokens)' },
        y: { field: 'bytes', type: 'quantitative', axis: { format: '~s' }, title: 'bytes' },
      },
      width: 420,
      height: 180,
    },
  };
}

/** Every built-in chart that has data in this report, in display order. */
export function builtInCharts(report: Report): ChartSpec[] {
  const histogram = (getPath(report, 'graph.opHistogram') ?? {}) as Record<string, number>;
  const charts = [
    barChart('op-types', 'Op type distribution (nodes)', topEntries(Object.entries(histogram)), 'nodes'),
    barChart('params-by-block', 'Parameters by block', topEntries(byBlock(report, 'params.byBlock', 'params')), 'parameters'),
    barChart('flops-by-block', 'FLOPs by block', topEntries(byBlock(report, 'cost.flops.byBlock', 'flops')), 'FLOPs'),
    depthProfile(report.layers ?? []),
    memoryTimeline(report),
    memoryBreakdown(report),
    kvCacheChart(report),
  ];
  return charts.filter((c): c is ChartSpec => c !== undefined);
}
