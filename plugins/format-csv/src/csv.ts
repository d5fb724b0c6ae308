/**
 * The per-layer table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with `"`, `,`, CR
 * or LF quoted with `"` doubled). Text cells that a spreadsheet would run as a formula (starting
 * with `=`, `+`, `-`, `@`, tab or CR) get a leading `'` (formula-injection guard).
 */
import type { LayerRow, Report } from '@autodoc/core';

/** Header of the CSV, one column per field. */
export const CSV_COLUMNS = [
  'index',
  'name',
  'op_type',
  'domain',
  'block',
  'subgraph_path',
  'inputs',
  'outputs',
  'output_shape',
  'params',
  'macs',
  'macs_expression',
  'flops',
  'flops_expression',
  'output_bytes',
  'output_bytes_expression',
  'cost_status',
] as const;

// Control characters (ANSI escapes included) are dropped: they would act when the file is printed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One text field, guarded and quoted as needed. */
export function csvText(value: string): string {
  let s = value.replace(/\r\n?|\n/g, ' ');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  s = s.replace(CONTROL, '');
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A count as written by the report (number, or a decimal string past 2^53); empty when null. */
function csvCount(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function shapeOf(shape: unknown): string {
  if (!Array.isArray(shape)) return '';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** Renders `report.layers` (empty body when the report was made with --summary). */
export function renderCsv(report: Report): string {
  const layers: readonly LayerRow[] = report.layers ?? [];
  const shapes = new Map<string, unknown>();
  const graph = report.graph as { tensors?: { name: string; shape: unknown }[] } | undefined;
  for (const t of graph?.tensors ?? []) shapes.set(t.name, t.shape);
  const lines = [CSV_COLUMNS.join(',')];
  layers.forEach((l, i) => {
    const out = l.outputs.find((o) => o !== '');
    lines.push(
      [
        String(i),
        csvText(l.name),
        csvText(l.opType),
        csvText(l.domain),
        csvText(l.block ?? ''),
        csvText(l.path ?? ''),
        csvText(l.inputs.join(';')),
        csvText(l.outputs.join(';')),
        csvText(out !== undefined ? shapeOf(shapes.get(out)) : ''),
        csvCount(l.params),
        csvCount(l.macs),
        csvText(l.macsExpression ?? ''),
        csvCount(l.flops),
        csvText(l.flopsExpression ?? ''),
        csvCount(l.outputBytes),
        csvText(l.outputBytesExpression ?? ''),
        csvText(l.costStatus ?? ''),
      ].join(','),
    );
  });
  return `${lines.join('\r\n')}\r\n`;
}
