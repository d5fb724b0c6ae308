/**
 * Normalisations: BatchNormalization, InstanceNormalization, LayerNormalization, GroupNormalization,
 * RMSNormalization, LpNormalization, MeanVarianceNormalization. Y always has X's shape; costs count the
 * primitive ops of each function body, per element and per normalised group ("row"), as the notes say.
 */
import { dataTypeName, defineOp, dims, type Dim, type OpNode } from '@autodoc/core';
import { normalizeAxes, normalizeAxis } from '../util/axes.js';
import { inDims, likeInput, missingAttribute, tensorOut } from './nn-common.js';

/** elements × perElement + rows × perRow. */
function normCost(elements: Dim, perElement: number, rows: Dim, perRow: number): { flops: Dim } {
  return { flops: dims.add(dims.mul(perElement, elements), dims.mul(perRow, rows)) };
}

function batchNormTraining(n: OpNode): boolean {
  return n.opset >= 14 ? n.attrInt('training_mode', 0) === 1 : n.outputCount > 1;
}

export const batchNormalization = defineOp({
  opType: 'BatchNormalization',
  since: 1,
  shape: (n) => {
    // Extra outputs (running or saved mean/var) have the shape of the mean input (input 3).
    const stat = n.input(3) ?? n.input(1);
    return [likeInput(n, 0), ...Array.from({ length: Math.max(n.outputCount - 1, 0) }, () => (stat ? tensorOut(stat.dtype, stat.dims) : undefined))];
  },
  cost: (n) => {
    const x = inDims(n, 0);
    const channels = x.length > 1 ? x[1] : 1;
    const elements = dims.numel(x);
    if (!batchNormTraining(n)) return normCost(elements, 4, channels, 2);
    return normCost(elements, 7, channels, 12);
  },
  examples: [
    // 2·3·4·4 = 96 elements × 4 + 3 channels × 2 = 390.
    { title: 'inference', inputs: [[2, 3, 4, 4], [3], [3], [3], [3]], expect: { shapes: [[2, 3, 4, 4]], flops: 390 } },
    // training_mode: 96 × 7 + 3 × 12 = 708; running_mean and running_var are [3].
    { title: 'training mode outputs', inputs: [[2, 3, 4, 4], [3], [3], [3], [3]], attrs: { training_mode: 1 }, opset: 15, expect: { shapes: [[2, 3, 4, 4], [3], [3]], flops: 708 } },
  ],
  notes: 'Inference: 4 FLOPs per element (subtract mean, divide by std, scale, shift) + 2 per channel (add ε, sqrt). Training mode (training_mode = 1 from opset 14; more than one output before): 7 per element (mean, square, mean of squares, subtract, divide, scale, shift) + 12 per channel (2 divisions for the means, mean², variance, +ε, sqrt, and 3 for each running-statistic update).',
});

export const instanceNormalization = defineOp({
  opType: 'InstanceNormalization',
  since: 1,
  shape: (n) => [likeInput(n, 0)],
  cost: (n) => {
    const x = inDims(n, 0);
    return normCost(dims.numel(x), 7, dims.mul(x[0], x[1]), 6);
  },
  // 96 elements × 7 + 2·3 instances × 6 = 708.
  examples: [{ inputs: [[2, 3, 4, 4], [3], [3]], expect: { shapes: [[2, 3, 4, 4]], flops: 708 } }],
  notes: '7 FLOPs per element (mean, square, mean of squares, subtract, divide, scale, shift) + 6 per (N, C) instance (2 mean divisions, mean², variance subtraction, +ε, sqrt).',
});

export const layerNormalization = defineOp({
  opType: 'LayerNormalization',
  since: 17,
  shape: (n) => {
    const x = n.input(0);
    const y = likeInput(n, 0);
    if (n.outputCount <= 1) return [y];
    const stash = dataTypeName(n.attrInt('stash_type', 1));
    let stat: Dim[] | undefined;
    if (x?.dims) {
      const axis = normalizeAxis(n.attrInt('axis', -1), x.dims.length, n.opType);
      stat = [...x.dims.slice(0, axis), ...x.dims.slice(axis).map(() => 1)];
    }
    return [y, tensorOut(stash, stat), tensorOut(stash, stat)];
  },
  cost: (n) => {
    const x = inDims(n, 0);
    const axis = normalizeAxis(n.attrInt('axis', -1), x.length, n.opType);
    return normCost(dims.numel(x), n.input(2) ? 7 : 6, dims.product(x.slice(0, axis)), 7);
  },
  examples: [
    // batch·seq rows of 768: 768·7 per row + 7 = 5383·batch·seq; Mean/InvStdDev [batch, seq, 1].
    { inputs: [['batch', 'seq', 768], [768], [768]], expect: { shapes: [['batch', 'seq', 768], ['batch', 'seq', 1], ['batch', 'seq', 1]], flops: '5383*batch*seq' } },
    // axis 1 on [2, 3, 5] without B: 30 × 6 + 2 rows × 7 = 194.
    { title: 'axis 1, no bias', inputs: [[2, 3, 5], [3, 5]], attrs: { axis: 1 }, expect: { shapes: [[2, 3, 5]], flops: 194 } },
  ],
  notes: 'Function body: 7 FLOPs per element (mean, square, mean of squares, subtract, divide, scale, bias; 6 without B) + 7 per normalised row (2 mean divisions, mean², variance subtraction, +ε, sqrt, reciprocal for InvStdDev). Mean and InvStdDev have shape X.shape[:axis] + [1, …] and the stash_type dtype.',
});

