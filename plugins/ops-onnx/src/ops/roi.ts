/**
 * Region-of-interest pooling: MaxRoiPool and RoiAlign. Output [num_rois, C, pooled_h, pooled_w].
 * MaxRoiPool's work depends on the RoI sizes (tensor contents), so it has no cost rule and is listed as
 * uncounted; RoiAlign is counted when sampling_ratio fixes the samples per bin.
 */
import { defineOp, dims, type OpNode } from '@autodoc/core';
import { costDataDependent, invalidNode, missingAttribute, outNumel, tensorOut } from './nn-common.js';

function roiOutput(n: OpNode, pooled: readonly number[]) {
  const x = n.input(0)?.dims;
  const rois = n.input(1)?.dims;
  const dtype = n.input(0)?.dtype;
  if (!x || !rois) return tensorOut(dtype, undefined);
  if (x.length !== 4) throw invalidNode(n, `input X must be 4-D [N, C, H, W], got rank ${x.length}.`);
  if (rois.length !== 2) throw invalidNode(n, `rois must be 2-D [num_rois, k], got rank ${rois.length}.`);
  return tensorOut(dtype, [rois[0], x[1], ...pooled]);
}

export const maxRoiPool = defineOp({
  opType: 'MaxRoiPool',
  since: 1,
  shape: (n) => {
    const pooled = n.attrInts('pooled_shape');
    if (pooled?.length !== 2) throw missingAttribute(n, 'pooled_shape', 'is required as [h, w]');
    return [roiOutput(n, pooled)];
  },
  examples: [{ inputs: [[1, 256, 38, 50], [300, 5]], attrs: { pooled_shape: [7, 7] }, expect: { shapes: [[300, 256, 7, 7]] } }],
  notes: 'No cost rule: the elements compared depend on the RoI sizes (tensor contents), so the op is listed as uncounted.',
});

export const roiAlign = defineOp({
  opType: 'RoiAlign',
  since: 10,
  shape: (n) => [roiOutput(n, [n.attrInt('output_height', 1), n.attrInt('output_width', 1)])],
  cost: (n) => {
    const ratio = n.attrInt('sampling_ratio', 0);
    if (ratio <= 0) throw costDataDependent(n, 'sampling_ratio 0 samples ⌈roi_size / output_size⌉ points per bin, which depends on the RoI coordinates.');
    const samples = dims.mul(outNumel(n), ratio * ratio);
    // Each sample: bilinear interpolation (9) + accumulation into the bin (1); avg mode divides once per bin.
    const tail = n.attrString('mode', 'avg') === 'avg' ? outNumel(n) : 0;
    return { flops: dims.add(dims.mul(10, samples), tail) };
  },
  examples: [
    // 5 RoIs × 3 channels × 2·2 bins = 60 outputs; 60·4 samples × 10 + 60 divisions = 2460.
    { inputs: [[1, 3, 10, 10], [5, 4], { dtype: 'INT64', shape: [5] }], attrs: { output_height: 2, output_width: 2, sampling_ratio: 2 }, expect: { shapes: [[5, 3, 2, 2]], flops: 2460 } },
  ],
  notes: 'FLOPs = output elements × sampling_ratio² × 10 (bilinear interpolation 9 = 3 linear interpolations of 3, plus 1 accumulation) + 1 per output element in avg mode. sampling_ratio 0 (adaptive) depends on the RoI coordinates: the node is reported uncounted (COST_DATA_DEPENDENT).',
});

export const roiOps = [maxRoiPool, roiAlign];
