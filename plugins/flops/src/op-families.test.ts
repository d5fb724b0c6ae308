/**
 * Issue #5 acceptance: hand-worked MAC counts (docs/definitions.md) for each op family, through the
 * whole pipeline (reader → shapes → flops) on models written with ModelBuilder. The working is in the
 * comments; the figures are not taken from our own output.
 */
import { dims } from '@autodoc/core';
import { AnalysisTester, gptDecoder, ModelBuilder } from '@autodoc/core/testing';
import graph from '@autodoc/plugin-graph';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import opsOrt from '@autodoc/plugin-ops-ort';
import params from '@autodoc/plugin-params';
import shapes from '@autodoc/plugin-shapes';
import { describe, expect, test } from 'vitest';
import type { CostSection } from './cost-section.js';
import flops from './index.js';

const tester = new AnalysisTester({ plugins: [opsOnnx, opsOrt, shapes, graph, params, flops] });

async function costOf(b: ModelBuilder, bindings: Record<string, number> = {}): Promise<CostSection> {
  return ((await tester.analyze(b, { bindings })).report as unknown as { cost: CostSection }).cost;
}

const evalAt = (expression: string | null, binding: Record<string, number>) =>
  expression === null ? undefined : dims.evaluate(dims.parse(expression), binding);

describe('Conv with groups and dilation', () => {
  test('grouped, dilated 3×3 conv with bias', async () => {
    // X [1, 8, 16, 16], W [16, 2, 3, 3], group 4 (8 / 4 = 2 input channels per group), dilation 2,
    // pads 2: effective kernel 2·(3 − 1) + 1 = 5, output side (16 + 2 + 2 − 5)/1 + 1 = 16.
    // Y = 1·16·16·16 = 4096 elements; MACs = 4096 × (C_in/group = 2) × 3·3 = 73,728.
    // FLOPs = 2 × 73,728 + 4096 bias adds = 151,552.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 8, 16, 16]);
    b.initializer('w', 'FLOAT', [16, 2, 3, 3]);
    b.initializer('bias', 'FLOAT', [16]);
    b.node('Conv', ['x', 'w', 'bias'], { outputs: ['y'], attrs: { group: 4, dilations: [2, 2], pads: [2, 2, 2, 2], kernel_shape: [3, 3] } });
    b.output('y', 'FLOAT', [1, 16, 16, 16]);
    const cost = await costOf(b);
    expect(cost.macs.total).toBe(73_728);
    expect(cost.flops.total).toBe(151_552);
    expect(cost.complete).toBe(true);
  });

  test('depthwise, strided, dilated conv with symbolic spatial dims', async () => {
    // X [N, 32, H, W], W [32, 1, 3, 3], group 32 (depthwise), dilation 2, stride 2, no pads:
    // effective kernel 5, output side floor((H − 5)/2) + 1. MACs = N·32·oh·ow × 1 × 9 = 288·N·oh·ow.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', ['N', 32, 'H', 'W']);
    b.initializer('w', 'FLOAT', [32, 1, 3, 3]);
    b.node('Conv', ['x', 'w'], { outputs: ['y'], attrs: { group: 32, dilations: [2, 2], strides: [2, 2] } });
    b.output('y', 'FLOAT');
    const cost = await costOf(b);
    const side = (s: number) => Math.floor((s - 5) / 2) + 1;
    for (const [N, H, W] of [
      [1, 17, 17],
      [2, 224, 224],
      [3, 20, 33],
      [1, 6, 5],
    ]) {
      // e.g. N 1, 17×17: side (17 − 5)/2 + 1 = 7 → 288 · 49 = 14,112.
      expect(evalAt(cost.macs.expression, { N, H, W }), `N=${N} H=${H} W=${W}`).toBe(288 * N * side(H) * side(W));
    }
    expect(cost.macs.expression).toMatch(/floor/);
  });
});

