/**
 * OneHot(indices, depth, values): inserts a new axis of size `depth` at `axis` (default −1, range
 * [−r−1, r]); dtype of `values`. depth is value-driven: a known depth (number or symbolic) is the new
 * dim; an unknown one is a data-dependent symbol.
 */
import { AutodocError, defineOp, type OpDefinition, type OpNode } from '@autodoc/core';
import { dataDependentDim, scalarValue, tensorOut } from './general-common.js';

function oneHotShape(n: OpNode) {
  const idx = n.input(0)?.dims;
  const dtype = n.input(2)?.dtype;
  if (!idx) return tensorOut(dtype, undefined);
  const r = idx.length;
  const raw = n.attrInt('axis', -1);
  const axis = raw < 0 ? raw + r + 1 : raw;
  if (axis < 0 || axis > r) throw new AutodocError('SHAPE_INVALID_AXIS', `OneHot: axis ${raw} is out of range for indices of rank ${r}.`, 'axis must lie in [-r-1, r].');
  const depth = scalarValue(n.input(1)) ?? dataDependentDim(n, 0, axis);
  return tensorOut(dtype, [...idx.slice(0, axis), depth, ...idx.slice(axis)]);
}

export const oneHot = defineOp({
  opType: 'OneHot',
  since: 9,
  shape: (n) => [oneHotShape(n)],
  cost: 'free',
  examples: [
    { opset: 11, inputs: [{ dtype: 'INT64', shape: [3] }, { shape: [], value: [10] }, { dtype: 'FLOAT', shape: [2] }], expect: { shapes: [[3, 10]], flops: 0 } },
    { title: 'axis 1', opset: 11, inputs: [{ dtype: 'INT64', shape: ['batch', 2] }, { shape: [], value: [5] }, { dtype: 'FLOAT', shape: [2] }], attrs: { axis: 1 }, expect: { shapes: [['batch', 5, 2]] } },
  ],
  notes: 'Output: indices shape with depth inserted at axis; dtype of values. Free: writes on/off values, no arithmetic.',
});

/** OneHot. */
export const oneHotOps: OpDefinition[] = [oneHot];
