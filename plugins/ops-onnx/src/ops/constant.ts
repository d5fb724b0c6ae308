/**
 * Constant and ConstantOfShape: values known from attributes. Their contents feed shape arithmetic
 * (Reshape targets, Slice bounds, axes) when they are small integer tensors.
 */
import { dataTypeName, defineOp, type Dim } from '@autodoc/core';
import { attrTensorValues, concrete, foldable, productOf, tensorOut, unknownDim, unknownDims } from './tensor-common.js';

/** Constant (since 1; sparse_value since 11; value_int(s)/float(s)/string(s) since 12). */
export const constantOp = defineOp({
  opType: 'Constant',
  since: 1,
  shape: (n) => {
    const t = n.attribute('value')?.t;
    if (t) return [tensorOut(dataTypeName(t.dataType), t.dims, foldable(attrTensorValues(n, 'value')))];
    const sparse = n.attribute('sparse_value')?.sparseTensor;
    if (sparse) return [tensorOut(dataTypeName(sparse.values.dataType), sparse.dims)];
    const i = n.attribute('value_int')?.i;
    if (i !== undefined) return [tensorOut('INT64', [], [i])];
    const ints = n.attribute('value_ints')?.ints;
    if (ints) return [tensorOut('INT64', [ints.length], foldable(ints))];
    const f = n.attribute('value_float')?.f;
    if (f !== undefined) return [tensorOut('FLOAT', [], [f])];
    const floats = n.attribute('value_floats')?.floats;
    if (floats) return [tensorOut('FLOAT', [floats.length], foldable(floats))];
    if (n.attribute('value_string')) return [tensorOut('STRING', [])];
    const strings = n.attribute('value_strings')?.strings;
    if (strings) return [tensorOut('STRING', [strings.length])];
    return [undefined];
  },
  cost: 'free',
  examples: [
    { title: 'value_ints', inputs: [], attrs: { value_ints: [1, -1, 8] }, opset: 12, expect: { shapes: [[3]] } },
    { title: 'value_float', inputs: [], attrs: { value_float: 0.5 }, opset: 12, expect: { shapes: [[]] } },
  ],
  notes: 'No computation: the output is the attribute. Shape and dtype come from it.',
});

/** Largest ConstantOfShape output whose contents are propagated. */
const FILL_FOLD_ELEMENTS = 1024;

/** ConstantOfShape (since 9; more dtypes since 20): a tensor of the input's contents as shape. */
export const constantOfShapeOp = defineOp({
  opType: 'ConstantOfShape',
  since: 9,
  shape: (n) => {
    const t = n.attribute('value')?.t;
    const dtype = t ? dataTypeName(t.dataType) : 'FLOAT';
    const shapeArg = n.input(0);
    const target = shapeArg?.value;
    if (!target) {
      // Rank = length of the 1-D shape input when that is known; dims unknown.
      const len = shapeArg?.dims?.[0];
      return [tensorOut(dtype, typeof len === 'number' ? unknownDims(n, 0, len) : undefined)];
    }
    const shape: Dim[] = target.map((d, k) => (typeof d === 'number' && d < 0 ? unknownDim(n, 0, k) : d));
    const known = concrete(shape);
    const fill = t ? attrTensorValues(n, 'value')?.[0] : 0;
    let value: Dim[] | undefined;
    // Fills used in shape arithmetic are tiny; a fill the size of a weight is never read as a value,
    // so folding it would only allocate (light ONNX models materialise every weight this way).
    if (known && fill !== undefined && productOf(known) <= FILL_FOLD_ELEMENTS) value = new Array<Dim>(productOf(known)).fill(fill);
    return [tensorOut(dtype, shape, value)];
  },
  cost: 'free',
  examples: [
    { title: 'symbolic shape', inputs: [{ dtype: 'INT64', shape: [2], value: ['batch', 4] }], expect: { shapes: [['batch', 4]] } },
    { title: 'empty shape gives a scalar', inputs: [{ dtype: 'INT64', shape: [0], value: [] }], expect: { shapes: [[]] } },
  ],
  notes: 'Counted as data movement (a fill): no FLOPs. Output dtype from the `value` attribute (default FLOAT 0).',
});
