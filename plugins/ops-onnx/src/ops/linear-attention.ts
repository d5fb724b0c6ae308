/**
 * LinearAttention (ai.onnx 27): recurrent linear attention over packed [B, T, H × d] inputs with a
 * [B, H_kv, d_k, d_v] state. d_k = key.shape[2] / kv_num_heads, d_v = value.shape[2] / kv_num_heads;
 * output [B, T, q_num_heads × d_v].
 */
import { defineOp, dims, type Dim, type OpNode } from '@autodoc/core';
import { inDims, invalidNode, missingAttribute, tensorOut } from './nn-common.js';

interface LinearGeometry {
  readonly batch: Dim;
  readonly tokens: Dim;
  readonly qHeads: number;
  readonly kvHeads: number;
  readonly dk: Dim;
  readonly dv: Dim;
}

function geometry(n: OpNode): LinearGeometry | undefined {
  const qHeads = n.attrInt('q_num_heads');
  const kvHeads = n.attrInt('kv_num_heads');
  if (!qHeads || qHeads <= 0) throw missingAttribute(n, 'q_num_heads', 'is required and must be positive');
  if (!kvHeads || kvHeads <= 0) throw missingAttribute(n, 'kv_num_heads', 'is required and must be positive');
  if (qHeads % kvHeads !== 0) throw invalidNode(n, `q_num_heads ${qHeads} is not a multiple of kv_num_heads ${kvHeads}.`);
  const q = n.input(0)?.dims;
  const k = n.input(1)?.dims;
  const v = n.input(2)?.dims;
  if (!q || !k || !v) return undefined;
  if (q.length !== 3 || k.length !== 3 || v.length !== 3) throw invalidNode(n, 'query, key and value must be 3-D [B, T, H × d].');
  return { batch: q[0], tokens: q[1], qHeads, kvHeads, dk: dims.floorDiv(k[2], kvHeads), dv: dims.floorDiv(v[2], kvHeads) };
}

export const linearAttention = defineOp({
  opType: 'LinearAttention',
  since: 27,
  shape: (n) => {
    const g = geometry(n);
    const dtype = n.input(0)?.dtype;
    const stateType = n.input(3)?.dtype ?? dtype;
    const out = g ? [g.batch, g.tokens, dims.mul(g.qHeads, g.dv)] : undefined;
    const state = g ? [g.batch, g.kvHeads, g.dk, g.dv] : undefined;
    return [tensorOut(dtype, out), tensorOut(stateType, state)].slice(0, Math.max(n.outputCount, 1));
  },
  cost: (n) => {
    for (const i of [0, 1, 2]) inDims(n, i); // shapes needed (COST_SHAPE_UNKNOWN otherwise)
    const g = geometry(n)!;
    const rule = n.attrString('update_rule', 'gated_delta');
    const gated = rule === 'gated' || rule === 'gated_delta';
    const delta = rule === 'delta' || rule === 'gated_delta';
    const tokens = dims.mul(g.batch, g.tokens);
    const state = dims.mul(g.dk, g.dv);
    // Per token: k ⊗ v into each KV state, qᵀS for each query head, and Sᵀk for the delta rule.
    const perToken = dims.mul(state, g.qHeads + g.kvHeads * (delta ? 2 : 1));
    const macs = dims.mul(tokens, perToken);
    // Elementwise per token: decay exp (H_kv × d_k at most) and S scaling (H_kv × d_k × d_v) when gated;
    // v − Sᵀk and β scaling (2 × H_kv × d_v) for delta; the output scale (H_q × d_v).
    let elementwise: Dim = dims.mul(g.qHeads, g.dv);
    if (gated) elementwise = dims.add(elementwise, dims.mul(g.kvHeads, dims.add(state, g.dk)));
    if (delta) elementwise = dims.add(elementwise, dims.mul(2 * g.kvHeads, g.dv));
    return { macs, flops: dims.add(dims.mul(2, macs), dims.mul(tokens, elementwise)) };
  },
  examples: [
    // linear: d_k = d_v = 8; per token 64 × (4 + 4) = 512 MACs × 8 tokens = 4096; FLOPs 8192 + 8 × 32 (scale) = 8448.
    { title: 'linear', inputs: [[2, 4, 32], [2, 4, 32], [2, 4, 32]], attrs: { q_num_heads: 4, kv_num_heads: 4, update_rule: 'linear' }, expect: { shapes: [[2, 4, 32], [2, 4, 8, 8]], macs: 4096, flops: 8448 } },
    // gated_delta GQA (8 q heads, 4 kv heads): per token 64 × (8 + 8) = 1024 MACs × 8 = 8192;
    // elementwise per token 8·8 + 4·(64 + 8) + 2·4·8 = 64 + 288 + 64 = 416 → FLOPs 16384 + 3328 = 19712.
    { title: 'gated delta, GQA', inputs: [[2, 4, 64], [2, 4, 32], [2, 4, 32], null, [2, 4, 32], [2, 4, 4]], attrs: { q_num_heads: 8, kv_num_heads: 4 }, expect: { shapes: [[2, 4, 64], [2, 4, 8, 8]], macs: 8192, flops: 19712 } },
  ],
  notes: 'MACs = B × T × d_k × d_v × (q_heads + kv_heads × (2 for delta rules, else 1)): the k ⊗ v state update, qᵀS per query head, and Sᵀk for delta. FLOPs = 2 × MACs + per token: q_heads × d_v (output scale) + kv_heads × (d_k × d_v + d_k) when gated (state decay, exp) + 2 × kv_heads × d_v for delta (v − Sᵀk, β scaling).',
});

export const linearAttentionOps = [linearAttention];
