/**
 * ConvTranspose (since 1; 11 and 22 changed types and docs, not shapes). Output per spatial axis:
 * - `output_shape` given: that size;
 * - auto_pad SAME_UPPER / SAME_LOWER: size × stride (the reference implementation derives the pads
 *   from that target);
 * - otherwise stride·(size − 1) + output_padding + dilation·(k − 1) + 1 − pad_begin − pad_end.
 * Channels = W.shape[1] × group. MACs = elements(X) × elements(W) / W.shape[0].
 */
import { defineOp, dims, type Dim, type OpNode } from '@autodoc/core';
import { inDims, inNumel, invalidNode, outNumel, tensorOut } from './nn-common.js';
import { effectiveKernel } from './window-geometry.js';

function spatialOutput(n: OpNode, x: readonly Dim[], w: readonly Dim[] | undefined): Dim[] | undefined {
  const rank = x.length - 2;
  const outputShape = n.attrInts('output_shape');
  if (outputShape) {
    // Some exporters write N and C too; the spatial sizes are the last `rank` entries.
    if (outputShape.length !== rank && outputShape.length !== rank + 2) throw invalidNode(n, `output_shape has ${outputShape.length} entries for ${rank} spatial axes.`);
    return outputShape.slice(outputShape.length - rank);
  }
  const strides = n.attrInts('strides') ?? Array<number>(rank).fill(1);
  const autoPad = n.attrString('auto_pad', 'NOTSET');
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return x.slice(2).map((d, i) => dims.mul(d, strides[i]));
  const kernel = n.attrInts('kernel_shape') ?? w?.slice(2);
  if (!kernel) return undefined;
  if (kernel.length !== rank || strides.length !== rank) throw invalidNode(n, `kernel_shape/strides must have ${rank} entries.`);
  const dilations = n.attrInts('dilations') ?? Array<number>(rank).fill(1);
  const outputPadding = n.attrInts('output_padding') ?? Array<number>(rank).fill(0);
  const pads = autoPad === 'NOTSET' ? (n.attrInts('pads') ?? Array<number>(2 * rank).fill(0)) : Array<number>(2 * rank).fill(0);
  if (pads.length !== 2 * rank || dilations.length !== rank || outputPadding.length !== rank) throw invalidNode(n, `pads, dilations or output_padding do not match ${rank} spatial axes.`);
  return x.slice(2).map((size, i) => {
    const grown = dims.add(dims.mul(strides[i], dims.sub(size, 1)), dims.add(outputPadding[i], effectiveKernel(kernel[i], dilations[i])));
    return dims.sub(grown, pads[i] + pads[i + rank]);
  });
}

export const convTranspose = defineOp({
  opType: 'ConvTranspose',
  since: 1,
  shape: (n) => {
    const x = n.input(0)?.dims;
    const w = n.input(1)?.dims;
    const dtype = n.input(0)?.dtype;
    if (!x) return [tensorOut(dtype, undefined)];
    if (x.length < 3) throw invalidNode(n, `input X must have rank ≥ 3, got ${x.length}.`);
    const spatial = spatialOutput(n, x, w);
    if (!spatial || !w) return [tensorOut(dtype, undefined)];
    return [tensorOut(dtype, [x[0], dims.mul(w[1], n.attrInt('group', 1)), ...spatial])];
  },
  cost: (n) => {
    // Every input element meets every kernel tap of its group: elements(X) × (C_out/group) × kernel.
    const macs = dims.mul(inNumel(n, 0), dims.product(inDims(n, 1).slice(1)));
    const bias = n.input(2) ? outNumel(n) : 0;
    return { macs, flops: dims.add(dims.mul(2, macs), bias) };
  },
  examples: [
    // Axis 0: 3·(3−1) + 3 − 1 − 1 = 7; axis 1: 2·(3−1) + 3 − 2 − 2 = 3. MACs = 9 × 2·3·3 = 162.
    { title: 'pads and strides', inputs: [[1, 1, 3, 3], [1, 2, 3, 3]], attrs: { strides: [3, 2], pads: [1, 2, 1, 2] }, expect: { shapes: [[1, 2, 7, 3]], macs: 162, flops: 324 } },
    // Axis 0: 3·2 + 1 + 3 = 10; axis 1: 2·2 + 1 + 3 = 8.
    { title: 'output_padding', inputs: [[1, 1, 3, 3], [1, 2, 3, 3]], attrs: { strides: [3, 2], output_padding: [1, 1] }, expect: { shapes: [[1, 2, 10, 8]], macs: 162, flops: 324 } },
    // SAME_UPPER: size × stride = 2·seq; MACs = 4·seq × 8·4 = 128·seq; bias adds 1·16·2·seq = 32·seq.
    { title: 'SAME_UPPER, symbolic, groups 2', inputs: [[1, 4, 'seq'], [4, 8, 4], [16]], attrs: { strides: [2], auto_pad: 'SAME_UPPER', group: 2 }, expect: { shapes: [[1, 16, '2*seq']], macs: '128*seq', flops: '288*seq' } },
  ],
  notes: 'MACs = elements(X) × elements(W) / W.shape[0] (W is [C_in, C_out/group, k…]). FLOPs = 2 × MACs, + 1 per output element when a bias B is given.',
});

export const convTransposeOps = [convTranspose];
