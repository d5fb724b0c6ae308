/**
 * Random generators. They produce samples but do no arithmetic on the model's data, so they are free
 * by decision (the generator's own work is not a FLOP of the model): RandomNormal/RandomUniform (shape
 * attribute), *Like (the input's shape), Multinomial ([batch, sample_size]) and Bernoulli.
 */
import { defineOp, type OpDefinition } from '@autodoc/core';
import { dtypeAttr, tensorOut } from './general-common.js';

const freeNote = 'Free by decision: sampling is not arithmetic on the model\'s data.';

function fromShapeAttr(opType: string) {
  return defineOp({
    opType,
    since: 1,
    shape: (n) => [tensorOut(dtypeAttr(n, 'dtype') ?? 'FLOAT', n.attrInts('shape'))],
    cost: 'free',
    examples: [{ attrs: { shape: [2, 3] }, inputs: [], expect: { shapes: [[2, 3]], flops: 0 } }],
    notes: `Output: the shape attribute; dtype attribute (default FLOAT). ${freeNote}`,
  });
}

function like(opType: string, since: number) {
  return defineOp({
    opType,
    since,
    shape: (n) => [tensorOut(dtypeAttr(n, 'dtype') ?? n.input(0)?.dtype, n.input(0)?.dims)],
    cost: 'free',
    examples: [{ inputs: [['batch', 4]], expect: { shapes: [['batch', 4]], flops: 0 } }],
    notes: `Output: the input's shape; dtype attribute, else the input's. ${freeNote}`,
  });
}

export const multinomial = defineOp({
  opType: 'Multinomial',
  since: 7,
  shape: (n) => {
    const x = n.input(0)?.dims;
    const dtype = dtypeAttr(n, 'dtype') ?? 'INT32';
    return [tensorOut(dtype, x ? [x[0], n.attrInt('sample_size', 1)] : undefined)];
  },
  cost: 'free',
  examples: [{ inputs: [['batch', 10]], attrs: { sample_size: 4 }, expect: { shapes: [['batch', 4]], flops: 0 } }],
  notes: `Output [batch, sample_size]; dtype attribute (default INT32). ${freeNote}`,
});

/** Random generators. */
export const randomOps: OpDefinition[] = [
  fromShapeAttr('RandomNormal'),
  fromShapeAttr('RandomUniform'),
  like('RandomNormalLike', 1),
  like('RandomUniformLike', 1),
  multinomial,
  like('Bernoulli', 15),
];
