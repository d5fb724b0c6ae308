import { type Dim, type InferredType, type OpCost, type OpDefinition, dims } from '@autodoc/core';
import { OpTester } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, { ortOps } from './index.js';

const { add, mul, product, sym } = dims;
const b = sym('batch');
const s = sym('sequence');
const past = sym('past_sequence');

function def(opType: string, domain = 'com.microsoft'): OpDefinition {
  const d = ortOps.find((o) => o.opType === opType && o.domain === domain);
  if (!d) throw new Error(`no definition for ${domain}.${opType}`);
  return d;
}

function shapeOf(t: InferredType | undefined): readonly Dim[] | undefined {
  return t && t.kind === 'tensor' ? t.shape : undefined;
}

function costOf(c: OpCost | 'free' | undefined): OpCost {
  if (!c || c === 'free') throw new Error('expected a cost function result');
  return c;
}

/** Asserts two Dims are the same expression (printing both on failure). */
function same(got: Dim | undefined, want: Dim): void {
  expect(got === undefined ? 'undefined' : dims.format(got)).toBe(dims.format(want));
  expect(dims.equal(got as Dim, want)).toBe(true);
}

function sameShape(got: readonly Dim[] | undefined, want: readonly Dim[]): void {
  expect(got?.map(dims.format)).toEqual(want.map(dims.format));
}

