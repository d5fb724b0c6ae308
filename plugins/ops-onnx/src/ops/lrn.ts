/**
 * LRN (since 1; 13 only widened types): local response normalisation across channels. Y has X's shape.
 */
import { defineOp, dims } from '@autodoc/core';
import { likeInput, missingAttribute, outNumel } from './nn-common.js';

export const lrn = defineOp({
  opType: 'LRN',
  since: 1,
  shape: (n) => [likeInput(n, 0)],
  cost: (n) => {
    const size = n.attrInt('size');
    if (size === undefined || size < 1) throw missingAttribute(n, 'size', 'is required and must be ≥ 1');
    // Per element: x² (1), sum over `size` channels (size), bias + alpha/size·sum (2), ^beta (1), divide (1).
    return { flops: dims.mul(outNumel(n), size + 5) };
  },
  // 5·5·5·5 = 625 elements × (3 + 5) = 5000.
  examples: [{ inputs: [[5, 5, 5, 5]], attrs: { size: 3 }, expect: { shapes: [[5, 5, 5, 5]], flops: 5000 } }],
  notes: 'FLOPs = (size + 5) per element: the square, `size` additions for the channel window sum, scale and bias (2), the power (1) and the division (1).',
});

export const lrnOps = [lrn];
