import { definePlugin, type FormatDefinition, Type } from '@autodoc/core';

const optionsSchema = Type.Object({ indent: Type.Optional(Type.Integer({ minimum: 0, maximum: 8 })) }, { additionalProperties: false });

/** The report as JSON, exactly as validated against core/report.schema.json. */
export const jsonFormat: FormatDefinition = {
  id: 'json',
  extension: 'json',
  description: 'The schema-valid report as JSON (core/report.schema.json).',
  optionsSchema,
  render(report, ctx) {
    const indent = (ctx.options.indent as number | undefined) ?? 2;
    const { $schema: _, ...rest } = report;
    return `${JSON.stringify({ $schema: 'https://onnx-autodoc.dev/schema/report.schema.json', ...rest }, null, indent)}\n`;
  },
};

export default definePlugin({
  name: 'autodoc:format-json',
  description: 'JSON output format.',
  setup: () => ({ formats: [jsonFormat] }),
});
