/** HTML of the summary (dashboard, what the model is, findings) and of any section's blocks. */
import { escapeHtml } from './escape-html.js';
import type { SummaryModel } from '@autodoc/core';
import type { Block, Cell, SectionModel } from '@autodoc/core';

/** A value; the exact number rides in the title attribute (hover) when the text rounds it. */
export function cellHtml(cell: Cell, tag = 'span', extraClass = ''): string {
  const cls = [extraClass, cell.symbolic ? 'sym' : '', cell.missing ? 'missing' : '', cell.numeric ? 'num' : ''].filter(Boolean).join(' ');
  const title = cell.exact ? ` title="${escapeHtml(cell.exact)}"` : '';
  return `<${tag}${cls ? ` class="${cls}"` : ''}${title}>${escapeHtml(cell.text)}</${tag}>`;
}

function ioTable(rows: SummaryModel['inputs']): string {
  if (rows.length === 0) return '<p class="note">none</p>';
  return `<table><thead><tr><th>Name</th><th>Type</th><th>Shape</th></tr></thead><tbody>${rows
    .map((r) => `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.dtype)}</td><td class="sym">${escapeHtml(r.shape)}</td></tr>`)
    .join('')}</tbody></table>`;
}

const MAX_FINDINGS = 100;

/** Dashboard of headline numbers, the model facts, inputs/outputs, and risks and findings. */
export function summaryHtml(s: SummaryModel): string {
  const cards = s.headlines
    .map(
      (h) =>
        `<div class="card" data-id="${escapeHtml(h.id)}"><div class="label">${escapeHtml(h.label)}</div>${cellHtml(h.cell, 'div', 'value')}${h.cell.exact ? `<div class="note">${escapeHtml(h.cell.exact)}</div>` : ''}${h.note ? `<div class="note">${escapeHtml(h.note)}</div>` : ''}</div>`,
    )
    .join('');
  const facts = s.facts.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.text)}</dd>`).join('');
  const { error, warning, info } = s.counts;
  const findings = s.findings.slice(0, MAX_FINDINGS);
  const findingRows = findings
    .map((d) => {
      const where = d.node ? `${d.node.path ? `${d.node.path}/` : ''}${d.node.name} (${d.node.opType})` : '';
      return `<tr><td class="sev-${d.severity}">${escapeHtml(d.severity)}</td><td>${escapeHtml(d.code)}</td><td>${escapeHtml(d.message)}${d.count && d.count > 1 ? ` (×${d.count})` : ''}</td><td>${escapeHtml(where)}</td><td>${escapeHtml(d.hint)}</td></tr>`;
    })
    .join('');
  return `<section id="summary">
<div class="dashboard">${cards}</div>
<h2>What the model is</h2><dl class="kv">${facts}</dl>
<h3>Inputs</h3>${ioTable(s.inputs)}
<h3>Outputs</h3>${ioTable(s.outputs)}
<h2>Risks and findings</h2>
<p>${error} error(s), ${warning} warning(s), ${info} info.${s.findings.length > MAX_FINDINGS ? ` The first ${MAX_FINDINGS} are listed; the JSON report has all.` : ''}</p>
${findingRows ? `<table><thead><tr><th>Severity</th><th>Code</th><th>Message</th><th>Where</th><th>Hint</th></tr></thead><tbody>${findingRows}</tbody></table>` : ''}
</section>`;
}

/** A figure with a rendered chart. */
export function figureHtml(title: string, svg: string): string {
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>${svg}</figure>`;
}

function blockHtml(block: Block, charts: ReadonlyMap<Block, string>): string {
  const title = block.kind !== 'chart' && block.title ? `<h3>${escapeHtml(block.title)}</h3>` : '';
  switch (block.kind) {
    case 'keyValue':
      return `${title}<dl class="kv">${block.items.map((i) => `<dt>${escapeHtml(i.label)}</dt>${cellHtml(i.cell, 'dd')}`).join('')}</dl>`;
    case 'table': {
      const head = block.columns.map((c) => `<th${c.unit ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
      const body = block.rows.map((r) => `<tr>${r.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('');
      const more =
        block.totalRows > block.rows.length ? `<p class="note">First ${block.rows.length} of ${block.totalRows} rows; the JSON report has all.</p>` : '';
      return `${title}<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
    }
    case 'chart': {
      const svg = charts.get(block);
      return svg ? figureHtml(block.title, svg) : '';
    }
  }
}

/** One analysis section, generically from its blocks; `charts` maps chart blocks to rendered SVG. */
export function sectionHtml(section: SectionModel, charts: ReadonlyMap<Block, string>): string {
  return `<section class="page" id="section-${escapeHtml(section.key)}"><h2>${escapeHtml(section.title)}</h2>${section.blocks.map((b) => blockHtml(b, charts)).join('\n')}</section>`;
}
