import { defineOp, definePlugin, dims } from '@autodoc/core';

/**
 * A third-party op pack: Acme's fused normalisation, exported by their tooling as `com.acme::FancyNorm`.
 * Without this plugin autodoc would list the op as uncounted and leave its output shape unknown.
 */
export const fancyNorm = defineOp({
  domain: 'com.acme',
  opType: 'FancyNorm',
  since: 1,
  // Same type as the input: a normalisation keeps shape and dtype.
  shape: (n) => [n.input(0)?.type],
  // mean, subtract, square, mean, rsqrt-multiply: 5 operations per element.
  cost: (n) => ({ flops: dims.mul(5, n.output(0).numel ?? 0) }),
  examples: [{ inputs: [[2, 8]], expect: { shapes: [[2, 8]], flops: 80 } }],
  notes: 'FLOPs = 5 per element (mean, subtract, square, mean, scale).',
});

export default definePlugin({
  name: 'acme:ops',
  description: "Shape and cost rules for Acme's custom ops.",
  setup: () => ({ ops: [fancyNorm] }),
});
