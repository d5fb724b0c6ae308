/**
 * Issue #5 acceptance for the memory plugin: peak activation memory by liveness (docs/definitions.md:
 * a tensor lives from its producer — graph inputs from the start — to its last consumer, graph outputs
 * to the end; the peak is over the bytes live while each node runs, its inputs and outputs included),
 * worked out by hand on a chain and on a diamond; and the KV cache of decoders, with and without
 * grouped-query attention.
 */
import { definePlugin, dims, Stage } from '@autodoc/core';
import { AnalysisTester, gptDecoder, ModelBuilder } from '@autodoc/core/testing';
import graph from '@autodoc/plugin-graph';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import opsOrt from '@autodoc/plugin-ops-ort';
import params from '@autodoc/plugin-params';
import shapes from '@autodoc/plugin-shapes';
import { describe, expect, test } from 'vitest';
import memory from './index.js';
import { liveness, MAX_LIVE_TERMS } from './liveness.js';
import type { MemorySection } from './memory-section.js';

const tester = new AnalysisTester({ plugins: [opsOnnx, opsOrt, shapes, graph, params, memory] });

async function memoryOf(b: ModelBuilder, bindings: Record<string, number> = {}): Promise<MemorySection> {
  return ((await tester.analyze(b, { bindings })).report as unknown as { memory: MemorySection }).memory;
}

describe('peak activation memory by liveness', () => {
  test('chain x → Relu → Relu → Relu: two tensors live at a time', async () => {
    // x [1, 1024] FLOAT = 4096 B; every tensor is 4096 B.
    //   n0 runs: x (input) + t0 (output)               = 8192
    //   n1 runs: t0 + t1 (x died after n0, its last consumer) = 8192
    //   n2 runs: t1 + y                                 = 8192
    // Peak = 8192 B (not 4 × 4096 = 16384: liveness frees each tensor after its last consumer).
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 1024]);
    b.node('Relu', ['x'], { name: 'n0', outputs: ['t0'] });
    b.node('Relu', ['t0'], { name: 'n1', outputs: ['t1'] });
    b.node('Relu', ['t1'], { name: 'n2', outputs: ['y'] });
    b.output('y', 'FLOAT', [1, 1024]);
    const m = await memoryOf(b);
    expect(m.peakActivationBytes).toBe(8192);
    expect(m.timeline.map((p) => p.bytes)).toEqual([8192, 8192, 8192]);
  });

  test('a long graph gets a bucketed timeline: the largest point of each bucket of ⌈n / 2000⌉ nodes', async () => {
    // 4,501 Relus over [1, 256] FLOAT (1 KiB per tensor): while any node runs, its input and its
    // output are live = 2048 B, the peak too. Bucket size ⌈4501 / 2000⌉ = 3 → ⌈4501 / 3⌉ = 1,501
    // points; all figures are equal, so each bucket keeps its first node: indices 0, 3, 6, …, 4500.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 256]);
    let prev = 'x';
    for (let i = 0; i < 4501; i++) {
      const out = i === 4500 ? 'y' : `t${i}`;
      b.node('Relu', [prev], { name: `n${i}`, outputs: [out] });
      prev = out;
    }
    b.output('y', 'FLOAT', [1, 256]);
    const m = await memoryOf(b);
    expect(m.timeline).toHaveLength(1501);
    expect(m.timeline.slice(0, 3).map((p) => [p.index, p.node, p.bytes])).toEqual([
      [0, 'n0', 2048],
      [3, 'n3', 2048],
      [6, 'n6', 2048],
    ]);
    expect(m.timeline.at(-1)?.index).toBe(4500);
    expect(m.peakActivationBytes).toBe(2048);
  });

  test('chain with a symbolic batch: 8192·batch, a number once batch is bound', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', ['batch', 1024]);
    b.node('Relu', ['x'], { name: 'n0', outputs: ['t0'] });
    b.node('Relu', ['t0'], { name: 'n1', outputs: ['t1'] });
    b.node('Relu', ['t1'], { name: 'n2', outputs: ['y'] });
    b.output('y', 'FLOAT', ['batch', 1024]);
    const m = await memoryOf(b);
    expect(m.peakActivationBytes).toBeNull();
    expect(m.peakActivation.expression).toBe('8192*batch');
    expect((await memoryOf(b, { batch: 4 })).peakActivationBytes).toBe(32_768);
  });

  test('diamond: x feeds two branches that join', async () => {
    // x [1, 1024] FLOAT (4096 B).
    //   n0: a = Relu(x)            [1, 1024]  4096 B
    //   n1: b = Concat(x, x, ax 1) [1, 2048]  8192 B   (x's last consumer)
    //   n2: y = Concat(a, b, ax 1) [1, 3072] 12288 B   (graph output)
    // Live while n0 runs: x + a = 8192; n1: x + a + b = 16384 (a waits for n2);
    // n2: a + b + y = 24576 (x is dead). Peak = 24576 B at n2 — less than the 28672 B of all four.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 1024]);
    b.node('Relu', ['x'], { name: 'n0', outputs: ['a'] });
    b.node('Concat', ['x', 'x'], { name: 'n1', outputs: ['b'], attrs: { axis: 1 } });
    b.node('Concat', ['a', 'b'], { name: 'n2', outputs: ['y'], attrs: { axis: 1 } });
    b.output('y', 'FLOAT', [1, 3072]);
    const m = await memoryOf(b);
    expect(m.timeline.map((p) => p.bytes)).toEqual([8192, 16_384, 24_576]);
    expect(m.peakActivationBytes).toBe(24_576);
    expect(m.peakAt).toBe('n2');
  });

  test('weights are not activations: they are weightsBytes', async () => {
    // x [1, 256] (1024 B) × W [256, 512] (524,288 B) → y [1, 512] (2048 B): peak 1024 + 2048 = 3072.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 256]);
    b.initializer('W', 'FLOAT', [256, 512]);
    b.node('MatMul', ['x', 'W'], { name: 'mm', outputs: ['y'] });
    b.output('y', 'FLOAT', [1, 512]);
    const m = await memoryOf(b);
    expect(m.peakActivationBytes).toBe(3072);
    expect(m.weightsBytes).toBe(256 * 512 * 4);
  });
});

