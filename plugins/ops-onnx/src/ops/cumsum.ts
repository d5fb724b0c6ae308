/** CumSum (11) and CumProd (26): running sum/product along the `axis` input; output = input type. */
import { defineOp, type OpDefinition } from '@autodoc/core';
import { perOutputElement, sameAs } from './general-common.js';

const examples = [{ inputs: [['batch', 5], { dtype: 'INT32', shape: [], value: [1] }], expect: { shapes: [['batch', 5]], flops: '5*batch' } }];

export const cumSum = defineOp({
  opType: 'CumSum',
  since: 11,
  shape: (n) => [sameAs(n)],
  cost: perOutputElement(1),
  examples,
  notes: 'Output has the input shape and dtype (exclusive/reverse do not change it). Cost: 1 addition per element.',
});

export const cumProd = defineOp({
  opType: 'CumProd',
  since: 26,
  shape: (n) => [sameAs(n)],
  cost: perOutputElement(1),
  examples,
  notes: 'Output has the input shape and dtype (exclusive/reverse do not change it). Cost: 1 multiplication per element.',
});

/** CumSum, CumProd. */
export const cumulativeOps: OpDefinition[] = [cumSum, cumProd];
