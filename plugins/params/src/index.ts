import { definePlugin, Stage } from '@autodoc/core';
import { countParams } from './count-params.js';
import { paramsSectionDefinition } from './params-section.js';

export type { ParamsSection } from './params-section.js';

/**
 * Parameters per docs/definitions.md, with every other view named apart: all initializers, by dtype,
 * by op type, by block, shared ones, BatchNorm statistics, quantized weights and their scales.
 */
export default definePlugin({
  name: 'autodoc:params',
  description: 'Parameter counts by op type, block and dtype.',
  setup: () => ({
    sections: [paramsSectionDefinition],
    apply({ hooks }) {
      hooks.analyze.tapPromise({ name: 'autodoc:params', stage: Stage.Count }, async (ctx) => {
        ctx.setSection('params', await countParams(ctx));
      });
    },
  }),
});
