import { definePlugin, Stage } from '@autodoc/core';
import { buildHardwareSection } from './build-section.js';
import { hardwareSectionDefinition } from './hardware-section.js';
import { defaultHardwareOptions, effectiveOptions, type HardwareOptions, HardwareOptionsSchema } from './options.js';

export type { HardwareSection } from './hardware-schema.js';
export type { HardwareExtras, HardwareOptions } from './options.js';

/**
 * Deployment estimates on a device (`--hardware ID|auto`): VRAM fit, per-op roofline latency and
 * throughput, multi-GPU splits, cloud cost, batch and dim sweeps from the symbolic formulas, and
 * system requirements for a deployment target. Every formula is in this package's README.
 */
export default definePlugin<HardwareOptions>({
  name: 'autodoc:hardware-estimates',
  description: 'VRAM fit, roofline latency, throughput, multi-GPU, cloud cost, sweeps and system requirements on a device.',
  optionsSchema: HardwareOptionsSchema,
  defaults: defaultHardwareOptions,
  setup: (options) => ({
    requires: ['autodoc:memory', 'autodoc:flops'],
    sections: [hardwareSectionDefinition],
    apply({ hooks }) {
      hooks.analyze.tapPromise({ name: 'autodoc:hardware-estimates', stage: Stage.Estimate }, async (ctx) => {
        const section = await buildHardwareSection(ctx, effectiveOptions(options, ctx.options.extras?.hardware));
        if (section) ctx.setSection('hardware', section);
      });
    },
  }),
});