describe('Einsum', () => {
  test('attention-score contraction bhqd,bhkd->bhqk', async () => {
    // Index sizes b 2, h 4, q 8, k 10, d 16; d is contracted. MACs = 2·4·8·10·16 = 10,240.
    const b = new ModelBuilder({ opset: 17 });
    b.input('q', 'FLOAT', [2, 4, 8, 16]);
    b.input('k', 'FLOAT', [2, 4, 10, 16]);
    b.node('Einsum', ['q', 'k'], { outputs: ['s'], attrs: { equation: 'bhqd,bhkd->bhqk' } });
    b.output('s', 'FLOAT');
    const cost = await costOf(b);
    expect(cost.macs.total).toBe(10_240);
    expect(cost.flops.total).toBe(20_480);
  });

  test('symbolic batched matmul and an elementwise product (no MACs)', async () => {
    // 'bij,bjk->bik' with b = batch, i 3, j 4, k 5: MACs = batch·3·4·5 = 60·batch.
    // 'ij,ij->ij' contracts nothing: 0 MACs, 1 multiply per output element (3·5 = 15 FLOPs).
    const b = new ModelBuilder({ opset: 17 });
    b.input('a', 'FLOAT', ['batch', 3, 4]);
    b.input('c', 'FLOAT', ['batch', 4, 5]);
    b.input('m', 'FLOAT', [3, 5]);
    b.input('n', 'FLOAT', [3, 5]);
    b.node('Einsum', ['a', 'c'], { outputs: ['p'], attrs: { equation: 'bij,bjk->bik' } });
    b.node('Einsum', ['m', 'n'], { outputs: ['e'], attrs: { equation: 'ij,ij->ij' } });
    b.output('p', 'FLOAT');
    b.output('e', 'FLOAT');
    const cost = await costOf(b);
    expect(cost.macs.expression).toBe('60*batch');
    expect(cost.flops.expression).toBe('120*batch + 15');
  });
});

describe('LSTM', () => {
  test('bidirectional with bias: MACs = seq × dirs × batch × 4 gates × hidden × (input + hidden)', async () => {
    // X [seq 5, batch 3, input 10], hidden 8, bidirectional: W [2, 32, 10], R [2, 32, 8], B [2, 64].
    // Per step, direction and batch item the four gates compute W·x (4·8 × 10 = 320 MACs) and R·h
    // (4·8 × 8 = 256 MACs): 576. Steps × directions × batch = 5·2·3 = 30 → 30 · 576 = 17,280 MACs.
    // FLOPs per the op's notes: 2·17,280 + 30 · 8 · (4 gates × (1 sum + 2 bias) + 9) = 34,560 + 5,040 = 39,600.
    const b = new ModelBuilder({ opset: 14 });
    b.input('x', 'FLOAT', [5, 3, 10]);
    b.initializer('W', 'FLOAT', [2, 32, 10]);
    b.initializer('R', 'FLOAT', [2, 32, 8]);
    b.initializer('B', 'FLOAT', [2, 64]);
    b.node('LSTM', ['x', 'W', 'R', 'B'], { outputs: ['y', 'y_h', 'y_c'], attrs: { hidden_size: 8, direction: 'bidirectional' } });
    b.output('y', 'FLOAT', [5, 2, 3, 8]);
    b.output('y_h', 'FLOAT', [2, 3, 8]);
    b.output('y_c', 'FLOAT', [2, 3, 8]);
    const cost = await costOf(b);
    expect(cost.macs.total).toBe(17_280);
    expect(cost.flops.total).toBe(39_600);
  });

  test('symbolic sequence length', async () => {
    // Same layer over [seq, 1, 10]: 576 MACs per (step, direction) × 2 directions = 1152·seq.
    const b = new ModelBuilder({ opset: 14 });
    b.input('x', 'FLOAT', ['seq', 1, 10]);
    b.initializer('W', 'FLOAT', [2, 32, 10]);
    b.initializer('R', 'FLOAT', [2, 32, 8]);
    b.node('LSTM', ['x', 'W', 'R'], { outputs: ['y'], attrs: { hidden_size: 8, direction: 'bidirectional' } });
    b.output('y', 'FLOAT');
    expect((await costOf(b)).macs.expression).toBe('1152*seq');
  });
});

