import { ModelBuilder } from '../model-builder.js';
import { ConstPool, type LayerContext, Namer, layerNorm, linear, weight } from './common.js';

/** Options of {@link transformerEncoder}; the defaults make a small, fast model. */
export interface TransformerEncoderOptions {
  /** Encoder layers (default 2). */
  layers?: number;
  /** Hidden size h (default 64). */
  hidden?: number;
  /** Attention heads H; h must be divisible by H (default 4). */
  heads?: number;
  /** FFN size i (default 4h). */
  intermediate?: number;
  /** Vocabulary size V (default 1000). */
  vocab?: number;
  /** Position table size P (default 128). */
  maxPositions?: number;
  /** Token-type vocabulary T; 0 leaves token-type embeddings out (default 2, as BERT). */
  typeVocab?: number;
  /** ai.onnx opset, ≥ 13 (default 17). Below 17 LayerNorm is decomposed into 9 nodes. */
  opset?: number;
  /** Symbolic input dims `batch`, `sequence` (default true); false uses `batch`/`sequence` below. */
  symbolic?: boolean;
  /** Concrete batch when not symbolic (default 1). */
  batch?: number;
  /** Concrete sequence length when not symbolic (default 128). */
  sequence?: number;
  /** LayerNorm epsilon (default 1e-12, as BERT). */
  layerNormEpsilon?: number;
  /** Seed for pseudo-random weights; weights are zero-filled (streamed) when absent. */
  seed?: number;
}

/** BERT-base: 12 layers, h 768, 12 heads, i 3072, V 30522, P 512, T 2 (109,482,240 parameters). */
export const BERT_BASE = {
  layers: 12,
  hidden: 768,
  heads: 12,
  intermediate: 3072,
  vocab: 30522,
  maxPositions: 512,
  typeVocab: 2,
} as const satisfies TransformerEncoderOptions;

/**
 * A BERT-like encoder in the style of a PyTorch export (Hugging Face BertModel).
 *
 * Input `input_ids` INT64 `[batch, sequence]`; outputs `last_hidden_state` FLOAT
 * `[batch, sequence, h]` and `pooler_output` FLOAT `[batch, h]`. Let d = h / H.
 *
 * **Embeddings** (`/embeddings/...`): `word_embeddings/Gather` (table `embeddings.word_embeddings.weight`
 * [V, h]); Shape(input_ids) → Gather(index 1) → Unsqueeze(axes [0]) gives the sequence length as
 * `[1]`; `Slice` of `embeddings.position_ids` (INT64 [1, P], values 0..P−1) → `position_embeddings/Gather`
 * ([P, h]); with T > 0 `Slice_1` of `embeddings.token_type_ids` (INT64 zeros [1, P]) →
 * `token_type_embeddings/Gather` ([T, h]); `Add` (word + token type), `Add_1` (+ position), or one
 * `Add` when T = 0; `LayerNorm` (`embeddings.LayerNorm.{weight,bias}` [h]). Nodes: 11 with T > 0,
 * 8 with T = 0 (+8 when LayerNorm is decomposed).
 *
 * **Each layer i** (`/encoder/layer.i/...`), 61 nodes (77 with decomposed LayerNorm):
 * - `attention/self/{query,key,value}/MatMul` + `/Add` (weights `[h, h]` stored as MatMul's `[in, out]`,
 *   bias [h]); each then split into heads by Shape → Gather(0), Shape → Gather(1), two Unsqueeze,
 *   Concat(b, s, [H], [d]), Reshape, Transpose — perm [0,2,1,3] for Q and V, [0,2,3,1] for K (K
 *   transposed for QKᵀ): 3 × 11 = 33 nodes.
 * - `attention/self/MatMul` (QKᵀ, [b,H,s,s]), `Div` by √d, `Softmax` (axis −1), `MatMul_1` (× V,
 *   [b,H,s,d]): 4 nodes.
 * - merge heads: Transpose [0,2,1,3], Shape → Gather(0), Shape → Gather(1), two Unsqueeze,
 *   Concat(b, s, [h]), Reshape → [b,s,h]: 9 nodes.
 * - `attention/output/dense` MatMul + Add, `attention/output/Add` (residual), LayerNorm: 4 nodes.
 * - `intermediate/dense` MatMul + Add ([h, i]); GELU in erf form in `intermediate/intermediate_act_fn`:
 *   Div(√2), Erf, Add(1), Mul(x), Mul(0.5); `output/dense` MatMul + Add ([i, h]); `output/Add`
 *   (residual); LayerNorm: 11 nodes.
 *
 * **Pooler**: `/pooler/Gather` (token 0 on axis 1 → [b, h]), `/pooler/dense/Gemm` (transB 1,
 * `pooler.dense.weight` [h, h] as [out, in], bias [h]), `/pooler/activation/Tanh`: 3 nodes.
 *
 * Totals: nodes = 14 + 61·L with T > 0 and opset ≥ 17. Float parameters = V·h + P·h + T·h + 2h
 * (embeddings) + L·(4h² + 2h·i + 9h + i) + h² + h (pooler); BERT-base gives 109,482,240. MatMul
 * MACs per layer for batch b and sequence s: 4·b·s·h² (Q, K, V, output) + 2·b·s²·h (QKᵀ and ×V) +
 * 2·b·s·h·i (FFN); the pooler adds b·h².
 *
 * Small constants (INT64 indices/axes/shapes, FLOAT √d, √2, 1, 0.5, ε) are shared initializers named
 * `const_i64_…`/`const_f32_…`.
 */
