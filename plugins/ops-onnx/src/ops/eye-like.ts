/** EyeLike (9): a 2-D tensor of the input's shape with ones on diagonal k; dtype attribute or the input's. */
import { defineOp, type OpDefinition } from '@autodoc/core';
import { dtypeAttr, tensorOut } from './general-common.js';

export const eyeLike = defineOp({
  opType: 'EyeLike',
  since: 9,
  shape: (n) => [tensorOut(dtypeAttr(n, 'dtype') ?? n.input(0)?.dtype, n.input(0)?.dims)],
  cost: 'free',
  examples: [{ inputs: [[3, 4]], attrs: { k: 1, dtype: 7 }, expect: { shapes: [[3, 4]], flops: 0 } }],
  notes: 'Output: the input shape; dtype attribute, else the input\'s. Free: writes constants, no arithmetic.',
});

/** EyeLike. */
export const eyeLikeOps: OpDefinition[] = [eyeLike];
