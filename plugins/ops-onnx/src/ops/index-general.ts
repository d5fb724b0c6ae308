/**
 * The general operator families of ai.onnx, ai.onnx.ml and ai.onnx.preview.training: elementwise,
 * activations, logical, reductions, softmax, selection, data-dependent, quantization, sequences,
 * strings, bitwise, ML and training ops. One family per file; this list is what the plugin registers.
 */
import type { OpDefinition } from '@autodoc/core';
import { activationOps } from './activations.js';
import { argOps } from './arg.js';
import { bitwiseOps } from './bitwise.js';
import { cumulativeOps } from './cumsum.js';
import { elementwiseBinaryOps } from './elementwise-binary.js';
import { elementwiseUnaryOps } from './elementwise-unary.js';
import { eyeLikeOps } from './eye-like.js';
import { gatherScatterOps } from './gather-scatter.js';
import { logicalOps } from './logical.js';
import { lossOps } from './losses.js';
import { miscOps } from './misc.js';
import { mlOps } from './ml.js';
import { nonZeroOps } from './nonzero.js';
import { oneHotOps } from './onehot.js';
import { quantizeOps } from './quantize.js';
import { randomOps } from './random.js';
import { reduceOps } from './reduce.js';
import { sequenceOps } from './sequence.js';
import { softmaxOps } from './softmax.js';
import { stringOps } from './string.js';
import { topkOps } from './topk.js';
import { trainingOps } from './training.js';
import { triluOps } from './trilu.js';
import { whereOps } from './where.js';

export const generalOps: OpDefinition[] = [
  ...elementwiseUnaryOps,
  ...elementwiseBinaryOps,
  ...activationOps,
  ...logicalOps,
  ...bitwiseOps,
  ...reduceOps,
  ...softmaxOps,
  ...argOps,
  ...topkOps,
  ...gatherScatterOps,
  ...whereOps,
  ...oneHotOps,
  ...nonZeroOps,
  ...quantizeOps,
  ...sequenceOps,
  ...triluOps,
  ...cumulativeOps,
  ...eyeLikeOps,
  ...randomOps,
  ...stringOps,
  ...mlOps,
  ...lossOps,
  ...trainingOps,
  ...miscOps,
];
