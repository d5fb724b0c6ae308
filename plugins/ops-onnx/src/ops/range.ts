/** Range (since 11): [max(ceil((limit − start) / delta), 0)], symbolic when the limit is a dim. */
import { defineOp, dims, type Dim, dtypeByName, type OpNode } from '@autodoc/core';
import { FLOAT_VALUE_DTYPES, roundToFloat } from '../util/float-value.js';
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

/**
 * Contents `start + i·delta` (i < count). For a float dtype only when start, delta, every i·delta and
 * every element are exact in that format: then the spec's formula and a runtime that accumulates
 * `x += delta` give the same numbers; otherwise the contents stay unknown.
 */
function rangeValues(start: number, delta: number, count: number, dtype: string | undefined): Dim[] | undefined {
  const out: Dim[] = [];
  if (dtype === undefined || !FLOAT_VALUE_DTYPES.has(dtype)) {
    if (dtype !== undefined && dtypeByName(dtype)?.isFloat) return undefined; // a format not followed
    for (let i = 0; i < count; i++) out.push(start + i * delta);
    return out;
  }
  const exact = (x: number) => roundToFloat(x, dtype) === x;
  if (!exact(start) || !exact(delta)) return undefined;
  for (let i = 0; i < count; i++) {
    const x = start + i * delta;
    if (!exact(i * delta) || !exact(x)) return undefined;
    out.push(x);
  }
  return out;
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
      value = rangeValues(start, delta, count, dtype);
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
