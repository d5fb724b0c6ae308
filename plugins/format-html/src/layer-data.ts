/**
 * The per-layer table: compact rows embedded as JSON for the client-side table, and the first rows
 * rendered statically (for print and for readers without JavaScript).
 */
import type { LayerRow, Report } from '@autodoc/core';
import { escapeHtml } from './escape-html.js';
import { shapeText } from '@autodoc/core';
import { groupDigits } from '@autodoc/core';
import { getPath } from '@autodoc/core';

/** Column order of a compact row; the client script reads rows by these indexes. */
export const LAYER_COLUMNS = ['#', 'Name', 'Op', 'Block', 'Output shape', 'Params', 'MACs', 'FLOPs', 'Output bytes'] as const;
/** Indexes of the figure columns and of the expression that stands in when a figure is null. */
export const FIGURE_COLUMNS = { params: 5, macs: 6, flops: 7, bytes: 8 } as const;
const EXPRESSIONS = { macs: 9, flops: 10, bytes: 11 } as const;
const HEAT = { flops: 12, bytes: 13 } as const;

export type CompactRow = (string | number | null)[];

export interface LayerData {
  readonly rows: CompactRow[];
  /** Op types present, sorted, for the filter. */
  readonly ops: string[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0);

/** 0–9 on a log scale relative to the largest value, so one huge layer does not flatten the rest. */
function heatLevels(layers: readonly LayerRow[], field: 'flops' | 'outputBytes'): Uint8Array {
  let max = 0;
  for (const l of layers) max = Math.max(max, num(l[field]));
  const levels = new Uint8Array(layers.length);
  if (max <= 0) return levels;
  const top = Math.log1p(max);
  layers.forEach((l, i) => {
    const v = num(l[field]);
    levels[i] = v > 0 ? Math.max(1, Math.round((9 * Math.log1p(v)) / top)) : 0;
  });
  return levels;
}

function opLabel(l: LayerRow): string {
  return l.domain && l.domain !== 'ai.onnx' ? `${l.domain}::${l.opType}` : l.opType;
}

/** Compact rows for every layer (shapes from graph.tensors by first output name). */
export function layerData(report: Report): LayerData {
  const layers = report.layers ?? [];
  const shapes = new Map<string, unknown>();
  const tensors = (getPath(report, 'graph.tensors') ?? []) as { name: string; shape: unknown }[];
  for (const t of tensors) shapes.set(t.name, t.shape);
  const heatF = heatLevels(layers, 'flops');
  const heatB = heatLevels(layers, 'outputBytes');
  const ops = new Set<string>();
  const rows = layers.map((l, i): CompactRow => {
    const op = opLabel(l);
    ops.add(op);
    const out = l.outputs.find((o) => o !== '');
    const shape = out !== undefined && shapes.has(out) ? shapeText(shapes.get(out)) : '';
    return [
      i,
      l.path ? `${l.path}/${l.name}` : l.name,
      op,
      l.block ?? '',
      shape,
      l.params,
      l.macs,
      l.flops,
      l.outputBytes,
      l.macsExpression ?? null,
      l.flopsExpression ?? null,
      l.outputBytesExpression ?? null,
      heatF[i],
      heatB[i],
    ];
  });
  return { rows, ops: [...ops].sort() };
}

/** One figure cell: the number with separators, its expression when null, or a dash. */
function figureTd(value: unknown, expression: unknown, heat?: number): string {
  const cls = heat !== undefined ? ` h${heat}` : '';
  if (value === null || value === undefined) {
    return typeof expression === 'string' ? `<td class="num sym${cls}">${escapeHtml(expression)}</td>` : `<td class="num${cls}">—</td>`;
  }
  return `<td class="num${cls}">${escapeHtml(groupDigits(value as number | string))}</td>`;
}

/** The `<tr>` of a compact row (the same markup the client script builds). */
function rowHtml(r: CompactRow): string {
  return (
    `<tr><td class="num">${r[0]}</td><td class="name">${escapeHtml(r[1])}</td><td>${escapeHtml(r[2])}</td><td>${escapeHtml(r[3])}</td><td class="shape">${escapeHtml(r[4])}</td>` +
    figureTd(r[FIGURE_COLUMNS.params], null) +
    figureTd(r[FIGURE_COLUMNS.macs], r[EXPRESSIONS.macs]) +
    figureTd(r[FIGURE_COLUMNS.flops], r[EXPRESSIONS.flops], r[HEAT.flops] as number) +
    figureTd(r[FIGURE_COLUMNS.bytes], r[EXPRESSIONS.bytes], r[HEAT.bytes] as number) +
    '</tr>'
  );
}

/** The table header (shared by the static table and the client table). */
export function layerHeadHtml(): string {
  return `<thead><tr>${LAYER_COLUMNS.map((c, i) => `<th data-col="${i}"${i === 0 || i >= 5 ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
}

/** The first `limit` rows as a static table, for print and no-JavaScript readers. */
export function staticLayerTable(data: LayerData, limit: number): string {
  const shown = data.rows.slice(0, limit);
  const note =
    data.rows.length > limit
      ? `<p class="note">The first ${limit} of ${groupDigits(data.rows.length)} layers in execution order. Open the HTML report in a browser to sort and filter all of them.</p>`
      : '';
  return `<div id="layers-static">${note}<table class="layers">${layerHeadHtml()}<tbody>${shown.map(rowHtml).join('')}</tbody></table></div>`;
}