export const groupNormalization = defineOp({
  opType: 'GroupNormalization',
  since: 18,
  shape: (n) => [likeInput(n, 0)],
  cost: (n) => {
    const x = inDims(n, 0);
    const groups = n.attrInt('num_groups');
    if (groups === undefined) throw missingAttribute(n, 'num_groups');
    return normCost(dims.numel(x), 7, dims.mul(x[0], groups), 6);
  },
  // 2·4·3·3 = 72 elements × 7 + 2·2 groups × 6 = 528.
  examples: [{ inputs: [[2, 4, 3, 3], [4], [4]], attrs: { num_groups: 2 }, expect: { shapes: [[2, 4, 3, 3]], flops: 528 } }],
  notes: '7 FLOPs per element (mean, square, mean of squares, subtract, divide, scale, bias) + 6 per (N, group) (2 mean divisions, mean², variance subtraction, +ε, sqrt).',
});

export const rmsNormalization = defineOp({
  opType: 'RMSNormalization',
  since: 23,
  shape: (n) => [likeInput(n, 0)],
  cost: (n) => {
    const x = inDims(n, 0);
    const axis = normalizeAxis(n.attrInt('axis', -1), x.length, n.opType);
    return normCost(dims.numel(x), 4, dims.product(x.slice(0, axis)), 3);
  },
  // batch·seq rows × (4·4096 + 3) = 16387·batch·seq.
  examples: [{ inputs: [['batch', 'seq', 4096], [4096]], expect: { shapes: [['batch', 'seq', 4096]], flops: '16387*batch*seq' } }],
  notes: 'Function body: 4 FLOPs per element (square, mean, divide by RMS, scale) + 3 per row (mean division, +ε, sqrt).',
});

export const lpNormalization = defineOp({
  opType: 'LpNormalization',
  since: 1,
  shape: (n) => [likeInput(n, 0)],
  cost: (n) => {
    const x = inDims(n, 0);
    const axis = normalizeAxis(n.attrInt('axis', -1), x.length, n.opType);
    const rows = dims.product(x.filter((_, i) => i !== axis));
    return normCost(dims.numel(x), 3, rows, n.attrInt('p', 2) === 2 ? 1 : 0);
  },
  // 3·4 = 12 elements × 3 + 3 rows × 1 (sqrt) = 39.
  examples: [{ inputs: [[3, 4]], attrs: { axis: 1 }, expect: { shapes: [[3, 4]], flops: 39 } }],
  notes: '3 FLOPs per element (|x| or x², sum, divide) + 1 per normalised vector for p = 2 (square root).',
});

export const meanVarianceNormalization = defineOp({
  opType: 'MeanVarianceNormalization',
  since: 9,
  shape: (n) => [likeInput(n, 0)],
  cost: (n) => {
    const x = inDims(n, 0);
    const axes = normalizeAxes(n.attrInts('axes') ?? [0, 2, 3], x.length, n.opType);
    const rows = dims.product(x.filter((_, i) => !axes.includes(i)));
    return normCost(dims.numel(x), 5, rows, 6);
  },
  // Axes [0, 2, 3] of [3, 3, 3, 1]: 27 elements × 5 + 3 channels × 6 = 153.
  examples: [{ inputs: [[3, 3, 3, 1]], expect: { shapes: [[3, 3, 3, 1]], flops: 153 } }],
  notes: 'Function body: 5 FLOPs per element (mean, square, mean of squares, subtract, divide) + 6 per normalised group (2 mean divisions, mean², variance subtraction, sqrt, +ε).',
});

export const normalizationOps = [batchNormalization, instanceNormalization, layerNormalization, groupNormalization, rmsNormalization, lpNormalization, meanVarianceNormalization];
