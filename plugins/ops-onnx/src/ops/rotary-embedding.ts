/**
 * RotaryEmbedding (ai.onnx 23): rotates the first rotary_embedding_dim features of every head by
 * position-dependent angles. Y has X's shape (X is [B, heads, seq, head] or packed [B, seq, hidden]).
 */
import { defineOp, dims, type Dim } from '@autodoc/core';
import { inDims, invalidNode, likeInput, missingAttribute } from './nn-common.js';

export const rotaryEmbedding = defineOp({
  opType: 'RotaryEmbedding',
  since: 23,
  shape: (n) => [likeInput(n, 0)],
  cost: (n) => {
    const x = inDims(n, 0);
    let tokenHeads: Dim;
    let headSize: Dim;
    if (x.length === 4) {
      tokenHeads = dims.product(x.slice(0, 3));
      headSize = x[3];
    } else if (x.length === 3) {
      const heads = n.attrInt('num_heads');
      if (!heads) throw missingAttribute(n, 'num_heads', 'is required for 3-D input');
      tokenHeads = dims.product([x[0], x[1], heads]);
      headSize = dims.floorDiv(x[2], heads);
    } else throw invalidNode(n, `input must be 3-D or 4-D, got rank ${x.length}.`);
    const rotary: Dim = n.attrInt('rotary_embedding_dim', 0) || headSize;
    // Function body per rotated pair: cos·x1, sin·x2, subtract, sin·x1, cos·x2, add = 6 → 3 per rotated feature.
    return { flops: dims.mul(3, dims.mul(tokenHeads, rotary)) };
  },
  examples: [
    // 2·4·3 token-heads × 8 features × 3 = 576.
    { inputs: [[2, 4, 3, 8], [50, 4], [50, 4], { dtype: 'INT64', shape: [2, 3] }], expect: { shapes: [[2, 4, 3, 8]], flops: 576 } },
    // Packed [2, 3, 32], 4 heads of 8, rotary dim 4: 24 token-heads × 4 × 3 = 288.
    { title: 'packed, partial rotation', inputs: [[2, 3, 32], [50, 2], [50, 2], { dtype: 'INT64', shape: [2, 3] }], attrs: { num_heads: 4, rotary_embedding_dim: 4 }, expect: { shapes: [[2, 3, 32]], flops: 288 } },
  ],
  notes: 'FLOPs = 3 per rotated feature (each pair of features takes 4 multiplies, 1 subtract, 1 add): 3 × batch × seq × heads × rotary_embedding_dim (head_size when 0). Cache gathers by position_ids are data movement.',
});

export const rotaryEmbeddingOps = [rotaryEmbedding];