describe('ops-ort plugin', () => {
  it('exports the plugin and the op list', () => {
    expect(plugin.name).toBe('autodoc:ops-ort');
    expect(plugin.setup({}).ops).toBe(ortOps);
  });

  it('declares every op in com.microsoft since 1 (SimplifiedLayerNormalization also in ai.onnx), with notes and 1–3 examples', () => {
    for (const d of ortOps) {
      expect(d.since).toBe(1);
      if (d.domain !== 'com.microsoft') expect([d.domain, d.opType]).toEqual(['ai.onnx', 'SimplifiedLayerNormalization']);
      expect(d.notes?.length ?? 0).toBeGreaterThan(20);
      expect(d.examples?.length ?? 0).toBeGreaterThanOrEqual(1);
      expect(d.examples?.length ?? 0).toBeLessThanOrEqual(3);
      expect(d.cost).toBeDefined();
    }
    const keys = ortOps.map((d) => `${d.domain}.${d.opType}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('documented examples', () => {
  for (const d of ortOps) {
    d.examples?.forEach((example, i) => {
      it(`${d.domain}.${d.opType} example ${i + 1}${example.title ? `: ${example.title}` : ''}`, () => {
        expect(new OpTester(d).check(example)).toEqual([]);
      });
    });
  }
});

describe('GroupQueryAttention, 32 query heads sharing 8 KV heads of 128', () => {
  const gqa = new OpTester(def('GroupQueryAttention'));
  const attrs = { num_heads: 32, kv_num_heads: 8 };
  const qkv = [
    ['batch', 'sequence', 4096], // 32 × 128
    ['batch', 'sequence', 1024], // 8 × 128
    ['batch', 'sequence', 1024],
  ];
  const cache = ['batch', 8, 'past_sequence', 128];

  it('grows the KV cache by the new tokens when total_sequence_length is not known', () => {
    const run = gqa.run([...qkv, cache, cache, { dtype: 'INT32', shape: ['batch'] }, { dtype: 'INT32', shape: [] }], attrs, 1, 3);
    sameShape(shapeOf(run.outputs[0]), [b, s, 4096]);
    sameShape(shapeOf(run.outputs[1]), [b, 8, add(past, s), 128]);
    sameShape(shapeOf(run.outputs[2]), [b, 8, add(past, s), 128]);
    // QKᵀ and P·V each: batch × 32 heads (all query heads, KV shared) × sequence × (past + sequence) × 128.
    const perProduct = product([b, 32, s, add(past, s), 128]);
    same(costOf(run.cost).macs, mul(2, perProduct));
    // FLOPs: 2 × MACs + 6 per score (scale 1 + softmax 5), scores = batch × 32 × sequence × (past + sequence).
    same(costOf(run.cost).flops, add(mul(4, perProduct), mul(6, product([b, 32, s, add(past, s)]))));
  });

  it('uses the total_sequence_length value for the attended keys and the present length', () => {
    const total = sym('total_sequence_length');
    const run = gqa.run([...qkv, cache, cache, { dtype: 'INT32', shape: ['batch'] }, { dtype: 'INT32', shape: [], value: ['total_sequence_length'] }], attrs, 1, 3);
    sameShape(shapeOf(run.outputs[1]), [b, 8, total, 128]);
    same(costOf(run.cost).macs, product([2, b, 32, s, total, 128]));
  });

  it('keeps a fixed-size (shared) cache buffer and counts only the attended keys', () => {
    // past buffer 4096 long, 100 tokens attended: present stays 4096 (as ONNX Runtime infers max(past, total)).
    const run = gqa.run([[1, 1, 4096], [1, 1, 1024], [1, 1, 1024], [1, 8, 4096, 128], [1, 8, 4096, 128], { dtype: 'INT32', shape: [1] }, { dtype: 'INT32', shape: [], value: [100] }], attrs, 1, 3);
    sameShape(shapeOf(run.outputs[1]), [1, 8, 4096, 128]);
    same(costOf(run.cost).macs, 2 * 32 * 1 * 100 * 128); // 819200
  });

  it('counts the same products as 32 full KV heads would (sharing saves memory, not MACs)', () => {
    const mha = new OpTester(def('MultiHeadAttention')).run(
      [['batch', 'sequence', 4096], ['batch', 'sequence', 4096], ['batch', 'sequence', 4096], null, null, null, ['batch', 32, 'past_sequence', 128], ['batch', 32, 'past_sequence', 128]],
      { num_heads: 32 },
      1,
      3,
    );
    const run = gqa.run([...qkv, cache, cache, { dtype: 'INT32', shape: ['batch'] }, { dtype: 'INT32', shape: [] }], attrs, 1, 3);
    same(costOf(run.cost).macs, costOf(mha.cost).macs as Dim);
  });

  it('splits packed QKV as (num_heads + 2·kv_num_heads) · head_size', () => {
    const run = gqa.run([[1, 7, (32 + 2 * 8) * 128], null, null, null, null, { dtype: 'INT32', shape: [1] }, { dtype: 'INT32', shape: [] }], attrs, 1, 3);
    sameShape(shapeOf(run.outputs[0]), [1, 7, 4096]);
    sameShape(shapeOf(run.outputs[1]), [1, 8, 7, 128]);
    same(costOf(run.cost).macs, 2 * 32 * 7 * 7 * 128); // 401408
  });

  it('adds rotary FLOPs over Q and K heads when do_rotary = 1', () => {
    const base = gqa.run([[1, 4, 4096], [1, 4, 1024], [1, 4, 1024], null, null, { dtype: 'INT32', shape: [1] }, { dtype: 'INT32', shape: [] }], attrs, 1, 3);
    const rot = gqa.run([[1, 4, 4096], [1, 4, 1024], [1, 4, 1024], null, null, { dtype: 'INT32', shape: [1] }, { dtype: 'INT32', shape: [] }, [4096, 64], [4096, 64]], { ...attrs, do_rotary: 1 }, 1, 3);
    // 3 FLOPs × 4 tokens × (32 + 8) heads × 128 rotated channels (2 × cos_cache width 64) = 61440.
    same(dims.sub(costOf(rot.cost).flops, costOf(base.cost).flops), 61440);
  });
});

describe('MultiHeadAttention with past', () => {
  const mha = new OpTester(def('MultiHeadAttention'));
  const inputs = [
    ['batch', 'sequence', 768],
    ['batch', 'sequence', 768],
    ['batch', 'sequence', 768],
    null,
    null,
    null,
    ['batch', 12, 'past_sequence', 64],
    ['batch', 12, 'past_sequence', 64],
  ];

  it('presents past_sequence + sequence keys', () => {
    const run = mha.run(inputs, { num_heads: 12 }, 1, 3);
    sameShape(shapeOf(run.outputs[0]), [b, s, 768]);
    sameShape(shapeOf(run.outputs[1]), [b, 12, add(past, s), 64]);
    sameShape(shapeOf(run.outputs[2]), [b, 12, add(past, s), 64]);
  });

  it('counts Q·Kᵀ and P·V over past + new keys', () => {
    const run = mha.run(inputs, { num_heads: 12 }, 1, 3);
    // batch × 12 × sequence × (past_sequence + sequence) × (64 + 64)
    same(costOf(run.cost).macs, product([b, 12, s, add(past, s), 128]));
  });

  it('keeps the buffer shape when past and present share it (past_sequence_length given)', () => {
    const shared = [...inputs.slice(0, 6), ['batch', 12, 2048, 64], ['batch', 12, 2048, 64], { dtype: 'INT32', shape: [1] }];
    const run = mha.run(shared, { num_heads: 12 }, 1, 3);
    sameShape(shapeOf(run.outputs[1]), [b, 12, 2048, 64]);
    expect(costOf(run.cost).note).toMatch(/upper bound/);
  });

  it('reads packed QKV [B, S, N, 3, H] and packed KV [B, L, N, 2, H]', () => {
    const packedQkv = mha.run([[2, 5, 12, 3, 64]], { num_heads: 12 }, 1, 1);
    sameShape(shapeOf(packedQkv.outputs[0]), [2, 5, 768]);
    same(costOf(packedQkv.cost).macs, 2 * 12 * 5 * 5 * 128); // 76800
    const packedKv = mha.run([[2, 5, 768], [2, 9, 12, 2, 64]], { num_heads: 12 }, 1, 1);
    sameShape(shapeOf(packedKv.outputs[0]), [2, 5, 768]);
    same(costOf(packedKv.cost).macs, 2 * 12 * 5 * 9 * 128); // 138240
  });
});

describe('MatMulNBits: int4 LLaMA-7B up projection (K = 4096, N = 11008, block 32)', () => {
  const attrs = { K: 4096, N: 11008, bits: 4, block_size: 32 };
  // B packs 4096 / 32 = 128 blocks of 32 · 4 / 8 = 16 bytes per output row.
  const packedB = { dtype: 'UINT8', shape: [11008, 128, 16] };
  const nbits = new OpTester(def('MatMulNBits'));

  it('maps [batch, sequence, 4096] to [batch, sequence, 11008] and counts elements(Y) × K', () => {
    const run = nbits.run([['batch', 'sequence', 4096], packedB, [11008, 128]], attrs);
    sameShape(shapeOf(run.outputs[0]), [b, s, 11008]);
    // 11008 × 4096 = 45088768 MACs per token.
    same(costOf(run.cost).macs, product([45088768, b, s]));
    // 2 × MACs + dequantisation 2 × N × K = 90177536 once per call.
    same(costOf(run.cost).flops, add(product([90177536, b, s]), 90177536));
  });

  it('rejects an A whose last axis is not K', () => {
    expect(() => nbits.run([[1, 4095], packedB, [11008, 128]], attrs)).toThrow(/attribute K/);
  });

  it('rejects a packed B that does not match K, N, bits and block_size', () => {
    expect(() => nbits.run([[1, 4096], { dtype: 'UINT8', shape: [11008, 128, 32] }, [11008, 128]], attrs)).toThrow(/block_size · bits/);
  });
});

describe('Attention (packed QKV weights)', () => {
  const attn = new OpTester(def('Attention'));
  // BERT-base layer: batch 1, sequence 128, hidden 768, 12 heads of 64.
  const bert = [[1, 128, 768], [768, 2304], [2304]];
  // 3·B·S·H·H + 2·B·N·S·S·head = 3·128·768² + 2·12·128²·64 = 226492416 + 25165824.
  const macs = 3 * 128 * 768 * 768 + 2 * 12 * 128 * 128 * 64;

  it('counts projections plus dense Q·Kᵀ and P·V, whatever the unidirectional mask', () => {
    const bidirectional = attn.run(bert, { num_heads: 12 });
    const causal = attn.run(bert, { num_heads: 12, unidirectional: 1 });
    sameShape(shapeOf(causal.outputs[0]), [1, 128, 768]);
    same(costOf(bidirectional.cost).macs, macs);
    same(costOf(causal.cost).macs, macs);
    same(costOf(causal.cost).flops, costOf(bidirectional.cost).flops);
  });

  it('does not reduce the count for a padding mask either', () => {
    const masked = attn.run([...bert, { dtype: 'INT32', shape: [1, 128] }], { num_heads: 12, unidirectional: 1 });
    same(costOf(masked.cost).macs, macs);
  });

  it('honours qkv_hidden_sizes for a narrower V', () => {
    // q 64, k 64, v 32 with 2 heads: out [1, 4, 32]; proj 4·16·160 = 10240; QKᵀ 2·4·4·32 = 1024; PV 2·4·4·16 = 512.
    const run = attn.run([[1, 4, 16], [16, 160]], { num_heads: 2, qkv_hidden_sizes: [64, 64, 32] });
    sameShape(shapeOf(run.outputs[0]), [1, 4, 32]);
    same(costOf(run.cost).macs, 10240 + 1024 + 512);
  });

  it('presents [2, batch, heads, sequence, head] without past', () => {
    const run = attn.run([['batch', 'sequence', 768], [768, 2304], [2304]], { num_heads: 12, unidirectional: 1 }, 1, 2);
    sameShape(shapeOf(run.outputs[1]), [2, b, 12, s, 64]);
  });
});

describe('SkipLayerNormalization optional outputs', () => {
  const sln = new OpTester(def('SkipLayerNormalization'));
  const inputs = [['batch', 'sequence', 768], ['batch', 'sequence', 768], [768], [768], [768]];

  it('types only the outputs the node has', () => {
    expect(sln.run(inputs, {}, 1, 1).outputs).toHaveLength(1);
    const all = sln.run(inputs, {}, 1, 4).outputs;
    expect(all).toHaveLength(4);
    sameShape(shapeOf(all[0]), [b, s, 768]);
    // mean and inv_std_var: float, shape not inferred (ONNX Runtime infers none either).
    expect(all[1]).toEqual({ kind: 'tensor', dtype: 'FLOAT', shape: undefined });
    expect(all[2]).toEqual({ kind: 'tensor', dtype: 'FLOAT', shape: undefined });
    sameShape(shapeOf(all[3]), [b, s, 768]); // input + skip + bias
  });

  it('counts the skip and bias adds and the LayerNorm per element and per row', () => {
    const withBias = costOf(sln.run(inputs, {}, 1, 4).cost).flops;
    const withoutBias = costOf(sln.run(inputs.slice(0, 4), {}, 1, 1).cost).flops;
    // rows = batch·sequence of 768: (2 adds + 8 LayerNorm) · 768 + 4 = 7684 per row with bias, 6916 without.
    same(withBias, product([7684, b, s]));
    same(withoutBias, product([6916, b, s]));
  });
});

describe('QOrderedMatMul (int8 cuBLASLt matmul)', () => {
  // Inputs: A, scale_A, B, scale_B, scale_Y, bias?, C?, scale_C?. The layout the CUDA kernel runs:
  // A and Y ORDER_ROW (1), B ORDER_COL (0).
  const qOrderedMatMul = def('QOrderedMatMul');
  const rowCol = { order_A: 1, order_B: 0, order_Y: 1 };
  const int8 = (shape: (number | string)[]) => ({ dtype: 'INT8', shape });
  const tester = new OpTester(qOrderedMatMul);

  it('multiplies [2, 16, 32] by [32, 64] into int8 [2, 16, 64]', () => {
    const run = tester.run([int8([2, 16, 32]), [], int8([32, 64]), [], []], rowCol);
    expect(run.outputs[0]).toMatchObject({ kind: 'tensor', dtype: 'INT8' });
    sameShape(shapeOf(run.outputs[0]), [2, 16, 64]);
    // MACs = 2·16·32·64 = 65536. Y has 2·16·64 = 2048 elements;
    // FLOPs = 2·65536 + (rescale 1 + requantise 1)·2048 = 131072 + 4096 = 135168.
    same(costOf(run.cost).macs, 65536);
    same(costOf(run.cost).flops, 135168);
  });

  it('adds 1 per output for bias and 2 for C (scale_C multiply, add)', () => {
    const run = tester.run([int8([2, 16, 32]), [], int8([32, 64]), [], [], [64], int8([2, 16, 64]), []], rowCol);
    same(costOf(run.cost).macs, 65536);
    // FLOPs = 131072 + (2 + bias 1 + C 2)·2048 = 131072 + 10240 = 141312.
    same(costOf(run.cost).flops, 141312);
    // A C of batch 1 (broadcast over A's batch) is still added to every output element.
    const broadcastC = tester.run([int8([2, 16, 32]), [], int8([32, 64]), [], [], [64], int8([1, 16, 64]), []], rowCol);
    same(costOf(broadcastC.cost).flops, 141312);
  });

  it('keeps batch and sequence symbolic in the shape and in the count', () => {
    const run = tester.run([int8(['batch', 'sequence', 768]), [], int8([768, 768]), [], []], rowCol);
    sameShape(shapeOf(run.outputs[0]), [b, s, 768]);
    // MACs = batch·sequence·768·768 = 589824·batch·sequence;
    // FLOPs = 2·589824 + 2·768 = 1179648 + 1536 = 1181184 per batch·sequence.
    same(costOf(run.cost).macs, product([589824, b, s]));
    same(costOf(run.cost).flops, product([1181184, b, s]));
  });

  it('broadcasts a B of batch 1 over A and ignores the order attributes for shapes', () => {
    const batchedB = tester.run([int8([2, 16, 32]), [], int8([1, 32, 64]), [], []], rowCol);
    sameShape(shapeOf(batchedB.outputs[0]), [2, 16, 64]);
    same(costOf(batchedB.cost).macs, 65536);
    // ORDER_COL32 A/Y with ORDER_COL4_4R2_8C B: a different memory layout, the same logical [K, N] B.
    const col32 = tester.run([int8([16, 32]), [], int8([32, 64]), [], []], { order_A: 2, order_B: 3, order_Y: 2 });
    sameShape(shapeOf(col32.outputs[0]), [16, 64]);
    same(costOf(col32.cost).macs, 16 * 32 * 64); // 32768
  });

  it('rejects a B whose rows are not K, and leaves an unknown A unknown and uncounted', () => {
    expect(() => tester.run([int8([2, 16, 32]), [], int8([64, 48]), [], []], rowCol)).toThrow(/contracted dimensions/);
    const unknownA = [{ dtype: 'INT8', shape: null }, [], int8([32, 64]), [], []];
    const shapeOnly = new OpTester({ ...qOrderedMatMul, cost: undefined }).run(unknownA, rowCol);
    expect(shapeOnly.outputs[0]).toEqual({ kind: 'tensor', dtype: 'INT8', shape: undefined });
    expect(() => tester.run(unknownA, rowCol)).toThrow(/cost needs the shapes of A and B/);
  });
});
