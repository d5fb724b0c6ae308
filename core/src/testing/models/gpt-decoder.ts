import { ModelBuilder } from '../model-builder.js';
import { ConstPool, type LayerContext, Namer, layerNorm, linear, weight } from './common.js';

/** Options of {@link gptDecoder}; the defaults make a small, fast model. */
export interface GptDecoderOptions {
  /** Decoder layers L (default 2). */
  layers?: number;
  /** Hidden size h (default 64). */
  hidden?: number;
  /** Query heads H (default 4). */
  heads?: number;
  /** Key/value heads K; H must be a multiple of K; K < H is grouped-query attention (default H). */
  kvHeads?: number;
  /** Vocabulary size V (default 1000). */
  vocab?: number;
  /** Position table size P (default 128). */
  maxPositions?: number;
  /** MLP size i (default 4h). */
  intermediate?: number;
  /** Past key/value inputs and present outputs (default true). */
  kvCache?: boolean;
  /** ai.onnx opset, ≥ 13 (default 17). Below 17 LayerNorm is decomposed into 9 nodes. */
  opset?: number;
  /** Symbolic dims `batch`, `sequence`, `past_sequence` (default true); false uses the numbers below. */
  symbolic?: boolean;
  batch?: number;
  sequence?: number;
  pastSequence?: number;
  /** LayerNorm epsilon (default 1e-5, as GPT-2). */
  layerNormEpsilon?: number;
  /** Seed for pseudo-random weights; zero-filled (streamed) when absent. */
  seed?: number;
}

/** GPT-2 medium: 24 layers, h 1024, 16 heads, V 50257, P 1024 (354,823,168 parameters). */
export const GPT2_MEDIUM = {
  layers: 24,
  hidden: 1024,
  heads: 16,
  vocab: 50257,
  maxPositions: 1024,
} as const satisfies GptDecoderOptions;

/** Lower-triangular BOOL [1, 1, P, P] (element (r, c) is 1 when c ≤ r), generated while writing. */
function causalMaskFill(P: number): (dst: Uint8Array, offset: number) => void {
  return (dst, offset) => {
    for (let j = 0; j < dst.length; j++) {
      const idx = offset + j;
      dst[j] = idx % P <= Math.floor(idx / P) ? 1 : 0;
    }
  };
}

