import { definePlugin, type FormatDefinition, Type } from '@autodoc/core';
import { renderTerminal } from './terminal.js';

export { clean, renderTerminal, useColor } from './terminal.js';

const optionsSchema = Type.Object(
  {
    /** Force colour on or off; by default colour is used on a TTY unless NO_COLOR is set. */
    color: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The compact summary the CLI prints when stdout is a TTY and no --format is given. */
export const terminalFormat: FormatDefinition = {
  id: 'terminal',
  extension: 'txt',
  description: 'Compact plain-text summary for a terminal (colour on a TTY unless NO_COLOR).',
  optionsSchema,
  render: (report, ctx) => renderTerminal(report, ctx),
};

export default definePlugin({
  name: 'autodoc:format-terminal',
  description: 'Compact terminal summary.',
  setup: () => ({ formats: [terminalFormat] }),
});
