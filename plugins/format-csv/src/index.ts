import { definePlugin, type FormatDefinition, Type } from '@autodoc/core';
import { renderCsv } from './csv.js';

export { CSV_COLUMNS, csvText, renderCsv } from './csv.js';

/** The per-layer table as RFC 4180 CSV, with a formula-injection guard on text cells. */
export const csvFormat: FormatDefinition = {
  id: 'csv',
  extension: 'csv',
  description: 'CSV of the per-layer table (RFC 4180; text cells starting with = + - @ get a leading apostrophe).',
  optionsSchema: Type.Object({}, { additionalProperties: false }),
  render: (report) => renderCsv(report),
};

export default definePlugin({
  name: 'autodoc:format-csv',
  description: 'CSV of the per-layer table.',
  setup: () => ({ formats: [csvFormat] }),
});
