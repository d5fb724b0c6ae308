/**
 * Shape and Size: the roots of exported shape arithmetic. Their outputs carry the input's dims as
 * contents, symbols included, so Gather/Concat/Reshape downstream see `batch`, `sequence`, … .
 */
import { defineOp, type Dim } from '@autodoc/core';
import { tensorOut, unknownDim } from './tensor-common.js';

/** Clamps a Shape start/end (opset 15) to [0, rank] after adding rank to negatives. */
function clampIndex(i: number, rank: number): number {
  const j = i < 0 ? i + rank : i;
  return Math.min(Math.max(j, 0), rank);
}

/** Shape (since 1; start/end since 15): INT64 [rank] whose contents are the input's dims. */
export const shapeOp = defineOp({
  opType: 'Shape',
  since: 1,
  shape: (n) => {
    const d = n.input(0)?.dims;
    if (!d) return [tensorOut('INT64', [unknownDim(n, 0, 0)])];
    let start = 0;
    let end = d.length;
    if (n.opset >= 15) {
      start = clampIndex(n.attrInt('start', 0), d.length);
      const e = n.attrInt('end');
      end = e === undefined ? d.length : clampIndex(e, d.length);
    }
    const value: Dim[] = end > start ? d.slice(start, end) : [];
    return [tensorOut('INT64', [value.length], value)];
  },
  cost: 'free',
  examples: [
    { title: 'symbolic dims become contents', inputs: [['batch', 3, 224]], expect: { shapes: [[3]] } },
    { title: 'start/end (opset 15)', inputs: [[2, 3, 4, 5]], attrs: { start: 1, end: -1 }, opset: 15, expect: { shapes: [[2]] } },
  ],
  notes: 'Reads metadata only: no FLOPs. Output is INT64 [rank] (or [end - start] from opset 15) holding the dims.',
});

/** Size (since 1): INT64 scalar holding the element count. */
export const sizeOp = defineOp({
  opType: 'Size',
  since: 1,
  shape: (n) => {
    const e = n.input(0)?.numel;
    return [tensorOut('INT64', [], e === undefined ? undefined : [e])];
  },
  cost: 'free',
  examples: [{ inputs: [['batch', 3]], expect: { shapes: [[]] } }],
  notes: 'Reads metadata only: no FLOPs. Output is an INT64 scalar = product of the dims.',
});
