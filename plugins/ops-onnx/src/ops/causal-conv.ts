/**
 * CausalConvWithState (ai.onnx 27): depthwise causal 1-D convolution with a carried state, as used by
 * Mamba and Gated DeltaNet. input [B, C, L], weight [C, 1, k]; output [B, C, L], present_state
 * [B, C, k − 1].
 */
import { defineOp, dims } from '@autodoc/core';
import { inDims, invalidNode, outNumel, tensorOut } from './nn-common.js';

export const causalConvWithState = defineOp({
  opType: 'CausalConvWithState',
  since: 27,
  shape: (n) => {
    const x = n.input(0)?.dims;
    const w = n.input(1)?.dims;
    const dtype = n.input(0)?.dtype;
    if (x && x.length !== 3) throw invalidNode(n, `input must be 3-D [B, C, L], got rank ${x.length}.`);
    const state = x && w ? [x[0], x[1], dims.sub(w[2], 1)] : undefined;
    return [tensorOut(dtype, x), tensorOut(dtype, state)].slice(0, Math.max(n.outputCount, 1));
  },
  cost: (n) => {
    const w = inDims(n, 1);
    const y = outNumel(n);
    const macs = dims.mul(y, w[2]); // one k-tap dot product per output element (depthwise)
    const activation = n.attrString('activation', 'none');
    const act = activation === 'silu' || activation === 'swish' ? 2 : 0;
    const bias = n.input(2) ? 1 : 0;
    return { macs, flops: dims.add(dims.mul(2, macs), dims.mul(act + bias, y)) };
  },
  examples: [
    // 2·4·8 = 64 outputs × 4 taps = 256 MACs; FLOPs 512 + 64 × (2 SiLU + 1 bias) = 704.
    { inputs: [[2, 4, 8], [4, 1, 4], [4]], attrs: { activation: 'silu' }, expect: { shapes: [[2, 4, 8], [2, 4, 3]], macs: 256, flops: 704 } },
  ],
  notes: 'MACs = elements(output) × k (depthwise: one k-tap product per output element). FLOPs = 2 × MACs + 1 per output element for the bias + 2 per output element for silu/swish (sigmoid, multiply).',
});

export const causalConvOps = [causalConvWithState];
