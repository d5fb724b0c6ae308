/**
 * Gather (ai.onnx): data[:axis] + indices.shape + data[axis+1:]. Its contents matter most for shape
 * arithmetic — `Gather(Shape(x), 1)` is how exporters read `sequence` — so known contents are gathered.
 */
import { defineOp, type Dim } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { concrete, intsOf, invalid, MAX_FOLD_ELEMENTS, productOf, tensorOut } from './tensor-common.js';

/** Gathered contents: for each outer index, each index, the inner block. */
function gatherValues(value: readonly Dim[], shape: readonly number[], axis: number, indices: readonly number[]): Dim[] | undefined {
  const outer = productOf(shape.slice(0, axis));
  const inner = productOf(shape.slice(axis + 1));
  const n = shape[axis];
  if (value.length !== productOf(shape) || outer * indices.length * inner > MAX_FOLD_ELEMENTS) return undefined;
  const out: Dim[] = [];
  for (let o = 0; o < outer; o++) {
    for (const raw of indices) {
      const i = raw < 0 ? raw + n : raw;
      if (i < 0 || i >= n) return undefined;
      const base = (o * n + i) * inner;
      for (let k = 0; k < inner; k++) out.push(value[base + k]);
    }
  }
  return out;
}

/** Gather (since 1; negative indices since 11; more dtypes since 13). */
export const gatherOp = defineOp({
  opType: 'Gather',
  since: 1,
  shape: (n) => {
    const data = n.input(0);
    const idx = n.input(1);
    const d = data?.dims;
    if (!d || !idx?.dims) return [tensorOut(data?.dtype, undefined)];
    if (d.length === 0) throw invalid(n, 'data must have rank ≥ 1.');
    const axis = normalizeAxis(n.attrInt('axis', 0), d.length, 'Gather');
    const shape = [...d.slice(0, axis), ...idx.dims, ...d.slice(axis + 1)];
    const indices = intsOf(idx);
    const dataShape = concrete(d);
    let value: Dim[] | undefined;
    if (data?.value && indices && dataShape) value = gatherValues(data.value, dataShape, axis, indices);
    return [tensorOut(data?.dtype, shape, value)];
  },
  cost: 'free',
  examples: [
    {
      title: 'reading a dim from Shape',
      inputs: [
        { dtype: 'INT64', shape: [3], value: ['batch', 'seq', 32] },
        { dtype: 'INT64', shape: [], value: [1] },
      ],
      expect: { shapes: [[]] },
    },
    { title: 'embedding lookup', inputs: [[128, 32], { dtype: 'INT64', shape: ['batch', 'seq'] }], expect: { shapes: [['batch', 'seq', 32]] } },
    { title: 'axis 1', inputs: [[5, 4, 3], { dtype: 'INT64', shape: [2] }], attrs: { axis: 1 }, expect: { shapes: [[5, 2, 3]] } },
  ],
  notes: 'Counted as data movement (an indexed copy): no FLOPs.',
});
