/**
 * Attention (ai.onnx 23; 24 added nonpad_kv_seqlen, 25 window sizes; shapes unchanged) and FlexAttention
 * (ai.onnx.preview 1). Q/K/V are 4-D [B, heads, seq, head_size] or, for Attention, 3-D packed
 * [B, seq, heads × head_size] with q_num_heads / kv_num_heads attributes.
 */
import { defineOp, dims, type Dim, type OpCost, type OpNode } from '@autodoc/core';
import { inDims, invalidNode, missingAttribute, tensorOut } from './nn-common.js';

interface AttentionGeometry {
  readonly batch: Dim;
  readonly qHeads: Dim;
  readonly kvHeads: Dim;
  readonly qSeq: Dim;
  readonly kvSeq: Dim;
  readonly headSize: Dim;
  readonly vHeadSize: Dim;
  /** past_sequence_length (0 without a past cache). */
  readonly past: Dim;
  readonly packed: boolean;
}

function heads(n: OpNode, name: string): number {
  const h = n.attrInt(name);
  if (h === undefined || h <= 0) throw missingAttribute(n, name, 'must be positive for 3-D inputs');
  return h;
}

function geometry(n: OpNode): AttentionGeometry | undefined {
  const q = n.input(0)?.dims;
  const k = n.input(1)?.dims;
  const v = n.input(2)?.dims;
  if (!q || !k || !v) return undefined;
  for (const [name, d] of [['query', q], ['key', k], ['value', v]] as const) {
    if (d.length !== 3 && d.length !== 4) throw invalidNode(n, `${name} must be 3-D or 4-D, got rank ${d.length}.`);
  }
  const qHeads = q.length === 4 ? q[1] : heads(n, 'q_num_heads');
  const kvHeads = k.length === 4 ? k[1] : heads(n, 'kv_num_heads');
  return {
    batch: q[0],
    qHeads,
    kvHeads,
    qSeq: q.length === 4 ? q[2] : q[1],
    kvSeq: k.length === 4 ? k[2] : k[1],
    headSize: q.length === 4 ? q[3] : dims.floorDiv(q[2], qHeads),
    vHeadSize: v.length === 4 ? v[3] : dims.floorDiv(v[2], v.length === 3 ? heads(n, 'kv_num_heads') : kvHeads),
    past: n.input(4)?.dims?.[2] ?? 0,
    packed: q.length === 3,
  };
}

/** Q·Kᵀ and P·V: B × q_heads × q_seq × total_kv × (head_size + v_head_size) MACs. */
function productMacs(g: AttentionGeometry, total: Dim): Dim {
  return dims.product([g.batch, g.qHeads, g.qSeq, total, dims.add(g.headSize, g.vHeadSize)]);
}

