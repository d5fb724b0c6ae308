import type { FormatRenderContext, Report } from '@autodoc/core';
import Mustache from 'mustache';
import { escapeMarkdown } from './escape.js';
import { summaryModel } from '@autodoc/core';
import { templates } from './templates.js';
import type { Block, Cell } from '@autodoc/core';
import { sectionModels } from '@autodoc/core';

const MAX_FINDINGS = 50;
const MAX_OPS = 12;

/** A cell as Markdown: the short figure with the exact number in parentheses. */
function cellText(cell: Cell): string {
  const text = escapeMarkdown(cell.text);
  return cell.exact ? `${text} (${escapeMarkdown(cell.exact)})` : text;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The mustache view of one block; tables are pre-rendered (already escaped) lines. */
function blockView(block: Block): Record<string, unknown> {
  switch (block.kind) {
    case 'keyValue':
      return { title: block.title ?? null, keyValue: { items: block.items.map((i) => ({ label: i.label, text: i.cell.text, exact: i.cell.exact })) } };
    case 'table': {
      const numeric = block.columns.map((c, i) => c.unit !== undefined || block.rows.every((r) => r[i].numeric || r[i].missing));
      return {
        title: block.title ?? null,
        table: {
          header: row(block.columns.map((c) => escapeMarkdown(c.label))),
          separator: row(numeric.map((n) => (n ? '---:' : '---'))),
          rows: block.rows.map((r) => ({ line: row(r.map(cellText)) })),
          more: block.totalRows > block.rows.length ? `First ${block.rows.length} of ${block.totalRows} rows.` : undefined,
        },
      };
    }
    case 'chart':
      return { title: null, chart: block.title };
  }
}

/** The mustache view of the whole card; every string in it is raw (the template escapes). */
export function markdownView(report: Report, ctx: Pick<FormatRenderContext, 'sections'>, tableLimit?: number): Record<string, unknown> {
  const s = summaryModel(report);
  const where = (d: (typeof s.findings)[number]) => (d.node ? `${d.node.path ? `${d.node.path}/` : ''}${d.node.name} (${d.node.opType})` : '');
  const { error, warning, info } = s.counts;
  const countLine = error + warning + info === 0 ? 'No findings.' : `${error} error(s), ${warning} warning(s), ${info} info.`;
  const findings = s.findings.slice(0, MAX_FINDINGS).map((d) => ({ ...d, where: where(d), count: d.count && d.count > 1 ? d.count : undefined }));
  return {
    title: s.title,
    tool: `${report.tool.name} ${report.tool.version}`,
    facts: s.facts,
    headlines: s.headlines.map((h) => ({ label: h.label, text: h.cell.text, exact: h.cell.exact, note: h.note })),
    inputs: s.inputs,
    outputs: s.outputs,
    hasOps: s.ops.length > 0,
    ops:
      s.ops
        .slice(0, MAX_OPS)
        .map((o) => `${o.opType} ×${o.count}`)
        .join(', ') + (s.ops.length > MAX_OPS ? `, and ${s.ops.length - MAX_OPS} more op types` : ''),
    counts: countLine + (s.findings.length > MAX_FINDINGS ? ` The first ${MAX_FINDINGS} are listed; the JSON report has all.` : ''),
    hasFindings: findings.length > 0,
    findings,
    sections: sectionModels(report, ctx.sections, { tableLimit }).map((m) => ({ title: m.title, blocks: m.blocks.map(blockView) })),
  };
}

/** Renders the model card with the (possibly user-overridden) templates. */
export function renderMarkdown(report: Report, ctx: FormatRenderContext): string {
  const get = (name: string): string => ctx.template(name) ?? templates[name] ?? '';
  const partials = (name: string) => get(name);
  const view = markdownView(report, ctx, ctx.options.tableLimit as number | undefined);
  const out = Mustache.render(get('markdown/card'), view, partials, { escape: escapeMarkdown });
  // Collapse the blank lines that empty template blocks leave behind.
  return `${out.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