describe('KV cache', () => {
  test('multi-head decoder: bytesPerToken = layers × 2 × kvHeads × headDim × 4', async () => {
    // L 2, h 64, H = K = 4 heads, headDim 64/4 = 16, FLOAT: 2 · 2 · 4 · 16 · 4 = 1024 B per token.
    const m = await memoryOf(gptDecoder({ layers: 2, hidden: 64, heads: 4, kvCache: true }));
    expect(m.kvCache.present).toBe(true);
    expect(m.kvCache.layers).toBe(2);
    expect(m.kvCache.kvHeads).toBe(4);
    expect(m.kvCache.headDim).toBe(16);
    expect(m.kvCache.bytesPerToken).toBe(2 * 2 * 4 * 16 * 4);
  });

  test('grouped-query decoder (kvHeads < heads): the cache holds only the KV heads', async () => {
    // L 3, h 64, H 8 query heads, K 2 KV heads, headDim 64/8 = 8: 3 · 2 · 2 · 8 · 4 = 384 B per token
    // (a multi-head cache of 8 heads would be 4× as large: 1536 B).
    const m = await memoryOf(gptDecoder({ layers: 3, hidden: 64, heads: 8, kvHeads: 2, kvCache: true }));
    expect(m.kvCache.kvHeads).toBe(2);
    expect(m.kvCache.headDim).toBe(8);
    expect(m.kvCache.layers).toBe(3);
    expect(m.kvCache.bytesPerToken).toBe(3 * 2 * 2 * 8 * 4);
    // Context after this step = past + new tokens; total bytes = 384 × context × batch.
    const expr = dims.parse(m.kvCache.expression ?? '');
    expect(dims.evaluate(expr, { batch: 2, sequence: 1, past_sequence: 15 })).toBe(384 * 16 * 2);
  });

  test('bound dims give the cache bytes', async () => {
    // batch 4, past 127 + 1 new token = 128 positions: 384 × 128 × 4 = 196,608 B.
    const m = await memoryOf(gptDecoder({ layers: 3, hidden: 64, heads: 8, kvHeads: 2, kvCache: true }), { batch: 4, sequence: 1, past_sequence: 127 });
    expect(m.kvCache.contextLength).toBe(128);
    expect(m.kvCache.batch).toBe(4);
    expect(m.kvCache.bytes).toBe(196_608);
    expect(m.breakdown.kvCache).toBe(196_608);
  });

  test('no cache inputs: present is false', async () => {
    const m = await memoryOf(gptDecoder({ layers: 1, hidden: 32, heads: 4, kvCache: false }));
    expect(m.kvCache.present).toBe(false);
    expect(m.kvCache.bytesPerToken).toBeNull();
  });
});

