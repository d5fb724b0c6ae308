/**
 * TensorScatter (ai.onnx 24): writes `update` into a KV-cache buffer along `axis`; present_cache has
 * past_cache's shape.
 */
import { defineOp } from '@autodoc/core';
import { likeInput } from './nn-common.js';

export const tensorScatter = defineOp({
  opType: 'TensorScatter',
  since: 24,
  shape: (n) => [likeInput(n, 0)],
  cost: 'free',
  examples: [{ inputs: [[2, 1, 4, 5], [2, 1, 1, 5], { dtype: 'INT64', shape: [2] }], expect: { shapes: [[2, 1, 4, 5]], flops: 0 } }],
  notes: 'Free: a cache update is data movement.',
});

export const tensorScatterOps = [tensorScatter];