/**
 * A GPT-2-style causal decoder (pre-LayerNorm, fused QKV, tied lm_head) in the style of a PyTorch
 * export. Let d = h / H, kv = K·d.
 *
 * Inputs: `input_ids` INT64 `[batch, sequence]`; with `kvCache`, for each layer n
 * `past_key_values.n.key` and `past_key_values.n.value` FLOAT `[batch, K, past_sequence, d]`.
 * Outputs: `logits` FLOAT `[batch, sequence, V]`; with `kvCache` `present.n.key`/`present.n.value`
 * FLOAT `[batch, K, past_sequence + sequence, d]`.
 *
 * **Prologue** (`/transformer/...`): S = Gather(Shape(input_ids), 1); with the cache
 * Pₛ = Gather(Shape(past_key_values.0.key), 2) and T = Add(Pₛ, S), else Pₛ = 0 and T = S;
 * positions = Unsqueeze(Range(Pₛ, T, 1), [0]); `wte/Gather` (`transformer.wte.weight` [V, h]) +
 * `wpe/Gather` (`transformer.wpe.weight` [P, h]); the mask is `Slice` rows [Pₛ, T) on axis 2 and
 * `Slice_1` columns [0, T) on axis 3 of `transformer.causal_mask` (BOOL [1, 1, P, P],
 * lower-triangular) → [1, 1, S, T]. Nodes: 14 with the cache (Shape, Gather, Shape_1, Gather_1, Add,
 * Range, Unsqueeze, wte Gather, wpe Gather, Add_1, Unsqueeze_1, Unsqueeze_2, Slice, Slice_1), 10
 * without (Shape, Gather, Range, Unsqueeze, wte Gather, wpe Gather, Add, Unsqueeze_1, Slice, Slice_1).
 *
 * **Each layer n** (`/transformer/h.n/...`): `ln_1` LayerNorm; `attn/c_attn` MatMul + Add
 * ([h, h + 2kv]); `attn/Split` into q [h], k [kv], v [kv] on axis 2; q, k, v each Reshape to
 * [0, 0, heads, d] (constant shapes) and Transpose [0,2,1,3]; with the cache `attn/Concat` /
 * `attn/Concat_1` append k / v to the past on axis 2, producing `present.n.key` / `present.n.value`;
 * when K < H, k and v are each repeated H/K times by Unsqueeze(axis 2) → Expand([1,1,H/K,1,1]) →
 * Reshape([0, H, −1, d]); Transpose k [0,1,3,2]; MatMul (q·kᵀ, [b,H,S,T]); Div by √d; Where(mask,
 * scores, −3.4028235e38); Softmax (axis −1); MatMul_1 (× v); Transpose [0,2,1,3]; Reshape
 * [0, 0, h]; `attn/c_proj` MatMul + Add ([h, h]); `Add` residual; `ln_2` LayerNorm; `mlp/c_fc`
 * MatMul + Add ([h, i]); GELU in tanh form in `mlp/act` (Pow 3, Mul 0.044715, Add x, Mul √(2/π),
 * Tanh, Add 1, Mul x, Mul 0.5: 8 nodes); `mlp/c_proj` MatMul + Add ([i, h]); `Add_1` residual.
 * Nodes per layer: 35, + 2 with the cache, + 6 with GQA (+ 16 with decomposed LayerNorm).
 *
 * **Epilogue**: `/transformer/ln_f` LayerNorm; `/lm_head/Transpose` of `transformer.wte.weight`
 * (perm [1, 0]); `/lm_head/MatMul` → `logits`. 3 nodes (+8 decomposed).
 *
 * Float parameters = V·h + P·h + L·(4h + h·(h + 2kv) + (h + 2kv) + h² + h + 2h·i + i + h) + 2h
 * (GPT-2 medium: 354,823,168). MatMul MACs per layer for batch b, new tokens S and total length T:
 * b·S·h·(h + 2kv) + 2·b·H·S·T·d + b·S·h² + 2·b·S·h·i; lm_head b·S·h·V.
 */