describe('attention with grouped-query heads', () => {
  test('ai.onnx Attention (opset 23), 8 query heads sharing 2 KV heads', async () => {
    // Q [2, 8, 16, 32], K/V [2, 2, 16, 32]: every one of the 8 query heads attends to its shared KV
    // head, so Q·Kᵀ = 2·8·16·16·32 = 131,072 MACs and P·V the same: 262,144 MACs (GQA saves KV
    // memory, not products).
    const b = new ModelBuilder({ opset: 23 });
    b.input('q', 'FLOAT', [2, 8, 16, 32]);
    b.input('k', 'FLOAT', [2, 2, 16, 32]);
    b.input('v', 'FLOAT', [2, 2, 16, 32]);
    b.node('Attention', ['q', 'k', 'v'], { outputs: ['y'] });
    b.output('y', 'FLOAT');
    const cost = await costOf(b);
    expect(cost.macs.total).toBe(262_144);
    expect(cost.complete).toBe(true);
  });

  test('ai.onnx Attention, packed 3-D decode step with a KV cache', async () => {
    // q_num_heads 8, kv_num_heads 2, head 16: Q [batch, 1, 128], K/V [batch, 1, 32], past K/V
    // [batch, 2, past, 16]. Keys attended = past + 1. MACs = batch·8·1·(past + 1)·(16 + 16)
    // = 256·batch·past + 256·batch.
    const b = new ModelBuilder({ opset: 23 });
    b.input('q', 'FLOAT', ['batch', 1, 128]);
    b.input('k', 'FLOAT', ['batch', 1, 32]);
    b.input('v', 'FLOAT', ['batch', 1, 32]);
    b.input('past_k', 'FLOAT', ['batch', 2, 'past', 16]);
    b.input('past_v', 'FLOAT', ['batch', 2, 'past', 16]);
    b.node('Attention', ['q', 'k', 'v', '', 'past_k', 'past_v'], { outputs: ['y', 'present_k', 'present_v'], attrs: { q_num_heads: 8, kv_num_heads: 2 } });
    b.output('y', 'FLOAT');
    b.output('present_k', 'FLOAT');
    b.output('present_v', 'FLOAT');
    const cost = await costOf(b);
    for (const [batch, past] of [
      [1, 0],
      [2, 5],
      [4, 1023],
    ])
      expect(evalAt(cost.macs.expression, { batch, past })).toBe(256 * batch * (past + 1));
  });

  test('com.microsoft GroupQueryAttention decode step', async () => {
    // num_heads 4, kv_num_heads 2, head 8: query [1, 1, 32], key/value [1, 1, 16], past [1, 2, 5, 8];
    // keys attended 5 + 1 = 6 (total_sequence_length's value unknown). MACs = 1·4·1·6·(8 + 8) = 384.
    const b = new ModelBuilder({ opset: 17, opsetImports: { 'com.microsoft': 1 } });
    b.input('q', 'FLOAT', [1, 1, 32]);
    b.input('k', 'FLOAT', [1, 1, 16]);
    b.input('v', 'FLOAT', [1, 1, 16]);
    b.input('past_k', 'FLOAT', [1, 2, 5, 8]);
    b.input('past_v', 'FLOAT', [1, 2, 5, 8]);
    b.input('seqlens_k', 'INT32', [1]);
    b.input('total_len', 'INT32', []);
    b.node('GroupQueryAttention', ['q', 'k', 'v', 'past_k', 'past_v', 'seqlens_k', 'total_len'], {
      domain: 'com.microsoft',
      outputs: ['y', 'present_k', 'present_v'],
      attrs: { num_heads: 4, kv_num_heads: 2 },
    });
    b.output('y', 'FLOAT');
    b.output('present_k', 'FLOAT');
    b.output('present_v', 'FLOAT');
    expect((await costOf(b)).macs.total).toBe(384);
  });

  test('GQA decoder written with MatMuls (gptDecoder, kvHeads < heads)', async () => {
    // L 2, h 64, H 8 query heads, K 2 KV heads, d = 64/8 = 8, kv = K·d = 16, i = 4h = 256, V 1000.
    // Per layer for batch b, new tokens S, total T = past + S:
    //   fused QKV  b·S·h·(h + 2kv) = b·S·64·96 = 6144·b·S
    //   QKᵀ + P·V  2·b·H·S·T·d    = 2·8·8·b·S·T = 128·b·S·T (all 8 query heads, after K/V are repeated)
    //   c_proj     b·S·h²          = 4096·b·S
    //   MLP        2·b·S·h·i       = 2·64·256·b·S = 32,768·b·S
    // lm_head b·S·h·V = 64,000·b·S. Total = 2·(43,008·b·S + 128·b·S·T) + 64,000·b·S
    //   = 150,016·b·S + 256·b·S·T.
    const cost = await costOf(gptDecoder({ layers: 2, hidden: 64, heads: 8, kvHeads: 2, vocab: 1000, maxPositions: 128 }));
    expect(cost.complete).toBe(true);
    for (const [batch, sequence, past_sequence] of [
      [1, 1, 0],
      [2, 7, 5],
      [3, 1, 100],
    ]) {
      const T = past_sequence + sequence;
      expect(evalAt(cost.macs.expression, { batch, sequence, past_sequence }), `b=${batch} S=${sequence} P=${past_sequence}`).toBe(
        150_016 * batch * sequence + 256 * batch * sequence * T,
      );
    }
  });
});

