import { defineOp, dims, broadcastShapes } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';

/** com.microsoft BiasAdd: Y = X + bias + skip (diffusion models, NHWC [N, S, C]). */
export const biasAdd = defineOp({
  domain: 'com.microsoft',
  opType: 'BiasAdd',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, broadcastShapes([dimsOf(n, 0), dimsOf(n, 1), dimsOf(n, 2)]))],
  cost: (n) => ({ flops: dims.mul(2, dims.numel(need(n, dimsOf(n, 0), 'the input shape'))) }),
  examples: [{ inputs: [[2, 4096, 320], [320], [2, 4096, 320]], expect: { shapes: [[2, 4096, 320]], flops: 5242880 } }], // 2·2621440
  notes: '2 FLOPs per output element (+ bias, + skip). No MACs.',
});
