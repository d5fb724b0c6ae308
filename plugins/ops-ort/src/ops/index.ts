import type { OpDefinition } from '@autodoc/core';
import { attention, qAttention } from './attention.js';
import { biasAdd } from './bias-add.js';
import { fusedConv, nhwcConv, nhwcFusedConv } from './conv.js';
import { embedLayerNormalization } from './embed-layer-norm.js';
import { fusedMatMulOp, transposeMatMul } from './fused-matmul.js';
import { biasGelu, biasSplitGelu, fastGelu, gelu, quickGelu } from './gelu.js';
import { fusedGemm, qGemm } from './gemm.js';
import { groupQueryAttention } from './group-query-attention.js';
import { inverse } from './inverse.js';
import { simplifiedLayerNormalization, simplifiedLayerNormalizationOnnx, skipLayerNormalization, skipSimplifiedLayerNormalization } from './layer-norm.js';
import { matMulNBits } from './matmul-nbits.js';
import { dynamicQuantizeMatMul, matMulInteger16, matMulIntegerToFloat } from './matmul-quant.js';
import { decoderMaskedMultiHeadAttention, multiHeadAttention } from './multi-head-attention.js';
import { qLinearConcat } from './qlinear-concat.js';
import { qLinearAdd, qLinearLeakyRelu, qLinearMul, qLinearSigmoid, qLinearSoftmax } from './qlinear-elementwise.js';
import { qLinearAveragePool, qLinearGlobalAveragePool } from './qlinear-pool.js';
import { qOrderedMatMul } from './qordered-matmul.js';
import { dequantizeLinear, quantizeLinear } from './quantize.js';
import { rotaryEmbedding } from './rotary-embedding.js';
import { trilu } from './trilu.js';

/**
 * Every definition of this pack, grouped by family. All are domain com.microsoft, since 1, except
 * SimplifiedLayerNormalization, which ONNX Runtime registers in the default domain and is listed in
 * both (see layer-norm.ts).
 */
export const ortOps: readonly OpDefinition[] = Object.freeze([
  // Attention
  attention,
  qAttention,
  multiHeadAttention,
  decoderMaskedMultiHeadAttention,
  groupQueryAttention,
  rotaryEmbedding,
  // Normalisation
  skipLayerNormalization,
  skipSimplifiedLayerNormalization,
  simplifiedLayerNormalization,
  simplifiedLayerNormalizationOnnx,
  embedLayerNormalization,
  // Activations and bias
  gelu,
  biasGelu,
  fastGelu,
  quickGelu,
  biasSplitGelu,
  biasAdd,
  // Matrix products
  matMulNBits,
  matMulInteger16,
  matMulIntegerToFloat,
  dynamicQuantizeMatMul,
  fusedMatMulOp,
  transposeMatMul,
  fusedGemm,
  qGemm,
  qOrderedMatMul,
  fusedConv,
  nhwcConv,
  nhwcFusedConv,
  // Quantised elementwise, pooling, data movement
  qLinearAdd,
  qLinearMul,
  qLinearSigmoid,
  qLinearLeakyRelu,
  qLinearSoftmax,
  qLinearGlobalAveragePool,
  qLinearAveragePool,
  qLinearConcat,
  quantizeLinear,
  dequantizeLinear,
  // Other
  trilu,
  inverse,
]);