export const attention = defineOp({
  opType: 'Attention',
  since: 23,
  shape: (n) => {
    const g = geometry(n);
    const qType = n.input(0)?.dtype;
    const cacheType = n.input(4)?.dtype ?? n.input(1)?.dtype;
    if (!g) return [tensorOut(qType, undefined), tensorOut(cacheType, undefined), tensorOut(cacheType, undefined), tensorOut(qType, undefined)].slice(0, Math.max(n.outputCount, 1));
    const total = dims.add(g.past, g.kvSeq);
    const y = g.packed ? [g.batch, g.qSeq, dims.mul(g.qHeads, g.vHeadSize)] : [g.batch, g.qHeads, g.qSeq, g.vHeadSize];
    return [
      tensorOut(qType, y),
      tensorOut(cacheType, [g.batch, g.kvHeads, total, g.headSize]),
      tensorOut(cacheType, [g.batch, g.kvHeads, total, g.vHeadSize]),
      tensorOut(qType, [g.batch, g.qHeads, g.qSeq, total]),
    ].slice(0, Math.max(n.outputCount, 1));
  },
  cost: (n): OpCost => {
    for (const i of [0, 1, 2]) inDims(n, i); // Q, K, V shapes are needed (COST_SHAPE_UNKNOWN otherwise)
    const g = geometry(n)!;
    const total = dims.add(g.past, g.kvSeq);
    const macs = productMacs(g, total);
    const scores = dims.product([g.batch, g.qHeads, g.qSeq, total]);
    // Function body: Q and K each scaled by √scale, then per score: softmax 5 (max, subtract, exp, sum,
    // divide), + 1 mask/bias add when attn_mask, is_causal or nonpad_kv_seqlen applies, + 3 for softcap.
    const masked = n.input(3) || n.input(6) || n.attrInt('is_causal', 0) === 1 ? 1 : 0;
    const softcap = n.attrFloat('softcap', 0) !== 0 ? 3 : 0;
    const scaling = dims.add(dims.product([g.batch, g.qHeads, g.qSeq, g.headSize]), dims.product([g.batch, g.kvHeads, total, g.headSize]));
    return { macs, flops: dims.add(dims.add(dims.mul(2, macs), scaling), dims.mul(5 + masked + softcap, scores)) };
  },
  examples: [
    // MACs = 1·8·s·s·(64 + 64) = 1024·s²; scaling 8·s·64 + 8·s·64 = 1024·s; causal: 6 per score → 48·s².
    { title: '4-D causal self-attention', inputs: [[1, 8, 's', 64], [1, 8, 's', 64], [1, 8, 's', 64]], attrs: { is_causal: 1 }, expect: { shapes: [[1, 8, 's', 64]], macs: '1024*s^2', flops: '2096*s^2 + 1024*s' } },
    // 3-D GQA with a past cache: q_heads 4, kv_heads 2, head 8; total = 5 + 1 = 6.
    // MACs = 2·4·1·6·16 = 768; scaling 2·4·1·8 + 2·2·6·8 = 256; softmax 5 × 48 scores = 240 → 1536 + 256 + 240.
    {
      title: '3-D GQA decode step with KV cache',
      inputs: [[2, 1, 32], [2, 1, 16], [2, 1, 16], null, [2, 2, 5, 8], [2, 2, 5, 8]],
      attrs: { q_num_heads: 4, kv_num_heads: 2 },
      expect: { shapes: [[2, 1, 32], [2, 2, 6, 8], [2, 2, 6, 8], [2, 4, 1, 6]], macs: 768, flops: 2032 },
    },
  ],
  notes: 'MACs = batch × q_heads × q_seq × total_kv × (head_size + v_head_size) (Q·Kᵀ and P·V). FLOPs = 2 × MACs + elements(Q) + elements(present K) (√scale on Q and K) + per score element: 5 for softmax (max, subtract, exp, sum, divide), +1 for the mask/bias add (attn_mask, is_causal or nonpad_kv_seqlen), +3 for softcap.',
});

export const flexAttention = defineOp({
  domain: 'ai.onnx.preview',
  opType: 'FlexAttention',
  since: 1,
  shape: (n) => {
    const q = n.input(0)?.dims;
    const v = n.input(2)?.dims;
    const dtype = n.input(0)?.dtype;
    if (!q || !v) return [tensorOut(dtype, undefined)];
    if (q.length !== 4 || v.length !== 4) throw invalidNode(n, 'Q, K and V must be 4-D.');
    return [tensorOut(dtype, [q[0], q[1], q[2], v[3]])];
  },
  cost: (n): OpCost => {
    const [q, k, v] = [0, 1, 2].map((i) => inDims(n, i));
    const scores = dims.product([q[0], q[1], q[2], k[2]]);
    const macs = dims.mul(scores, dims.add(q[3], v[3]));
    // Per score: 1 scale + 5 softmax; modifier subgraphs add their own cost.
    let flops = dims.add(dims.mul(2, macs), dims.mul(6, scores));
    const uncounted: string[] = [];
    for (const attr of ['score_mod', 'prob_mod']) {
      if (!n.attribute(attr)) continue;
      const body = n.subgraphCost(attr);
      if (body) flops = dims.add(flops, body.flops);
      else uncounted.push(attr);
    }
    return uncounted.length ? { macs, flops, note: `${uncounted.join(', ')} not counted (body cost unavailable)` } : { macs, flops };
  },
  examples: [
    // Scores 2·4·8·6 = 384; MACs 384 × (16 + 32) = 18432; FLOPs 36864 + 6·384 = 39168.
    { inputs: [[2, 4, 8, 16], [2, 4, 6, 16], [2, 4, 6, 32]], expect: { shapes: [[2, 4, 8, 32]], macs: 18432, flops: 39168 } },
  ],
  notes: 'MACs = batch × q_heads × q_seq × kv_seq × (head_size + v_head_size). FLOPs = 2 × MACs + 6 per score element (scale 1, softmax 5) + the cost of the score_mod / prob_mod bodies (noted when unavailable).',
});

export const attentionOps = [attention, flexAttention];
