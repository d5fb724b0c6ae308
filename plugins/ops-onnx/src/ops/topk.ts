/**
 * TopK: the k largest (or smallest) elements along `axis` (default −1) and their INT64 indices. k is
 * an attribute before opset 10 and a 1-element INT64 input since; its contents decide the shape
 * (value-driven). A known k — a number or a symbolic expression from shape arithmetic — is used as
 * the dim; an unknown k gives a data-dependent symbol for that dim (the rank stays known).
 */
import { defineOp, type Dim, type OpDefinition, type OpNode } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { dataDependentDim, perInputElement, scalarValue, tensorOut } from './general-common.js';

function topkShapes(n: OpNode) {
  const x = n.input(0);
  if (!x?.dims) return [tensorOut(x?.dtype, undefined), tensorOut('INT64', undefined)];
  const axis = normalizeAxis(n.attrInt('axis', -1), x.dims.length, n.opType);
  const k: Dim = n.opset < 10 ? n.attrInt('k', 0) : scalarValue(n.input(1)) ?? dataDependentDim(n, 0, axis);
  const shape = x.dims.map((d, i) => (i === axis ? k : d));
  return [tensorOut(x.dtype, shape), tensorOut('INT64', [...shape])];
}

export const topK = defineOp({
  opType: 'TopK',
  since: 1,
  shape: topkShapes,
  cost: perInputElement(1),
  examples: [
    { title: 'k = 3 on [3, 4]', opset: 11, inputs: [[3, 4], { shape: [1], value: [3] }], expect: { shapes: [[3, 3], [3, 3]], flops: 12 } },
    { title: 'symbolic k from shape arithmetic', opset: 11, inputs: [['batch', 'n'], { shape: [1], value: ['k'] }], expect: { shapes: [['batch', 'k'], ['batch', 'k']], flops: 'batch*n' } },
    { title: 'opset 1 attribute k', opset: 1, inputs: [[2, 10]], attrs: { k: 4 }, expect: { shapes: [[2, 4], [2, 4]], flops: 20 } },
  ],
  notes: 'Outputs: values (input dtype) and indices (INT64). Cost: 1 comparison per input element — a single selection pass; ordering the k kept elements (k·log k comparisons per slice, data dependent) is not counted.',
});

/** TopK. */
export const topkOps: OpDefinition[] = [topK];
