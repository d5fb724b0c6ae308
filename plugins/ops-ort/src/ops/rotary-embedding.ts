import { type Dim, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';
import { ROTARY_FLOPS } from '../util/attention-cost.js';

// RotaryEmbedding: input [B, S, hidden] or [B, N, S, H], position_ids, cos_cache and sin_cache
// [max_seq, rotary_dim / 2]; the output has the input's shape.

const COS_CACHE = 2;

/** Elements that are rotated: every head's first rotary_dim channels (the rest are copied). */
function rotatedElements(n: OpNode): Dim {
  const x = need(n, dimsOf(n, 0), 'the input shape');
  const half = dimsOf(n, COS_CACHE)?.[1];
  const attrRot = n.attrInt('rotary_embedding_dim', 0);
  const rot: Dim | undefined = attrRot > 0 ? attrRot : half !== undefined ? dims.mul(2, half) : undefined;
  const heads = n.attrInt('num_heads', 0);
  let head: Dim | undefined;
  if (x.length === 4) head = x[3];
  else if (heads > 0) head = dims.floorDiv(x[x.length - 1], heads);
  else head = rot; // without num_heads the whole head is rotated (rotary_dim = head_size)
  const r = need(n, rot ?? head, 'the rotary dimension (cos_cache shape or rotary_embedding_dim)');
  const h = need(n, head, 'the head size');
  return dims.equal(r, h) ? dims.numel(x) : dims.mul(dims.floorDiv(dims.numel(x), h), r);
}

/** com.microsoft RotaryEmbedding (RoPE). */
export const rotaryEmbedding = defineOp({
  domain: 'com.microsoft',
  opType: 'RotaryEmbedding',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, dimsOf(n, 0))],
  cost: (n) => ({ flops: dims.mul(ROTARY_FLOPS, rotatedElements(n)) }),
  examples: [
    {
      title: 'BNSH input, full rotation',
      // 1·2·5·8 = 80 elements, all rotated (cos_cache 4 wide → rotary_dim 8 = head) → 3·80 = 240.
      inputs: [[1, 2, 5, 8], { dtype: 'INT64', shape: [1, 5] }, [16, 4], [16, 4]],
      expect: { shapes: [[1, 2, 5, 8]], flops: 240 },
    },
    {
      title: 'partial rotation of a packed hidden',
      // hidden 64 = 4 heads of 16, rotary_dim 8 → 'batch'·3·4 rows × 8 = 96·batch rotated; 3 FLOPs each → 288·batch.
      inputs: [['batch', 3, 64], { dtype: 'INT64', shape: ['batch', 3] }, [16, 4], [16, 4]],
      attrs: { num_heads: 4, rotary_embedding_dim: 8 },
      expect: { shapes: [['batch', 3, 64]], flops: '288*batch' },
    },
  ],
  notes:
    'FLOPs = 3 per rotated element (x·cos ∓ x_rot·sin: 2 multiplies, 1 add); channels beyond rotary_embedding_dim are copied (0). ' +
    'rotary_dim = rotary_embedding_dim, else 2 × cos_cache.shape[1]. No MACs.',
});
