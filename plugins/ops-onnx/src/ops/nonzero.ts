/**
 * Data-dependent ops: NonZero, Unique, Compress, NonMaxSuppression. Their output sizes depend on the
 * input contents. The rank is always known; a count is exact when the contents that decide it are
 * known (NonZero of a known tensor, Compress with a known condition) and otherwise a data-dependent
 * symbol named after the output — never a guessed number.
 */
import { defineOp, dims, type Dim, type OpDefinition, type OpNode } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { constInts, dataDependentDim, tensorOut } from './general-common.js';

/** Count of non-zero elements when every element is a known number. */
function countNonZero(value: readonly Dim[] | undefined): number | undefined {
  if (!value || value.some((d) => typeof d !== 'number')) return undefined;
  return value.filter((d) => d !== 0).length;
}

export const nonZero = defineOp({
  opType: 'NonZero',
  since: 9,
  shape: (n) => {
    const x = n.input(0);
    if (x?.rank === undefined) return [tensorOut('INT64', undefined)];
    const count = countNonZero(x.value) ?? dataDependentDim(n, 0, 1);
    return [tensorOut('INT64', [x.rank, count])];
  },
  cost: 'free',
  examples: [
    { title: 'unknown contents', opset: 13, inputs: [[2, 'n', 3]], expect: { shapes: [[3, 'output0_dim1']], flops: 0 } },
    { title: 'known contents [1,0,1,1]', opset: 13, inputs: [{ dtype: 'BOOL', shape: [2, 2], value: [1, 0, 1, 1] }], expect: { shapes: [[2, 3]] } },
  ],
  notes: 'Output INT64 [rank(X), count of non-zeros]; the count is data dependent (exact only when the contents are known). Free: a selection scan, no arithmetic counted.',
});

function uniqueShapes(n: OpNode) {
  const x = n.input(0);
  const axisAttr = n.attrInt('axis');
  const u = dataDependentDim(n, 0, axisAttr === undefined ? 0 : axisAttr < 0 && x?.rank !== undefined ? axisAttr + x.rank : axisAttr);
  if (!x?.dims) return [tensorOut(x?.dtype, undefined), tensorOut('INT64', [u]), tensorOut('INT64', undefined), tensorOut('INT64', [u])];
  if (axisAttr === undefined) {
    // Flattened: Y [u]; inverse_indices index every input element.
    return [tensorOut(x.dtype, [u]), tensorOut('INT64', [u]), tensorOut('INT64', [dims.numel(x.dims)]), tensorOut('INT64', [u])];
  }
  const axis = normalizeAxis(axisAttr, x.dims.length, n.opType);
  const y = x.dims.map((d, i) => (i === axis ? u : d));
  return [tensorOut(x.dtype, y), tensorOut('INT64', [u]), tensorOut('INT64', [x.dims[axis]]), tensorOut('INT64', [u])];
}

export const unique = defineOp({
  opType: 'Unique',
  since: 11,
  shape: uniqueShapes,
  examples: [
    { title: 'flattened', inputs: [[2, 3]], expect: { shapes: [['output0_dim0'], ['output0_dim0'], [6], ['output0_dim0']] } },
    { title: 'axis 0', inputs: [[3, 3]], attrs: { axis: 0 }, expect: { shapes: [['output0_dim0', 3], ['output0_dim0'], [3], ['output0_dim0']] } },
  ],
  notes: 'Outputs Y, indices, inverse_indices, counts; the number of unique elements/slices is one data-dependent dim shared by all. No cost rule: the sort and compare work depends on the data, so Unique is reported as uncounted rather than guessed.',
});

function compressShape(n: OpNode) {
  const x = n.input(0);
  const cond = n.input(1);
  const axisAttr = n.attrInt('axis');
  if (!x?.dims) return tensorOut(x?.dtype, undefined);
  const count = countNonZero(constInts(cond));
  if (axisAttr === undefined) return tensorOut(x.dtype, [count ?? dataDependentDim(n, 0, 0)]);
  const axis = normalizeAxis(axisAttr, x.dims.length, n.opType);
  return tensorOut(x.dtype, x.dims.map((d, i) => (i === axis ? count ?? dataDependentDim(n, 0, axis) : d)));
}

export const compress = defineOp({
  opType: 'Compress',
  since: 9,
  shape: (n) => [compressShape(n)],
  cost: 'free',
  examples: [
    { title: 'known condition, axis 0', opset: 11, inputs: [[3, 2], { dtype: 'BOOL', shape: [3], value: [0, 1, 1] }], attrs: { axis: 0 }, expect: { shapes: [[2, 2]], flops: 0 } },
    { title: 'unknown condition, flattened', opset: 11, inputs: [[3, 2], { dtype: 'BOOL', shape: [6] }], expect: { shapes: [['output0_dim0']] } },
  ],
  notes: 'Selects slices along axis (or elements of the flattened input) where condition is true; the count is exact when the condition is known, data dependent otherwise. Free: a selection, no arithmetic.',
});

export const nonMaxSuppression = defineOp({
  opType: 'NonMaxSuppression',
  since: 10,
  shape: (n) => [tensorOut('INT64', [dataDependentDim(n, 0, 0), 3])],
  examples: [{ opset: 11, inputs: [[1, 6, 4], [1, 1, 6]], expect: { shapes: [['output0_dim0', 3]] } }],
  notes: 'Output selected_indices INT64 [num_selected, 3] (batch, class, box); num_selected is data dependent. No cost rule: the IoU work depends on how many boxes survive each step, so the node is reported as uncounted rather than guessed.',
});

/** NonZero, Unique, Compress, NonMaxSuppression. */
export const nonZeroOps: OpDefinition[] = [nonZero, unique, compress, nonMaxSuppression];
