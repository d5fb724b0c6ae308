/** Trilu (14): keeps the upper or lower triangle of the last two dims; output = input type. */
import { defineOp, type OpDefinition } from '@autodoc/core';
import { sameAs } from './general-common.js';

export const trilu = defineOp({
  opType: 'Trilu',
  since: 14,
  shape: (n) => [sameAs(n)],
  cost: 'free',
  examples: [{ inputs: [[2, 'seq', 'seq'], { shape: [], value: [1] }], attrs: { upper: 0 }, expect: { shapes: [[2, 'seq', 'seq']], flops: 0 } }],
  notes: 'Output has the input shape and dtype. Free: a masked copy (selection), no arithmetic.',
});

/** Trilu. */
export const triluOps: OpDefinition[] = [trilu];
