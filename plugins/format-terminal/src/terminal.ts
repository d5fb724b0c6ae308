/**
 * A compact, plain-text summary for a terminal: the executive summary, then each section's
 * key-value views and the first rows of its tables. Model strings lose control characters (no ANSI
 * escape from a model reaches the terminal); colour only when asked (see `useColor`).
 */
import type { FormatRenderContext, Report } from '@autodoc/core';
import { summaryModel } from '@autodoc/core';
import type { Block, Cell } from '@autodoc/core';
import { sectionModels } from '@autodoc/core';

// C0/C1 controls (ESC included), DEL, bidi overrides.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Model text made safe for a terminal: control characters dropped, whitespace runs folded. */
export function clean(value: unknown): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .replace(CONTROL, '')
    .trim();
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  sym(s: string): string;
  warn(s: string): string;
  err(s: string): string;
}

const sgr = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const plain = (s: string) => s;
const COLOR: Style = { bold: sgr('1'), dim: sgr('2'), sym: sgr('35'), warn: sgr('33'), err: sgr('31') };
const PLAIN: Style = { bold: plain, dim: plain, sym: plain, warn: plain, err: plain };

/** Colour when asked; by default only on a TTY and never with NO_COLOR set. */
export function useColor(option: unknown, env: NodeJS.ProcessEnv = process.env, isTty = Boolean(process.stdout.isTTY)): boolean {
  if (typeof option === 'boolean') return option;
  return isTty && !('NO_COLOR' in env && env.NO_COLOR !== '');
}

const MAX_TEXT = 96;
const TABLE_ROWS = 5;

function clip(s: string, max = MAX_TEXT): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function cellText(cell: Cell, st: Style): string {
  const text = clip(clean(cell.text));
  const shown = cell.symbolic ? st.sym(text) : cell.missing ? st.dim(text) : text;
  return cell.exact ? `${shown} ${st.dim(`(${clean(cell.exact)})`)}` : shown;
}

function kvLines(items: readonly { label: string; text: string }[], indent: string): string[] {
  const width = Math.max(0, ...items.map((i) => i.label.length));
  return items.map((i) => `${indent}${i.label.padEnd(width)}  ${i.text}`);
}

function blockLines(block: Block, st: Style): string[] {
  switch (block.kind) {
    case 'keyValue': {
      const head = block.title ? [`  ${st.bold(clean(block.title))}`] : [];
      return [
        ...head,
        ...kvLines(
          block.items.map((i) => ({ label: st.dim(clean(i.label)), text: cellText(i.cell, st) })),
          '  ',
        ),
      ];
    }
    case 'table': {
      const rows = block.rows.slice(0, TABLE_ROWS).map((r) => r.map((c) => cellText(c, st)).join(st.dim(' · ')));
      const more = block.totalRows > rows.length ? [`    ${st.dim(`… ${block.totalRows - rows.length} more`)}`] : [];
      return [
        `  ${st.bold(clean(block.title ?? 'Table'))} ${st.dim(`(${block.columns.map((c) => clean(c.label)).join(' · ')})`)}`,
        ...rows.map((r) => `    ${r}`),
        ...more,
      ];
    }
    case 'chart':
      return [];
  }
}

/** Renders the summary; `ctx.options.color` forces colour on or off. */
export function renderTerminal(report: Report, ctx: Pick<FormatRenderContext, 'sections' | 'options'>): string {
  const st = useColor(ctx.options.color) ? COLOR : PLAIN;
  const s = summaryModel(report);
  const out: string[] = [];
  const fact = (label: string) => s.facts.find((f) => f.label === label)?.text;
  const about = [fact('Family'), fact('Producer'), fact('Opsets')]
    .filter(Boolean)
    .map((t) => clean(t))
    .join(', ');
  out.push(`${st.bold(clip(clean(s.title)))}${about ? st.dim(`  ${about}`) : ''}`);
  const io = (rows: typeof s.inputs) => rows.map((r) => `${clean(r.name)} ${clean(r.dtype)} ${clean(r.shape)}`).join('; ') || 'none';
  out.push(
    ...kvLines(
      [
        { label: 'Inputs', text: clip(io(s.inputs), 160) },
        { label: 'Outputs', text: clip(io(s.outputs), 160) },
      ],
      '  ',
    ),
  );
  out.push('');
  out.push(
    ...kvLines(
      s.headlines.map((h) => ({ label: h.label, text: `${cellText(h.cell, st)}${h.note ? st.dim(`  ${clip(clean(h.note))}`) : ''}` })),
      '  ',
    ),
  );
  const { error, warning, info } = s.counts;
  out.push('');
  out.push(`  Findings  ${error ? st.err(`${error} error(s)`) : '0 errors'}, ${warning ? st.warn(`${warning} warning(s)`) : '0 warnings'}, ${info} info`);
  for (const d of s.findings.slice(0, 8)) {
    const mark = d.severity === 'error' ? st.err('✖') : d.severity === 'warning' ? st.warn('▲') : 'i';
    out.push(`    ${mark} ${clean(d.code)}  ${clip(clean(d.message))}${d.count && d.count > 1 ? ` (×${d.count})` : ''}`);
  }
  if (s.findings.length > 8) out.push(`    ${st.dim(`… ${s.findings.length - 8} more`)}`);
  for (const section of sectionModels(report, ctx.sections, { charts: false, tableLimit: TABLE_ROWS })) {
    const lines = section.blocks.flatMap((b) => blockLines(b, st));
    if (lines.length === 0) continue;
    out.push('', st.bold(clean(section.title)), ...lines);
  }
  return `${out.join('\n')}\n`;
}
