import { AutodocError, defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';

/** com.microsoft Inverse: inverses of a batch of square matrices [*, M, M]. */
export const inverse = defineOp({
  domain: 'com.microsoft',
  opType: 'Inverse',
  since: 1,
  shape: (n) => {
    const x = dimsOf(n, 0);
    if (x && (x.length < 2 || (typeof x[x.length - 1] === 'number' && typeof x[x.length - 2] === 'number' && x[x.length - 1] !== x[x.length - 2]))) {
      throw new AutodocError('SHAPE_MISMATCH', `Inverse "${n.name}": the input must be a batch of square matrices.`, 'The node is invalid; the model will fail at run time.');
    }
    return [tensorOut(n.input(0)?.dtype, x)];
  },
  cost: (n) => {
    const x = need(n, dimsOf(n, 0), 'the input shape');
    // 2·M³ per matrix; there are elements / M² matrices → 2 · M · elements.
    return { flops: dims.product([2, x[x.length - 1], dims.numel(x)]) };
  },
  examples: [{ inputs: [[5, 4, 4]], expect: { shapes: [[5, 4, 4]], flops: 640 } }], // 5 matrices × 2·4³ = 640
  notes: '2·M³ FLOPs per M×M matrix (LU-based inversion, the usual operation count). Not counted as MACs: inversion is not a GEMM-like product in docs/definitions.md.',
});
