import { AutodocError, defineOp } from '@autodoc/core';
import { dimsOf, tensorOut } from '../util/args.js';

/** com.microsoft Trilu (the contrib copy of ONNX Trilu-14): keeps a triangle, zeroes the rest. */
export const trilu = defineOp({
  domain: 'com.microsoft',
  opType: 'Trilu',
  since: 1,
  shape: (n) => {
    const x = dimsOf(n, 0);
    if (x && x.length < 2) throw new AutodocError('SHAPE_MISMATCH', `Trilu "${n.name}": the input must have rank 2 or more, got ${x.length}.`, 'The node is invalid; the model will fail at run time.');
    return [tensorOut(n.input(0)?.dtype, x)];
  },
  cost: 'free',
  examples: [{ inputs: [[1, 1, 'seq', 'seq']], attrs: { upper: 0 }, expect: { shapes: [[1, 1, 'seq', 'seq']], flops: 0 } }],
  notes: 'Masking copy (data movement): free.',
});