export function transformerEncoder(options: TransformerEncoderOptions = {}): ModelBuilder {
  const L = options.layers ?? 2;
  const h = options.hidden ?? 64;
  const H = options.heads ?? 4;
  const inter = options.intermediate ?? 4 * h;
  const V = options.vocab ?? 1000;
  const P = options.maxPositions ?? 128;
  const T = options.typeVocab ?? 2;
  const opset = options.opset ?? 17;
  const eps = options.layerNormEpsilon ?? 1e-12;
  if (h % H !== 0) throw new RangeError(`hidden ${h} is not divisible by heads ${H}`);
  if (opset < 13) throw new RangeError(`transformerEncoder needs opset ≥ 13 (Unsqueeze axes as input), got ${opset}`);
  const d = h / H;
  const symbolic = options.symbolic ?? true;
  const batch = symbolic ? 'batch' : (options.batch ?? 1);
  const seq = symbolic ? 'sequence' : (options.sequence ?? 128);

  const b = new ModelBuilder({ opset, docString: `transformerEncoder L=${L} h=${h} H=${H} i=${inter}` });
  const c = new ConstPool(b);
  const ctx: LayerContext = { b, c, opset, seed: options.seed, salt: { n: 0 } };
  const ids = b.input('input_ids', 'INT64', [batch, seq]);

  // Embeddings.
  const e = new Namer('/embeddings');
  const wordTable = weight(ctx, 'embeddings.word_embeddings.weight', [V, h]);
  const [word] = b.node('Gather', [wordTable, ids], { name: '/embeddings/word_embeddings/Gather' });
  const [shape] = b.node('Shape', [ids], { name: e.name('Shape') });
  const [len] = b.node('Gather', [shape, c.i64([1], true)], { name: e.name('Gather'), attrs: { axis: 0 } });
  const [len1] = b.node('Unsqueeze', [len, c.i64([0])], { name: e.name('Unsqueeze') });
  const positionIds = b.initializer('embeddings.position_ids', 'INT64', [1, P], {
    data: BigInt64Array.from({ length: P }, (_, i) => BigInt(i)),
  });
  const [pos] = b.node('Slice', [positionIds, c.i64([0]), len1, c.i64([1])], { name: e.name('Slice') });
  const posTable = weight(ctx, 'embeddings.position_embeddings.weight', [P, h]);
  const [posEmb] = b.node('Gather', [posTable, pos], { name: '/embeddings/position_embeddings/Gather' });
  let sum = word;
  if (T > 0) {
    const typeIds = b.initializer('embeddings.token_type_ids', 'INT64', [1, P]);
    const [types] = b.node('Slice', [typeIds, c.i64([0]), len1, c.i64([1])], { name: e.name('Slice') });
    const typeTable = weight(ctx, 'embeddings.token_type_embeddings.weight', [T, h]);
    const [typeEmb] = b.node('Gather', [typeTable, types], { name: '/embeddings/token_type_embeddings/Gather' });
    [sum] = b.node('Add', [word, typeEmb], { name: e.name('Add') });
  }
  [sum] = b.node('Add', [sum, posEmb], { name: e.name('Add') });
  let x = layerNorm(ctx, sum, '/embeddings/LayerNorm', 'embeddings.LayerNorm', h, eps);

  /** Shape → Gather(0), Shape → Gather(1), Unsqueeze ×2: the [1]-shaped batch and sequence dims of `v`. */
  const batchAndSeq = (n: Namer, v: string): [string, string] => {
    const [s0] = b.node('Shape', [v], { name: n.name('Shape') });
    const [g0] = b.node('Gather', [s0, c.i64([0], true)], { name: n.name('Gather'), attrs: { axis: 0 } });
    const [s1] = b.node('Shape', [v], { name: n.name('Shape') });
    const [g1] = b.node('Gather', [s1, c.i64([1], true)], { name: n.name('Gather'), attrs: { axis: 0 } });
    const [u0] = b.node('Unsqueeze', [g0, c.i64([0])], { name: n.name('Unsqueeze') });
    const [u1] = b.node('Unsqueeze', [g1, c.i64([0])], { name: n.name('Unsqueeze') });
    return [u0, u1];
  };

  for (let i = 0; i < L; i++) {
    const p = `/encoder/layer.${i}`;
    const wp = `encoder.layer.${i}`;
    const n = new Namer(`${p}/attention/self`);
    const heads = (name: 'query' | 'key' | 'value', perm: number[]) => {
      const proj = linear(ctx, x, `${p}/attention/self/${name}`, `${wp}.attention.self.${name}`, h, h);
      const [u0, u1] = batchAndSeq(n, proj);
      const [shp] = b.node('Concat', [u0, u1, c.i64([H]), c.i64([d])], { name: n.name('Concat'), attrs: { axis: 0 } });
      const [r] = b.node('Reshape', [proj, shp], { name: n.name('Reshape') });
      return b.node('Transpose', [r], { name: n.name('Transpose'), attrs: { perm } })[0];
    };
    const q = heads('query', [0, 2, 1, 3]);
    const kT = heads('key', [0, 2, 3, 1]);
    const v = heads('value', [0, 2, 1, 3]);
    const [scores] = b.node('MatMul', [q, kT], { name: n.name('MatMul') });
    const [scaled] = b.node('Div', [scores, c.f32(Math.fround(Math.sqrt(d)))], { name: n.name('Div') });
    const [probs] = b.node('Softmax', [scaled], { name: n.name('Softmax'), attrs: { axis: -1 } });
    const [ctxv] = b.node('MatMul', [probs, v], { name: n.name('MatMul') });
    const [merged] = b.node('Transpose', [ctxv], { name: n.name('Transpose'), attrs: { perm: [0, 2, 1, 3] } });
    const [u0, u1] = batchAndSeq(n, merged);
    const [shp] = b.node('Concat', [u0, u1, c.i64([h])], { name: n.name('Concat'), attrs: { axis: 0 } });
    const [attn] = b.node('Reshape', [merged, shp], { name: n.name('Reshape') });

    const out = linear(ctx, attn, `${p}/attention/output/dense`, `${wp}.attention.output.dense`, h, h);
    const [res1] = b.node('Add', [out, x], { name: `${p}/attention/output/Add` });
    const x1 = layerNorm(ctx, res1, `${p}/attention/output/LayerNorm`, `${wp}.attention.output.LayerNorm`, h, eps);

    const up = linear(ctx, x1, `${p}/intermediate/dense`, `${wp}.intermediate.dense`, h, inter);
    const g = new Namer(`${p}/intermediate/intermediate_act_fn`);
    const [gd] = b.node('Div', [up, c.f32(Math.fround(Math.SQRT2))], { name: g.name('Div') });
    const [ge] = b.node('Erf', [gd], { name: g.name('Erf') });
    const [ga] = b.node('Add', [ge, c.f32(1)], { name: g.name('Add') });
    const [gm] = b.node('Mul', [up, ga], { name: g.name('Mul') });
    const [gelu] = b.node('Mul', [gm, c.f32(0.5)], { name: g.name('Mul') });
    const down = linear(ctx, gelu, `${p}/output/dense`, `${wp}.output.dense`, inter, h);
    const [res2] = b.node('Add', [down, x1], { name: `${p}/output/Add` });
    x = layerNorm(ctx, res2, `${p}/output/LayerNorm`, `${wp}.output.LayerNorm`, h, eps, i === L - 1 ? 'last_hidden_state' : undefined);
  }
  if (L === 0) [x] = b.node('Identity', [x], { name: '/encoder/Identity', outputs: ['last_hidden_state'] });

  const [first] = b.node('Gather', [x, c.i64([0], true)], { name: '/pooler/Gather', attrs: { axis: 1 } });
  const pw = weight(ctx, 'pooler.dense.weight', [h, h]);
  const pb = weight(ctx, 'pooler.dense.bias', [h]);
  const [pooled] = b.node('Gemm', [first, pw, pb], {
    name: '/pooler/dense/Gemm',
    attrs: { alpha: { float: 1 }, beta: { float: 1 }, transB: 1 },
  });
  b.node('Tanh', [pooled], { name: '/pooler/activation/Tanh', outputs: ['pooler_output'] });
  b.output('last_hidden_state', 'FLOAT', [batch, seq, h]);
  b.output('pooler_output', 'FLOAT', [batch, h]);
  return b;
}