describe('Loop with a trip count', () => {
  /** Loop whose body multiplies the carried x [1, 16] by an outer-scope W [16, 16]: 256 MACs per iteration. */
  function loopModel(trip: 'constant' | 'symbolic', cond: boolean): ModelBuilder {
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 16]);
    b.initializer('W', 'FLOAT', [16, 16]);
    if (trip === 'constant') {
      b.initializer('M', 'INT64', [], { data: [5n] });
    } else {
      // M = the length of input `steps` [n]: Shape → Gather(0) gives the scalar n.
      b.input('steps', 'FLOAT', ['n']);
      b.node('Shape', ['steps'], { outputs: ['steps_shape'] });
      b.initializer('zero', 'INT64', [], { data: [0n] });
      b.node('Gather', ['steps_shape', 'zero'], { outputs: ['M'], attrs: { axis: 0 } });
    }
    if (cond) b.initializer('cond', 'BOOL', [], { data: [1] });
    const body = b.subgraph((g) => {
      g.input('i', 'INT64', []);
      g.input('cond_in', 'BOOL', []);
      g.input('x_in', 'FLOAT', [1, 16]);
      g.node('Identity', ['cond_in'], { outputs: ['cond_out'] });
      g.node('MatMul', ['x_in', 'W'], { outputs: ['x_out'] });
      g.output('cond_out', 'BOOL', []);
      g.output('x_out', 'FLOAT', [1, 16]);
    }, 'body');
    b.node('Loop', ['M', cond ? 'cond' : '', 'x'], { outputs: ['y'], attrs: { body } });
    b.output('y', 'FLOAT', [1, 16]);
    return b;
  }

  test('constant trip count 5: body MACs × 5', async () => {
    // Body: [1, 16] × [16, 16] = 16 outputs × K 16 = 256 MACs; 5 iterations → 1280 MACs, 2560 FLOPs.
    const cost = await costOf(loopModel('constant', false));
    expect(cost.macs.total).toBe(1280);
    expect(cost.flops.total).toBe(2560);
    expect(cost.macs.byOpType.Loop?.total).toBe(1280);
    expect(cost.macs.byOpType.MatMul).toBeUndefined(); // the body's MatMul is inside the Loop's figure, not counted twice
  });

  test('trip count from a symbolic shape: 256·n', async () => {
    const cost = await costOf(loopModel('symbolic', false));
    expect(cost.macs.expression).toBe('256*n');
    expect((await costOf(loopModel('symbolic', false), { n: 12 })).macs.total).toBe(3072);
  });

  test('with a loop condition the count is an upper bound, and says so', async () => {
    const cost = await costOf(loopModel('constant', true));
    expect(cost.macs.total).toBe(1280);
    expect(cost.notes.join('\n')).toMatch(/upper bound/);
  });
});
