/**
 * The executive summary, built from the report's stable paths (model.*, graph.nodeCount, params.total,
 * cost.*, memory.*, architecture.family, hardware.*, diagnostics). Sections that are absent are left
 * out; a figure whose total is unbound shows its expression. Strings stay raw; each format escapes.
 *
 * Shared by the markdown, html and terminal formats: each package keeps an identical copy of this
 * file (packages do not reach into each other's src) until it moves into @autodoc/core.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Report } from '../report/report-types.js';
import { compareText } from './units.js';
import { type Cell, figureCell, getPath } from './view-model.js';

export interface Headline {
  /** Stable id for styling and tests: `nodes`, `params`, `macs`, `flops`, `weights`, `peak`, `kv`, … */
  readonly id: string;
  readonly label: string;
  readonly cell: Cell;
  /** A caveat shown beside the figure (e.g. "undercounted: 2 op types have no cost rule"). */
  readonly note?: string;
}

export interface IoRow {
  readonly name: string;
  readonly dtype: string;
  readonly shape: string;
}

export interface SummaryModel {
  readonly title: string;
  /** What the model is: file, producer, IR version, opsets, graph name, family, description. */
  readonly facts: readonly { readonly label: string; readonly text: string }[];
  readonly headlines: readonly Headline[];
  /** Op types by node count, most frequent first (from graph.opHistogram). */
  readonly ops: readonly { readonly opType: string; readonly count: number }[];
  readonly inputs: readonly IoRow[];
  readonly outputs: readonly IoRow[];
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** Risks (RISK_* codes) first, then other errors and warnings. */
  readonly findings: readonly Diagnostic[];
}

/** `[batch, 3, 224, 224]`; `?` for an unknown dim; "unknown" for an unknown rank. */
export function shapeText(shape: unknown): string {
  if (!Array.isArray(shape)) return 'unknown';
  return `[${shape.map((d) => (d === null || d === undefined ? '?' : String(d))).join(', ')}]`;
}

/** The name a person knows the model by: metadata `name`, else the file name. */
export function modelTitle(report: Report): string {
  const meta = report.model.metadata as Record<string, string>;
  return meta.name || meta.model_name || report.model.fileName || report.model.graphName || 'model';
}

function has(report: Report, path: string): boolean {
  const v = getPath(report, path);
  return v !== undefined;
}

