import { definePlugin, type FormatDefinition, Type } from '@autodoc/core';
import { type Paper, printPdf } from './print-pdf.js';

export { chromiumArgs, printPdf, requireChromium } from './print-pdf.js';

const optionsSchema = Type.Object(
  {
    /** Paper size; default A4. */
    paper: Type.Optional(Type.Union([Type.Literal('A4'), Type.Literal('Letter')])),
    /** Launch and print timeout in milliseconds; default 120000. */
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1000 })),
  },
  { additionalProperties: false },
);

/**
 * The HTML report printed to PDF by the system Chromium (JavaScript off, network blocked). Needs the
 * html format in the same run (it renders it through `renderFormat('html')`).
 */
export const pdfFormat: FormatDefinition = {
  id: 'pdf',
  extension: 'pdf',
  description: 'PDF report: the HTML report printed by Chromium (A4 or Letter).',
  optionsSchema,
  async render(_report, ctx) {
    const html = await ctx.renderFormat('html');
    const text = typeof html === 'string' ? html : new TextDecoder().decode(html);
    return printPdf(text, { paper: ctx.options.paper as Paper | undefined, timeoutMs: ctx.options.timeoutMs as number | undefined });
  },
};

export default definePlugin({
  name: 'autodoc:format-pdf',
  description: 'PDF report: the HTML printed by Chromium.',
  setup: () => ({ formats: [pdfFormat] }),
});
