/**
 * Dropout. Y has X's shape; the optional mask output too (BOOL from opset 10, X's dtype before).
 * Inference is an identity; training (training_mode input = true, opset 12+; is_test = 0 up to opset 6)
 * draws a mask and scales.
 */
import { defineOp, dims, type OpNode } from '@autodoc/core';
import { likeInput, outNumel, tensorOut } from './nn-common.js';

function training(n: OpNode): boolean | undefined {
  if (n.opset >= 12) {
    const mode = n.input(2);
    if (!mode) return false;
    const v = mode.value?.[0];
    return v === undefined ? undefined : v !== 0;
  }
  if (n.opset <= 6) return n.attrInt('is_test', 0) === 0;
  return false; // opsets 7–11 have no training switch: Dropout is an identity at inference
}

export const dropout = defineOp({
  opType: 'Dropout',
  since: 1,
  shape: (n) => {
    const y = likeInput(n, 0);
    if (n.outputCount < 2) return [y];
    return [y, tensorOut(n.opset >= 10 ? 'BOOL' : n.input(0)?.dtype, n.input(0)?.dims)];
  },
  cost: (n) => {
    const mode = training(n);
    if (mode === false) return { flops: 0, note: 'inference: identity' };
    // Training: one random draw + comparison for the mask, one multiply for the 1/(1 − ratio) scale.
    const flops = dims.mul(2, outNumel(n));
    return mode === undefined ? { flops, note: 'training_mode is not a constant: counted as training' } : { flops };
  },
  examples: [
    { title: 'inference, with mask', inputs: [[3, 4, 5]], opset: 13, expect: { shapes: [[3, 4, 5], [3, 4, 5]], flops: 0 } },
    // 60 elements × 2 = 120.
    { title: 'training_mode = true', inputs: [[3, 4, 5], [], { dtype: 'BOOL', shape: [], value: [1] }], opset: 13, expect: { shapes: [[3, 4, 5], [3, 4, 5]], flops: 120 } },
  ],
  notes: 'Inference (the default): 0 FLOPs, an identity. Training (training_mode true, or is_test = 0 before opset 7): 2 FLOPs per element (mask draw and comparison, scaling). A training_mode that is not constant is counted as training and says so.',
});

export const dropoutOps = [dropout];
