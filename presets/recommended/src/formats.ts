import { type FormatSummary, type LazyFormatPlugin, lazyFormatPlugin } from '@autodoc/core';

// The built-in formats, named without loading them: a format package loads the first time one of
// its formats renders, so `autodoc analyze --json` loads no format code (~11 ms of start-up for the
// six packages on Node 20). Each declaration repeats the package's own plugin description and its
// format's id, extension, aliases and description; formats.test.ts checks them against the packages.

/** The package `@autodoc/format-<format.id>`, whose plugin is `autodoc:format-<format.id>`. */
function builtIn(pluginDescription: string, format: FormatSummary, load: () => Promise<unknown>): LazyFormatPlugin {
  return lazyFormatPlugin({ name: `autodoc:format-${format.id}`, description: pluginDescription, formats: [format], load });
}

export const formatJson = builtIn(
  'JSON output format.',
  { id: 'json', extension: 'json', description: 'The schema-valid report as JSON (core/report.schema.json).' },
  () => import('@autodoc/format-json'),
);

export const formatMarkdown = builtIn(
  'Markdown model card output format.',
  { id: 'markdown', aliases: ['md'], extension: 'md', description: 'Markdown model card (mustache templates, overridable by name).' },
  () => import('@autodoc/format-markdown'),
);

export const formatHtml = builtIn(
  'Single-file HTML report with charts and sortable tables.',
  { id: 'html', extension: 'html', description: 'Self-contained HTML report (strict CSP, inline SVG charts, sortable layer table).' },
  () => import('@autodoc/format-html'),
);

export const formatPdf = builtIn(
  'PDF report: the HTML printed by Chromium.',
  { id: 'pdf', extension: 'pdf', description: 'PDF report: the HTML report printed by Chromium (A4 or Letter).' },
  () => import('@autodoc/format-pdf'),
);

export const formatCsv = builtIn(
  'CSV of the per-layer table.',
  { id: 'csv', extension: 'csv', description: 'CSV of the per-layer table (RFC 4180; text cells starting with = + - @ get a leading apostrophe).' },
  () => import('@autodoc/format-csv'),
);

export const formatTerminal = builtIn(
  'Compact terminal summary.',
  { id: 'terminal', extension: 'txt', description: 'Compact plain-text summary for a terminal (colour on a TTY unless NO_COLOR).' },
  () => import('@autodoc/format-terminal'),
);
