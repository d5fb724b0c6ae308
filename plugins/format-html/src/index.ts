import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { definePlugin, type FormatDefinition, type Report, type SectionDefinition, Type } from '@autodoc/core';
import { builtInCharts } from './charts.js';
import { renderHtml } from './page.js';
import { chartSvg, svgToPng } from './render-chart.js';
import { sectionModels } from '@autodoc/core';

export { contentSecurityPolicy } from './page.js';

const optionsSchema = Type.Object(
  {
    /** Rows of the static (print / no-JavaScript) layer table; default 200. */
    staticRows: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    /** Rows per section table; default 50. */
    tableLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    /** Also write every chart as PNG into this folder (the CLI's --charts-dir). */
    chartsDir: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

/** A chart as PNG bytes, named after the chart. */
export interface ChartPng {
  readonly fileName: string;
  readonly png: Uint8Array;
}

/** Every chart of the report (built-in and sections' chart views) as PNG, for embedding elsewhere. */
export async function renderChartPngs(report: Report, sections: readonly SectionDefinition[]): Promise<ChartPng[]> {
  const out: ChartPng[] = [];
  for (const c of builtInCharts(report)) out.push({ fileName: `${c.id}.png`, png: svgToPng(await chartSvg(c.spec)) });
  for (const s of sectionModels(report, sections)) {
    let n = 0;
    for (const b of s.blocks) {
      if (b.kind !== 'chart') continue;
      const safe = s.key.replace(/[^A-Za-z0-9_-]/g, '_');
      out.push({ fileName: `${safe}-${++n}.png`, png: svgToPng(await chartSvg(b.spec)) });
    }
  }
  return out;
}

/**
 * One self-contained HTML file: dashboard, charts as inline SVG, every section from its views, the
 * block tree and a sortable, filterable layer table. Strict CSP; opens offline.
 */
export const htmlFormat: FormatDefinition = {
  id: 'html',
  extension: 'html',
  description: 'Self-contained HTML report (strict CSP, inline SVG charts, sortable layer table).',
  optionsSchema,
  async render(report, ctx) {
    const html = await renderHtml(report, ctx, {
      staticRows: ctx.options.staticRows as number | undefined,
      tableLimit: ctx.options.tableLimit as number | undefined,
    });
    const dir = ctx.options.chartsDir as string | undefined;
    if (dir) {
      await mkdir(dir, { recursive: true });
      for (const c of await renderChartPngs(report, ctx.sections)) await writeFile(path.join(dir, c.fileName), c.png);
    }
    return html;
  },
};

export default definePlugin({
  name: 'autodoc:format-html',
  description: 'Single-file HTML report with charts and sortable tables.',
  setup: () => ({ formats: [htmlFormat] }),
});
