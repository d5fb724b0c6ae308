/** @autodoc/plugin-risks: deployment risk signals as coded diagnostics (`RISK_*`). */
export { default } from './plugin.js';
export type { RisksOptions } from './options.js';