export function gptDecoder(options: GptDecoderOptions = {}): ModelBuilder {
  const L = options.layers ?? 2;
  const h = options.hidden ?? 64;
  const H = options.heads ?? 4;
  const K = options.kvHeads ?? H;
  const V = options.vocab ?? 1000;
  const P = options.maxPositions ?? 128;
  const inter = options.intermediate ?? 4 * h;
  const kvCache = options.kvCache ?? true;
  const opset = options.opset ?? 17;
  const eps = options.layerNormEpsilon ?? 1e-5;
  if (h % H !== 0) throw new RangeError(`hidden ${h} is not divisible by heads ${H}`);
  if (H % K !== 0) throw new RangeError(`heads ${H} is not a multiple of kvHeads ${K}`);
  if (opset < 13) throw new RangeError(`gptDecoder needs opset ≥ 13 (Split sizes as input), got ${opset}`);
  const d = h / H;
  const kv = K * d;
  const symbolic = options.symbolic ?? true;
  const batch = symbolic ? 'batch' : (options.batch ?? 1);
  const seq = symbolic ? 'sequence' : (options.sequence ?? 1);
  const past = symbolic ? 'past_sequence' : (options.pastSequence ?? 16);
  const total = symbolic ? 'past_sequence + sequence' : (past as number) + (seq as number);

  const b = new ModelBuilder({ opset, docString: `gptDecoder L=${L} h=${h} H=${H} K=${K} kvCache=${kvCache}` });
  const c = new ConstPool(b);
  const ctx: LayerContext = { b, c, opset, seed: options.seed, salt: { n: 0 } };
  const ids = b.input('input_ids', 'INT64', [batch, seq]);
  if (kvCache) {
    for (let n = 0; n < L; n++) {
      b.input(`past_key_values.${n}.key`, 'FLOAT', [batch, K, past, d]);
      b.input(`past_key_values.${n}.value`, 'FLOAT', [batch, K, past, d]);
    }
  }

  // Prologue: lengths, positions, embeddings, mask.
  const t = new Namer('/transformer');
  const [shape] = b.node('Shape', [ids], { name: t.name('Shape') });
  const [S] = b.node('Gather', [shape, c.i64([1], true)], { name: t.name('Gather'), attrs: { axis: 0 } });
  let start = c.i64([0], true);
  let T = S;
  const cached = kvCache && L > 0;
  if (cached) {
    const [pshape] = b.node('Shape', ['past_key_values.0.key'], { name: t.name('Shape') });
    [start] = b.node('Gather', [pshape, c.i64([2], true)], { name: t.name('Gather'), attrs: { axis: 0 } });
    [T] = b.node('Add', [start, S], { name: t.name('Add') });
  }
  const [range] = b.node('Range', [start, T, c.i64([1], true)], { name: t.name('Range') });
  const [positions] = b.node('Unsqueeze', [range, c.i64([0])], { name: t.name('Unsqueeze') });
  const wte = weight(ctx, 'transformer.wte.weight', [V, h]);
  const wpe = weight(ctx, 'transformer.wpe.weight', [P, h]);
  const [tok] = b.node('Gather', [wte, ids], { name: '/transformer/wte/Gather' });
  const [pos] = b.node('Gather', [wpe, positions], { name: '/transformer/wpe/Gather' });
  let [x] = b.node('Add', [tok, pos], { name: t.name('Add') });
  b.initializer('transformer.causal_mask', 'BOOL', [1, 1, P, P], { fill: causalMaskFill(P) });
  const start1 = cached ? b.node('Unsqueeze', [start, c.i64([0])], { name: t.name('Unsqueeze') })[0] : c.i64([0]);
  const [T1] = b.node('Unsqueeze', [T, c.i64([0])], { name: t.name('Unsqueeze') });
  const [rows] = b.node('Slice', ['transformer.causal_mask', start1, T1, c.i64([2])], { name: t.name('Slice') });
  const [mask] = b.node('Slice', [rows, c.i64([0]), T1, c.i64([3])], { name: t.name('Slice') });
  const minValue = c.f32(-3.4028234663852886e38);

  for (let n = 0; n < L; n++) {
    const p = `/transformer/h.${n}`;
    const wp = `transformer.h.${n}`;
    const a = new Namer(`${p}/attn`);
    const ln1 = layerNorm(ctx, x, `${p}/ln_1`, `${wp}.ln_1`, h, eps);
    const qkv = linear(ctx, ln1, `${p}/attn/c_attn`, `${wp}.attn.c_attn`, h, h + 2 * kv);
    const [q0, k0, v0] = b.node('Split', [qkv, c.i64([h, kv, kv])], { name: a.name('Split'), attrs: { axis: 2 }, outputs: 3 });
    const toHeads = (v: string, heads: number) => {
      const [r] = b.node('Reshape', [v, c.i64([0, 0, heads, d])], { name: a.name('Reshape') });
      return b.node('Transpose', [r], { name: a.name('Transpose'), attrs: { perm: [0, 2, 1, 3] } })[0];
    };
    const q = toHeads(q0, H);
    let k = toHeads(k0, K);
    let v = toHeads(v0, K);
    if (kvCache) {
      [k] = b.node('Concat', [`past_key_values.${n}.key`, k], { name: a.name('Concat'), attrs: { axis: 2 }, outputs: [`present.${n}.key`] });
      [v] = b.node('Concat', [`past_key_values.${n}.value`, v], { name: a.name('Concat'), attrs: { axis: 2 }, outputs: [`present.${n}.value`] });
    }
    if (K < H) {
      const repeat = (y: string) => {
        const [u] = b.node('Unsqueeze', [y, c.i64([2])], { name: a.name('Unsqueeze') });
        const [e] = b.node('Expand', [u, c.i64([1, 1, H / K, 1, 1])], { name: a.name('Expand') });
        return b.node('Reshape', [e, c.i64([0, H, -1, d])], { name: a.name('Reshape') })[0];
      };
      k = repeat(k);
      v = repeat(v);
    }
    const [kT] = b.node('Transpose', [k], { name: a.name('Transpose'), attrs: { perm: [0, 1, 3, 2] } });
    const [scores] = b.node('MatMul', [q, kT], { name: a.name('MatMul') });
    const [scaled] = b.node('Div', [scores, c.f32(Math.fround(Math.sqrt(d)))], { name: a.name('Div') });
    const [masked] = b.node('Where', [mask, scaled, minValue], { name: a.name('Where') });
    const [probs] = b.node('Softmax', [masked], { name: a.name('Softmax'), attrs: { axis: -1 } });
    const [ctxv] = b.node('MatMul', [probs, v], { name: a.name('MatMul') });
    const [merged] = b.node('Transpose', [ctxv], { name: a.name('Transpose'), attrs: { perm: [0, 2, 1, 3] } });
    const [attn] = b.node('Reshape', [merged, c.i64([0, 0, h])], { name: a.name('Reshape') });
    const proj = linear(ctx, attn, `${p}/attn/c_proj`, `${wp}.attn.c_proj`, h, h);
    const r = new Namer(p);
    const [res1] = b.node('Add', [x, proj], { name: r.name('Add') });

    const ln2 = layerNorm(ctx, res1, `${p}/ln_2`, `${wp}.ln_2`, h, eps);
    const up = linear(ctx, ln2, `${p}/mlp/c_fc`, `${wp}.mlp.c_fc`, h, inter);
    const g = new Namer(`${p}/mlp/act`);
    const [cube] = b.node('Pow', [up, c.f32(3)], { name: g.name('Pow') });
    const [m1] = b.node('Mul', [cube, c.f32(Math.fround(0.044715))], { name: g.name('Mul') });
    const [s1] = b.node('Add', [up, m1], { name: g.name('Add') });
    const [m2] = b.node('Mul', [s1, c.f32(Math.fround(Math.sqrt(2 / Math.PI)))], { name: g.name('Mul') });
    const [th] = b.node('Tanh', [m2], { name: g.name('Tanh') });
    const [s2] = b.node('Add', [th, c.f32(1)], { name: g.name('Add') });
    const [m3] = b.node('Mul', [up, s2], { name: g.name('Mul') });
    const [gelu] = b.node('Mul', [m3, c.f32(0.5)], { name: g.name('Mul') });
    const down = linear(ctx, gelu, `${p}/mlp/c_proj`, `${wp}.mlp.c_proj`, inter, h);
    [x] = b.node('Add', [res1, down], { name: r.name('Add') });
  }

  const xf = layerNorm(ctx, x, '/transformer/ln_f', 'transformer.ln_f', h, eps);
  const [wteT] = b.node('Transpose', [wte], { name: '/lm_head/Transpose', attrs: { perm: [1, 0] } });
  b.node('MatMul', [xf, wteT], { name: '/lm_head/MatMul', outputs: ['logits'] });
  b.output('logits', 'FLOAT', [batch, seq, V]);
  if (kvCache) {
    for (let n = 0; n < L; n++) {
      b.output(`present.${n}.key`, 'FLOAT', [batch, K, total, d]);
      b.output(`present.${n}.value`, 'FLOAT', [batch, K, total, d]);
    }
  }
  return b;
}
