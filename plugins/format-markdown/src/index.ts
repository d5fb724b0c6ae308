import { definePlugin, type FormatDefinition, Type } from '@autodoc/core';
import { renderMarkdown } from './render-markdown.js';
import { templates } from './templates.js';

const optionsSchema = Type.Object(
  {
    /** Rows shown per section table (default 50; the JSON and HTML reports have all). */
    tableLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  },
  { additionalProperties: false },
);

/**
 * A Markdown model card: the executive summary (what the model is, inputs and outputs with their
 * symbolic shapes, size, compute, memory, risks) then one section per analysis, from its views.
 * Templates `markdown/card`, `markdown/summary` and `markdown/section` can be overridden by name.
 */
export const markdownFormat: FormatDefinition = {
  id: 'markdown',
  aliases: ['md'],
  extension: 'md',
  description: 'Markdown model card (mustache templates, overridable by name).',
  optionsSchema,
  templates,
  render: (report, ctx) => renderMarkdown(report, ctx),
};

export default definePlugin({
  name: 'autodoc:format-markdown',
  description: 'Markdown model card output format.',
  setup: () => ({ formats: [markdownFormat] }),
});
