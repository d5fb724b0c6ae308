/** Pad: `paddings` attribute (opset 1), `pads` attribute (2–10), `pads` input (11+), `axes` input (18+). */
import { defineOp, dims, type Dim } from '@autodoc/core';
import { normalizeAxes } from '../util/axes.js';
import { invalid, tensorOut, unknownDim } from './tensor-common.js';

export const padOp = defineOp({
  opType: 'Pad',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    if (!d) return [tensorOut(a?.dtype, undefined)];
    let pads: readonly Dim[] | undefined;
    let axes: number[] | undefined = d.map((_, k) => k);
    if (n.opset < 2) pads = n.attrInts('paddings');
    else if (n.opset < 11) pads = n.attrInts('pads');
    else {
      pads = n.input(1)?.value;
      const axesArg = n.opset >= 18 ? n.input(3) : undefined;
      if (axesArg) {
        const v = axesArg.value;
        axes = v?.every((x) => typeof x === 'number') ? normalizeAxes(v as number[], d.length, 'Pad') : undefined;
      }
    }
    if (!pads || !axes) {
      const which = axes;
      return [
        tensorOut(
          a?.dtype,
          d.map((x, k) => (which && !which.includes(k) ? x : unknownDim(n, 0, k))),
        ),
      ];
    }
    if (pads.length !== 2 * axes.length) throw invalid(n, `pads has ${pads.length} entries for ${axes.length} axes.`);
    const out = [...d];
    axes.forEach((ax, i) => {
      out[ax] = dims.add(dims.add(d[ax], pads[i]), pads[i + axes.length]);
    });
    return [tensorOut(a?.dtype, out)];
  },
  cost: 'free',
  examples: [
    {
      title: 'pads attribute (opset 2)',
      inputs: [[1, 3, 'h', 'w']],
      attrs: { pads: [0, 0, 1, 1, 0, 0, 1, 1] },
      opset: 2,
      expect: { shapes: [[1, 3, 'h + 2', 'w + 2']] },
    },
    { title: 'pads input, negative', inputs: [[4, 5], { dtype: 'INT64', shape: [4], value: [1, -1, 0, 2] }], opset: 13, expect: { shapes: [[5, 6]] } },
    {
      title: 'axes input (opset 18)',
      inputs: [[4, 5], { dtype: 'INT64', shape: [2], value: [2, 3] }, null, { dtype: 'INT64', shape: [1], value: [-1] }],
      opset: 18,
      expect: { shapes: [[4, 10]] },
    },
  ],
  notes: 'Counted as data movement (a copy with fill): no FLOPs.',
});
