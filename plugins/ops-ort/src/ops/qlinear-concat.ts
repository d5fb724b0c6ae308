import { type Dim, type OpNode, defineOp, dims } from '@autodoc/core';
import { expectSame, requiredInt, tensorOut } from '../util/args.js';

// QLinearConcat: inputs are Y_scale, Y_zero_point, then (tensor, scale, zero_point) triples.

function concatShape(n: OpNode): Dim[] | undefined {
  const parts: (readonly Dim[] | undefined)[] = [];
  for (let i = 2; i < n.inputCount; i += 3) parts.push(n.input(i)?.dims);
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  const shapes = parts as (readonly Dim[])[];
  const rank = shapes[0].length;
  const raw = requiredInt(n, 'axis');
  const axis = raw < 0 ? raw + rank : raw;
  const out = [...shapes[0]];
  for (const s of shapes.slice(1)) {
    s.forEach((d, i) => {
      if (i !== axis) expectSame(n, out[i], d, `inputs differ on axis ${i}`);
    });
    out[axis] = dims.add(out[axis], s[axis]);
  }
  return out;
}

/** com.microsoft QLinearConcat. */
export const qLinearConcat = defineOp({
  domain: 'com.microsoft',
  opType: 'QLinearConcat',
  since: 1,
  shape: (n) => [tensorOut(n.input(1)?.dtype, concatShape(n))],
  cost: 'free',
  examples: [
    {
      inputs: [[], { dtype: 'UINT8', shape: [] }, { dtype: 'UINT8', shape: [1, 3, 'h', 'w'] }, [], { dtype: 'UINT8', shape: [] }, { dtype: 'UINT8', shape: [1, 5, 'h', 'w'] }, [], { dtype: 'UINT8', shape: [] }],
      attrs: { axis: 1 },
      expect: { shapes: [[1, 8, 'h', 'w']], flops: 0 },
    },
  ],
  notes: 'Data movement: free. Inputs whose scale or zero point differ from the output are requantised through a lookup table, which is not counted.',
});
