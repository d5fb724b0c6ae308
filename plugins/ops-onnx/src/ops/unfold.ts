/**
 * Scatter-back ops of the sliding-window family: MaxUnpool (inverse of MaxPool) and Col2Im (PyTorch's
 * fold). Their shapes come from attributes or from shape inputs whose contents must be known.
 */
import { defineOp, dims, type Dim, type OpNode } from '@autodoc/core';
import { constDims, constNumbers, inNumel, invalidNode, missingAttribute, tensorOut, unknownDim } from './nn-common.js';
import { rankFromLength } from './tensor-common.js';

function maxUnpoolShape(n: OpNode): Dim[] | undefined {
  const x = n.input(0)?.dims;
  const shapeArg = n.input(2);
  if (shapeArg) {
    const given = constDims(shapeArg);
    if (given) return [...given];
    const len = rankFromLength(shapeArg.dims?.[0]);
    return len === undefined ? undefined : Array.from({ length: len }, (_, i) => unknownDim(n, 0, i));
  }
  if (!x) return undefined;
  const rank = x.length - 2;
  const kernel = n.attrInts('kernel_shape');
  if (!kernel) throw missingAttribute(n, 'kernel_shape');
  if (kernel.length !== rank) throw invalidNode(n, `kernel_shape has ${kernel.length} entries for ${rank} spatial axes.`);
  const strides = n.attrInts('strides') ?? Array<number>(rank).fill(1);
  const pads = n.attrInts('pads') ?? Array<number>(2 * rank).fill(0);
  // Inverse of the pooling formula: (in − 1)·stride + k − pad_begin − pad_end.
  return [x[0], x[1], ...x.slice(2).map((d, i) => dims.sub(dims.add(dims.mul(dims.sub(d, 1), strides[i]), kernel[i]), pads[i] + pads[i + rank]))];
}

export const maxUnpool = defineOp({
  opType: 'MaxUnpool',
  since: 9,
  shape: (n) => [tensorOut(n.input(0)?.dtype, maxUnpoolShape(n))],
  cost: 'free',
  examples: [
    // (2 − 1)·2 + 2 = 4 per axis.
    { inputs: [[1, 1, 2, 2], { dtype: 'INT64', shape: [1, 1, 2, 2] }], attrs: { kernel_shape: [2, 2], strides: [2, 2] }, expect: { shapes: [[1, 1, 4, 4]], flops: 0 } },
    { title: 'output_shape input', inputs: [[1, 1, 2, 2], { dtype: 'INT64', shape: [1, 1, 2, 2] }, { dtype: 'INT64', shape: [4], value: [1, 1, 5, 5] }], attrs: { kernel_shape: [2, 2], strides: [2, 2] }, expect: { shapes: [[1, 1, 5, 5]] } },
  ],
  notes: 'Free: a scatter of the input into a zero tensor (data movement).',
});

export const col2Im = defineOp({
  opType: 'Col2Im',
  since: 18,
  shape: (n) => {
    const x = n.input(0)?.dims;
    const dtype = n.input(0)?.dtype;
    const image = constDims(n.input(1));
    const block = constNumbers(n.input(2));
    const spatialRank = image?.length ?? block?.length ?? rankFromLength(n.input(1)?.dims?.[0]);
    if (!x || spatialRank === undefined) return [tensorOut(dtype, undefined)];
    if (x.length !== 3) throw invalidNode(n, `input must be 3-D [N, C × ∏block, L], got rank ${x.length}.`);
    const channels = block ? dims.floorDiv(x[1], dims.product(block)) : unknownDim(n, 0, 1);
    const spatial = image ? [...image] : Array.from({ length: spatialRank }, (_, i) => unknownDim(n, 0, i + 2));
    return [tensorOut(dtype, [x[0], channels, ...spatial])];
  },
  cost: (n) => ({ flops: inNumel(n, 0) }),
  examples: [
    // 5 = 1 channel × 1·5 block; image [5, 5].
    { inputs: [[1, 5, 5], { dtype: 'INT64', shape: [2], value: [5, 5] }, { dtype: 'INT64', shape: [2], value: [1, 5] }], expect: { shapes: [[1, 1, 5, 5]], flops: 25 } },
  ],
  notes: 'FLOPs = 1 per input element (each column entry is added into its image position).',
});

export const unfoldOps = [maxUnpool, col2Im];
