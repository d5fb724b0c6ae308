/**
 * The neural-network operator families of ai.onnx (and FlexAttention of ai.onnx.preview): convolutions,
 * pooling, matrix products, normalisations, recurrent layers, resampling, attention and signal processing.
 */
import type { OpDefinition } from '@autodoc/core';
import { attentionOps } from './attention.js';
import { causalConvOps } from './causal-conv.js';
import { convTransposeOps } from './conv-transpose.js';
import { convOps } from './conv.js';
import { dropoutOps } from './dropout.js';
import { einsumOps } from './einsum.js';
import { gemmOps } from './gemm.js';
import { gridSampleOps } from './grid-sample.js';
import { linearAttentionOps } from './linear-attention.js';
import { lrnOps } from './lrn.js';
import { matmulOps } from './matmul.js';
import { normalizationOps } from './normalization.js';
import { poolOps } from './pool.js';
import { resizeOps } from './resize.js';
import { rnnOps } from './rnn.js';
import { roiOps } from './roi.js';
import { signalOps } from './signal.js';
import { rotaryEmbeddingOps } from './rotary-embedding.js';
import { tensorScatterOps } from './tensor-scatter.js';
import { unfoldOps } from './unfold.js';

export const nnOps: OpDefinition[] = [
  ...convOps,
  ...convTransposeOps,
  ...poolOps,
  ...roiOps,
  ...unfoldOps,
  ...matmulOps,
  ...gemmOps,
  ...einsumOps,
  ...normalizationOps,
  ...lrnOps,
  ...dropoutOps,
  ...rnnOps,
  ...resizeOps,
  ...gridSampleOps,
  ...attentionOps,
  ...rotaryEmbeddingOps,
  ...linearAttentionOps,
  ...causalConvOps,
  ...tensorScatterOps,
  ...signalOps,
];
