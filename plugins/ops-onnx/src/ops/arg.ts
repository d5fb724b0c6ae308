/**
 * ArgMax / ArgMin: INT64 indices along `axis` (default 0; negative counts from the end, since 11),
 * kept as 1 with keepdims = 1 (default) or dropped. select_last_index (since 12) picks among ties and
 * does not change the shape.
 */
import { defineOp, type Dim, type OpDefinition, type OpNode } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { perInputElement, tensorOut } from './general-common.js';

function argShape(n: OpNode) {
  const x = n.input(0);
  if (!x?.dims) return tensorOut('INT64', undefined);
  const axis = normalizeAxis(n.attrInt('axis', 0), x.dims.length, n.opType);
  const keep = n.attrInt('keepdims', 1) === 1;
  const shape: Dim[] = [];
  x.dims.forEach((d, i) => {
    if (i !== axis) shape.push(d);
    else if (keep) shape.push(1);
  });
  return tensorOut('INT64', shape);
}

function defineArg(opType: string): OpDefinition {
  return defineOp({
    opType,
    since: 1,
    shape: (n) => [argShape(n)],
    cost: perInputElement(1),
    examples: [
      { title: 'axis 1, keepdims', opset: 13, inputs: [[2, 3, 4]], attrs: { axis: 1 }, expect: { shapes: [[2, 1, 4]], flops: 24 } },
      { title: 'axis −1, keepdims 0, select_last_index', opset: 13, inputs: [['batch', 5]], attrs: { axis: -1, keepdims: 0, select_last_index: 1 }, expect: { shapes: [['batch']], flops: '5*batch' } },
    ],
    notes: 'Output INT64. Cost: 1 comparison per input element.',
  });
}

/** ArgMax, ArgMin. */
export const argOps: OpDefinition[] = [defineArg('ArgMax'), defineArg('ArgMin')];
