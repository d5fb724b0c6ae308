/** Squeeze and Unsqueeze: axes from an attribute before opset 13, from input 1 since. */
import { defineOp, type Dim } from '@autodoc/core';
import { normalizeAxes } from '../util/axes.js';
import { intListArg, invalid, passValue, tensorOut } from './tensor-common.js';

/** Squeeze (since 1; negative axes since 11; axes input since 13). */
export const squeezeOp = defineOp({
  opType: 'Squeeze',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    const axes = intListArg(n, 'axes', 1, 13);
    if (!d || axes === 'unknown') return [tensorOut(a?.dtype, undefined)];
    if (axes === 'absent') {
      // Every dim equal to 1 goes; a symbolic dim might be 1, so then the rank is unknown.
      if (d.some((x) => typeof x !== 'number')) return [tensorOut(a?.dtype, undefined)];
      return [
        tensorOut(
          a?.dtype,
          d.filter((x) => x !== 1),
          passValue(a),
        ),
      ];
    }
    const drop = new Set(normalizeAxes(axes, d.length, 'Squeeze'));
    for (const k of drop) if (typeof d[k] === 'number' && d[k] !== 1) throw invalid(n, `cannot squeeze axis ${k} of size ${d[k]}.`);
    return [
      tensorOut(
        a?.dtype,
        d.filter((_, k) => !drop.has(k)),
        passValue(a),
      ),
    ];
  },
  cost: 'free',
  examples: [
    { inputs: [[1, 'seq', 1, 4]], attrs: { axes: [0, -2] }, opset: 11, expect: { shapes: [['seq', 4]] } },
    { title: 'axes input (opset 13)', inputs: [[1, 3, 1], { dtype: 'INT64', shape: [1], value: [2] }], opset: 13, expect: { shapes: [[1, 3]] } },
    { title: 'no axes', inputs: [[1, 3, 1]], opset: 13, expect: { shapes: [[3]] } },
  ],
  notes: 'A view change: no FLOPs.',
});

/** Unsqueeze (since 1; negative axes since 11; axes input since 13). */
export const unsqueezeOp = defineOp({
  opType: 'Unsqueeze',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    const axes = intListArg(n, 'axes', 1, 13);
    if (axes === 'absent') throw invalid(n, 'axes are required.');
    if (!d || axes === 'unknown') return [tensorOut(a?.dtype, undefined)];
    const rank = d.length + axes.length;
    const insert = new Set(normalizeAxes(axes, rank, 'Unsqueeze'));
    const out: Dim[] = [];
    let j = 0;
    for (let k = 0; k < rank; k++) out.push(insert.has(k) ? 1 : d[j++]);
    return [tensorOut(a?.dtype, out, passValue(a))];
  },
  cost: 'free',
  examples: [
    { inputs: [['seq']], attrs: { axes: [0] }, expect: { shapes: [[1, 'seq']] } },
    { title: 'negative axes (opset 11)', inputs: [[3, 4]], attrs: { axes: [-1, 0] }, opset: 11, expect: { shapes: [[1, 3, 4, 1]] } },
    {
      title: 'axes input (opset 13), scalar',
      inputs: [
        { dtype: 'INT64', shape: [], value: ['batch'] },
        { dtype: 'INT64', shape: [1], value: [0] },
      ],
      opset: 13,
      expect: { shapes: [[1]] },
    },
  ],
  notes: 'A view change: no FLOPs.',
});
