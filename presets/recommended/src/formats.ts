import { lazyFormatPlugin } from '@autodoc/core';

// The built-in formats, named without loading them: a format package loads the first time one of
// its formats renders, so `autodoc analyze --json` loads no format code (~11 ms of start-up for the
// six packages on Node 20). Each declaration repeats the package's own id, extension, aliases and
// description; formats.test.ts checks them against the packages.

export const formatJson = lazyFormatPlugin({
  name: 'autodoc:format-json',
  description: 'JSON output format.',
  formats: [{ id: 'json', extension: 'json', description: 'The schema-valid report as JSON (core/report.schema.json).' }],
  load: () => import('@autodoc/format-json'),
});

export const formatMarkdown = lazyFormatPlugin({
  name: 'autodoc:format-markdown',
  description: 'Markdown model card output format.',
  formats: [{ id: 'markdown', aliases: ['md'], extension: 'md', description: 'Markdown model card (mustache templates, overridable by name).' }],
  load: () => import('@autodoc/format-markdown'),
});

export const formatHtml = lazyFormatPlugin({
  name: 'autodoc:format-html',
  description: 'Single-file HTML report with charts and sortable tables.',
  formats: [{ id: 'html', extension: 'html', description: 'Self-contained HTML report (strict CSP, inline SVG charts, sortable layer table).' }],
  load: () => import('@autodoc/format-html'),
});

export const formatPdf = lazyFormatPlugin({
  name: 'autodoc:format-pdf',
  description: 'PDF report: the HTML printed by Chromium.',
  formats: [{ id: 'pdf', extension: 'pdf', description: 'PDF report: the HTML report printed by Chromium (A4 or Letter).' }],
  load: () => import('@autodoc/format-pdf'),
});

export const formatCsv = lazyFormatPlugin({
  name: 'autodoc:format-csv',
  description: 'CSV of the per-layer table.',
  formats: [{ id: 'csv', extension: 'csv', description: 'CSV of the per-layer table (RFC 4180; text cells starting with = + - @ get a leading apostrophe).' }],
  load: () => import('@autodoc/format-csv'),
});

export const formatTerminal = lazyFormatPlugin({
  name: 'autodoc:format-terminal',
  description: 'Compact terminal summary.',
  formats: [{ id: 'terminal', extension: 'txt', description: 'Compact plain-text summary for a terminal (colour on a TTY unless NO_COLOR).' }],
  load: () => import('@autodoc/format-terminal'),
});
