import { type Diagnostic, definePlugin, Stage } from '@autodoc/core';
import { locate } from './graph-utils.js';
import { defaultRisksOptions, type RisksOptions, RisksOptionsSchema } from './options.js';
import { rules } from './rules/index.js';

const PLUGIN = 'autodoc:risks';

/**
 * Deployment risks as coded diagnostics (`RISK_*`), at Stage.Risks. Each rule is data plus a check
 * (rules/); thresholds and per-code severities come from the options, so `--fail-on` can gate CI.
 */
export default definePlugin<RisksOptions>({
  name: PLUGIN,
  description: 'Deployment risk signals as coded diagnostics.',
  optionsSchema: RisksOptionsSchema,
  defaults: defaultRisksOptions,
  setup: (options) => ({
    apply(host) {
      host.hooks.analyze.tapPromise({ name: PLUGIN, stage: Stage.Risks }, async (ctx) => {
        const rc = { ctx, graph: ctx.graph, options, opset: ctx.opset('') ?? 0 };
        for (const rule of rules) {
          const override = options.severity[rule.code];
          if (override === 'off') continue;
          for (const f of await rule.check(rc)) {
            const d: Diagnostic = {
              code: rule.code,
              severity: override ?? f.severity ?? rule.severity,
              message: f.message,
              hint: f.hint ?? rule.hint,
              plugin: PLUGIN,
              ...(f.node ? { node: locate(f.node) } : {}),
            };
            ctx.diagnostics.add(d);
          }
        }
      });
    },
  }),
});