describe('liveness sweep', () => {
  test('the rank it reports with each node is dims.rank of that node\'s live bytes (symbolic decoder)', async () => {
    const seen: { live: dims.Dim | undefined; rank: number }[] = [];
    const probe = definePlugin({
      name: 'test:liveness-probe',
      setup: () => ({
        apply({ hooks }) {
          hooks.analyze.tap({ name: 'test:liveness-probe', stage: Stage.Derive }, (ctx) => {
            liveness(ctx, (_i, live, rank) => seen.push({ live, rank }));
          });
        },
      }),
    });
    const bindings = { sequence: 7 };
    await new AnalysisTester({ plugins: [opsOnnx, opsOrt, shapes, probe] }).analyze(gptDecoder({ layers: 2, hidden: 64, heads: 4, kvCache: true }), { bindings });
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.some((s) => s.live !== undefined && dims.isSymbolic(s.live))).toBe(true);
    for (const s of seen) expect(s.rank).toBe(dims.rank(s.live as dims.Dim, bindings));
  });

  test(`live bytes of more than ${MAX_LIVE_TERMS} distinct symbolic sizes: ranks only, no peak, a caveat; exact once bound`, async () => {
    // N inputs xi FLOAT [di, 4] (16·di bytes each) concatenated along axis 0: y [d0 + … + dN-1, 4].
    // While the Concat runs, every input and y are live: 16·Σdi + 16·Σdi = 32·Σdi bytes.
    const N = MAX_LIVE_TERMS + 6;
    const concat = () => {
      const b = new ModelBuilder({ opset: 17 });
      const xs = Array.from({ length: N }, (_, i) => b.input(`x${i}`, 'FLOAT', [`d${i}`, 4]));
      b.node('Concat', xs, { name: 'cat', outputs: ['y'], attributes: { axis: 0 } });
      b.output('y', 'FLOAT', [null, 4]);
      return b;
    };
    const open = await memoryOf(concat());
    expect(open.peakActivation).toEqual({ total: null, expression: null });
    expect(open.notes.join(' ')).toContain(`sum more than ${MAX_LIVE_TERMS} distinct symbolic terms`);
    expect(open.timeline).toEqual([{ index: 0, node: 'cat', bytes: null }]);
    // Every di = 2: 32 · 2N bytes.
    const bound = await memoryOf(concat(), Object.fromEntries(Array.from({ length: N }, (_, i) => [`d${i}`, 2])));
    expect(bound.peakActivationBytes).toBe(32 * 2 * N);
  });
});

describe('largest tensors and output bytes per node', () => {
  // FLOAT tensors of [1, n]: 4n bytes. Node outputs only (graph inputs are not the model's work).
  const WIDTHS = [5, 50, 7, 50, 1, 9, 30, 2, 8, 40, 3, 6];
  function model(): ModelBuilder {
    const b = new ModelBuilder({ opset: 17 });
    WIDTHS.forEach((n, i) => {
      b.input(`a${i + 1}`, 'FLOAT', [1, n]);
      b.node('Relu', [`a${i + 1}`], { name: `r${i + 1}`, outputs: [`t${i + 1}`] });
      b.output(`t${i + 1}`);
    });
    // [1, 20] split in two [1, 10]: 40 bytes each, 80 for the node.
    b.input('sp', 'FLOAT', [1, 20]);
    b.node('Split', ['sp'], { name: 'split', outputs: ['sp0', 'sp1'], attrs: { axis: 1 } });
    b.output('sp0');
    b.output('sp1');
    // [batch, 9]: 36·batch bytes, ranked as 36 while batch is unbound.
    b.input('s', 'FLOAT', ['batch', 9]);
    b.node('Relu', ['s'], { name: 'sym', outputs: ['ts'] });
    b.output('ts');
    return b;
  }

  test('the ten largest node outputs, ties in graph order, symbolic sizes ranked at the bindings', async () => {
    const { report } = await tester.analyze(model());
    const m = (report as unknown as { memory: MemorySection }).memory;
    // 200, 200, 160, 120, 40, 40, 36, 36·batch (ranked 36, after t6 in graph order), 32, 28; t12 (24)
    // and smaller out. Equal sizes keep graph order (t2 before t4, sp0 before sp1).
    expect(m.largestTensors.map((t) => t.name)).toEqual(['t2', 't4', 't10', 't7', 'sp0', 'sp1', 't6', 'ts', 't9', 't3']);
    expect(m.largestTensors.map((t) => t.bytes)).toEqual([200, 200, 160, 120, 40, 40, 36, null, 32, 28]);
    expect(m.largestTensors.map((t) => t.expression)).toEqual([null, null, null, null, null, null, null, '36*batch', null, null]);
    const rows = new Map((report as unknown as { layers: { name: string; outputBytes: unknown }[] }).layers.map((r) => [r.name, r.outputBytes]));
    expect([rows.get('r2'), rows.get('r4'), rows.get('split'), rows.get('r5')]).toEqual([200, 200, 80, 4]);

    const bound = await memoryOf(model(), { batch: 10 });
    // ts: 36 · 10 = 360 bytes, first (a bound symbol makes the shape concrete: no expression).
    expect(bound.largestTensors.map((t) => t.name)).toEqual(['ts', 't2', 't4', 't10', 't7', 'sp0', 'sp1', 't6', 't9', 't3']);
    expect(bound.largestTensors[0]).toEqual({ name: 'ts', bytes: 360, expression: null });
  });
});
