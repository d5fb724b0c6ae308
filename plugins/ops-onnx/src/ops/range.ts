/** Range (since 11): [max(ceil((limit − start) / delta), 0)], symbolic when the limit is a dim. */
import { defineOp, dims, type Dim, type OpNode } from '@autodoc/core';
import { clampNonNegative, MAX_FOLD_ELEMENTS, scalarOf, tensorOut, unknownDim } from './tensor-common.js';

/** Element count of a Range; undefined when it cannot be told. */
export function rangeCount(start: Dim, limit: Dim, delta: Dim): Dim | undefined {
  if (typeof start === 'number' && typeof limit === 'number' && typeof delta === 'number') {
    if (delta === 0) return undefined;
    return Math.max(Math.ceil((limit - start) / delta), 0) + 0;
  }
  // Symbolic bounds: exact integer arithmetic needs an integer step and integer constants.
  if (typeof delta !== 'number' || !Number.isInteger(delta) || delta === 0) return undefined;
  if ((typeof start === 'number' && !Number.isInteger(start)) || (typeof limit === 'number' && !Number.isInteger(limit))) return undefined;
  return clampNonNegative(dims.ceilDiv(dims.sub(limit, start), delta));
}

export const rangeOp = defineOp({
  opType: 'Range',
  since: 11,
  shape: (n: OpNode) => {
    const startArg = n.input(0);
    const start = scalarOf(startArg);
    const limit = scalarOf(n.input(1));
    const delta = scalarOf(n.input(2));
    const dtype = startArg?.dtype;
    const count = start !== undefined && limit !== undefined && delta !== undefined ? rangeCount(start, limit, delta) : undefined;
    if (count === undefined) return [tensorOut(dtype, [unknownDim(n, 0, 0)])];
    let value: Dim[] | undefined;
    if (typeof count === 'number' && count <= MAX_FOLD_ELEMENTS && typeof start === 'number' && typeof delta === 'number') {
      value = Array.from({ length: count }, (_, i) => start + i * delta);
    }
    return [tensorOut(dtype, [count], value)];
  },
  cost: 'free',
  examples: [
    {
      inputs: [
        { dtype: 'INT64', shape: [], value: [0] },
        { dtype: 'INT64', shape: [], value: ['seq'] },
        { dtype: 'INT64', shape: [], value: [1] },
      ],
      expect: { shapes: [['seq']] },
    },
    {
      title: 'negative delta',
      inputs: [
        { dtype: 'INT64', shape: [], value: [10] },
        { dtype: 'INT64', shape: [], value: [4] },
        { dtype: 'INT64', shape: [], value: [-3] },
      ],
      expect: { shapes: [[2]] },
    },
    {
      title: 'empty',
      inputs: [
        { dtype: 'INT64', shape: [], value: [5] },
        { dtype: 'INT64', shape: [], value: [1] },
        { dtype: 'INT64', shape: [], value: [1] },
      ],
      expect: { shapes: [[0]] },
    },
  ],
  notes: 'Generates a sequence; counted as data movement: no FLOPs.',
});