function firstString(obj: unknown, paths: readonly string[]): string | undefined {
  for (const p of paths) {
    const v = getPath(obj, p);
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

function costHeadlines(report: Report, out: Headline[]): void {
  const cost = report.cost as Record<string, unknown> | undefined;
  if (!cost) return;
  const uncounted = Array.isArray(cost.uncounted) ? (cost.uncounted as { opType: string; count: number }[]) : [];
  const note =
    cost.complete === false
      ? `undercounted: ${uncounted.length} op type${uncounted.length === 1 ? '' : 's'} without a cost rule${
          uncounted.length
            ? ` (${uncounted
                .slice(0, 4)
                .map((u) => u.opType)
                .join(', ')}${uncounted.length > 4 ? ', …' : ''})`
            : ''
        }`
      : undefined;
  if (cost.macs) out.push({ id: 'macs', label: 'MACs', cell: figureCell(cost.macs, 'macs'), note });
  if (cost.flops) out.push({ id: 'flops', label: 'FLOPs', cell: figureCell(cost.flops, 'flops'), note });
}

function memoryHeadlines(report: Report, out: Headline[]): void {
  const memory = report.memory as Record<string, unknown> | undefined;
  if (!memory) return;
  if (memory.weightsBytes !== undefined) out.push({ id: 'weights', label: 'Weights', cell: figureCell(memory.weightsBytes, 'bytes') });
  if (memory.peakActivationBytes !== undefined || memory.peakActivation !== undefined) {
    const peak = memory.peakActivationBytes ?? null;
    const expression = getPath(memory, 'peakActivation.expression');
    out.push({
      id: 'peak',
      label: 'Peak activations',
      cell: figureCell(peak, 'bytes', expression),
      note: typeof memory.peakAt === 'string' ? `at ${memory.peakAt}` : undefined,
    });
  }
  const kv = memory.kvCache as Record<string, unknown> | undefined;
  if (kv?.present) {
    const perToken = figureCell(kv.bytesPerToken ?? null, 'bytes');
    const total = figureCell(kv.bytes ?? null, 'bytes', kv.expression);
    const at = typeof kv.contextLength === 'number' ? `at context ${kv.contextLength}${typeof kv.batch === 'number' ? `, batch ${kv.batch}` : ''}` : undefined;
    out.push({
      id: 'kv',
      label: 'KV cache',
      cell: total,
      note: [at, perToken.missing ? undefined : `${perToken.text} per token`].filter(Boolean).join('; ') || undefined,
    });
  }
}

function hardwareHeadlines(report: Report, out: Headline[]): void {
  const hw = report.hardware;
  if (!hw || typeof hw !== 'object') return;
  const device = firstString(hw, ['device.name', 'device.id', 'device']);
  if (device) out.push({ id: 'device', label: 'Device', cell: { text: device } });
  const fits = getPath(hw, 'fits.fits') ?? getPath(hw, 'fits');
  if (typeof fits === 'boolean') out.push({ id: 'fits', label: 'Fits in memory', cell: { text: fits ? 'yes' : 'no' } });
  const latency = getPath(hw, 'latency.ms') ?? getPath(hw, 'latencyMs') ?? getPath(hw, 'latency.total');
  if (typeof latency === 'number') out.push({ id: 'latency', label: 'Estimated latency', cell: figureCell(latency, 'ms') });
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** The executive summary of a report. */
export function summaryModel(report: Report): SummaryModel {
  const m = report.model;
  const facts: { label: string; text: string }[] = [{ label: 'File', text: m.fileName }];
  const family = firstString(report, ['architecture.family.name', 'architecture.family']);
  if (family) facts.push({ label: 'Family', text: family });
  if (m.producer) facts.push({ label: 'Producer', text: m.producerVersion ? `${m.producer} ${m.producerVersion}` : m.producer });
  if (m.irVersion !== null) facts.push({ label: 'IR version', text: String(m.irVersion) });
  const opsets = Object.entries(m.opsetImports).map(([d, v]) => `${d} ${v}`);
  if (opsets.length) facts.push({ label: 'Opsets', text: opsets.join(', ') });
  if (m.graphName) facts.push({ label: 'Graph', text: m.graphName });
  if (m.docString) facts.push({ label: 'Description', text: m.docString });
  if (m.convertedFrom) facts.push({ label: 'Converted from', text: m.convertedFrom });
  const bound = report.dims.bindings as Record<string, number>;
  const symbols = [...new Set([...report.dims.symbols, ...Object.keys(bound)])].sort();
  if (symbols.length) {
    facts.push({ label: 'Symbolic dims', text: symbols.map((s) => (s in bound ? `${s} = ${bound[s]}` : s)).join(', ') });
  }

  const headlines: Headline[] = [];
  if (has(report, 'graph.nodeCount')) {
    const g = report.graph as { nodeCount: number; nodeCountWithSubgraphs?: number };
    const sub = g.nodeCountWithSubgraphs !== undefined && g.nodeCountWithSubgraphs !== g.nodeCount ? `${g.nodeCountWithSubgraphs} with subgraphs` : undefined;
    headlines.push({ id: 'nodes', label: 'Nodes', cell: figureCell(g.nodeCount, 'count'), note: sub });
  }
  if (has(report, 'params.total')) headlines.push({ id: 'params', label: 'Parameters', cell: figureCell(getPath(report, 'params.total'), 'count') });
  costHeadlines(report, headlines);
  memoryHeadlines(report, headlines);
  hardwareHeadlines(report, headlines);

  const io = (t: { name: string; dtype: string | null; shape: unknown; kind?: string }) => ({
    name: t.name,
    dtype: t.kind ?? t.dtype ?? 'unknown',
    shape: shapeText(t.shape),
  });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) counts[d.severity] += d.count ?? 1;
  const findings = report.diagnostics
    .filter((d) => d.severity !== 'info' || d.code.startsWith('RISK_'))
    .slice()
    .sort((a, b) => Number(!a.code.startsWith('RISK_')) - Number(!b.code.startsWith('RISK_')) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const histogram = (getPath(report, 'graph.opHistogram') ?? {}) as Record<string, number>;
  const ops = Object.entries(histogram)
    .map(([opType, count]) => ({ opType, count }))
    .sort((a, b) => b.count - a.count || compareText(a.opType, b.opType));
  return { title: modelTitle(report), facts, headlines, ops, inputs: m.inputs.map(io), outputs: m.outputs.map(io), counts, findings };
}
