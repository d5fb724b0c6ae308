import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type PyModelSummary, findOnnxPython, inspectWithPython } from '../model-builder-pycheck.js';
import type { ModelBuilder } from '../model-builder.js';
import { BERT_BASE, GPT2_MEDIUM, chain, gptDecoder, tinyCnn, transformerEncoder } from './index.js';

const python = findOnnxPython();
if (!python) console.warn('Python onnx absent: checker validation of the canned models is skipped');
const dir = mkdtempSync(join(tmpdir(), 'autodoc-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
async function inspect(b: ModelBuilder): Promise<PyModelSummary> {
  const path = join(dir, `m${fileNo++}.onnx`);
  await b.write(path);
  return inspectWithPython(path, { fullCheck: true });
}

/** Elements of FLOAT initializers that are weights (not scalar constants, not BatchNorm statistics). */
function floatParams(m: PyModelSummary): number {
  return m.initializers
    .filter((t) => t.dataType === 1 && !t.name.startsWith('const_') && !/running_(mean|var)$/.test(t.name))
    .reduce((s, t) => s + t.dims.reduce((a, x) => a * x, 1), 0);
}

describe.skipIf(!python)('tinyCnn', () => {
  it('is checker-valid with the documented nodes, parameters and shapes', async () => {
    const m = await inspect(tinyCnn());
    expect([m.checker, m.fullCheck, m.irVersion]).toEqual(['ok', 'ok', 8]);
    expect(m.nodes.map((n) => n.opType)).toEqual([
      'Conv', 'BatchNormalization', 'Relu', 'Conv', 'Relu', 'Conv', 'Add', 'Relu', 'Conv', 'Relu', 'Conv', 'Relu',
      'GlobalAveragePool', 'Flatten', 'Gemm',
    ]);
    expect(m.nodes.find((n) => n.name === '/block1/Add')?.inputs).toEqual(['/block1/conv2/Conv_output_0', '/stem/relu/Relu_output_0']);
    expect(m.nodes.find((n) => n.name === '/dw/conv/Conv')?.attrs.group.value).toBe(16);
    // 432 + 32 + 2320 + 2320 + 160 + 544 + 330 (see the TSDoc).
    expect(floatParams(m)).toBe(6138);
    expect(m.inputs[0].type).toEqual({ kind: 'tensor', elem: 1, shape: ['batch', 3, 32, 32] });
    const shape = (name: string) => m.inferredValues[name]?.shape;
    expect(shape('/dw/conv/Conv_output_0')).toEqual(['batch', 16, 16, 16]);
    expect(shape('/pw/relu/Relu_output_0')).toEqual(['batch', 32, 16, 16]);
    expect(shape('/Flatten_output_0')).toEqual(['batch', 32]);
    expect(m.inferredOutputs[0].type).toEqual({ kind: 'tensor', elem: 1, shape: ['batch', 10] });
  });
});

describe.skipIf(!python)('transformerEncoder', () => {
  it('small config: checker-valid, 14 + 61·L nodes, hand-counted parameters', async () => {
    const m = await inspect(transformerEncoder({ layers: 2, hidden: 64, heads: 4, intermediate: 256, vocab: 1000, maxPositions: 128 }));
    expect([m.checker, m.fullCheck]).toEqual(['ok', 'ok']);
    expect(m.nodes).toHaveLength(14 + 61 * 2);
    // V·h + P·h + T·h + 2h = 64000 + 8192 + 128 + 128; per layer 4h² + 2hi + 9h + i =
    // 16384 + 32768 + 576 + 256 = 49984, twice; pooler h² + h = 4160. Total 176576.
    expect(floatParams(m)).toBe(176576);
    expect(m.inputs).toEqual([{ name: 'input_ids', type: { kind: 'tensor', elem: 7, shape: ['batch', 'sequence'] } }]);
    expect(m.outputs.map((o) => [o.name, (o.type as { shape: unknown }).shape])).toEqual([
      ['last_hidden_state', ['batch', 'sequence', 64]],
      ['pooler_output', ['batch', 64]],
    ]);
    const names = new Set(m.nodes.map((n) => n.name));
    for (const name of [
      '/encoder/layer.0/attention/self/query/MatMul',
      '/encoder/layer.1/attention/self/Softmax',
      '/encoder/layer.1/attention/self/Reshape_3',
      '/encoder/layer.0/intermediate/intermediate_act_fn/Erf',
      '/encoder/layer.1/output/LayerNorm/LayerNormalization',
      '/pooler/dense/Gemm',
    ]) {
      expect(names.has(name), name).toBe(true);
    }
    const counts: Record<string, number> = {};
    for (const n of m.nodes) counts[n.opType] = (counts[n.opType] ?? 0) + 1;
    // Per layer 6 MatMul (Q, K, V, QKᵀ, ×V, output) + 2 FFN = 8; 5 LayerNorms (1 + 2·2).
    expect([counts.MatMul, counts.LayerNormalization, counts.Softmax, counts.Erf, counts.Gemm]).toEqual([16, 5, 2, 2, 1]);
    const div = m.nodes.find((n) => n.name === '/encoder/layer.0/attention/self/Div');
    expect(div?.inputs[1]).toBe('const_f32_4'); // √d = √16
  });

  it('decomposes LayerNorm below opset 17 and takes concrete dims', async () => {
    const m = await inspect(transformerEncoder({ layers: 1, hidden: 32, heads: 2, opset: 16, symbolic: false, batch: 2, sequence: 8, typeVocab: 0 }));
    expect([m.checker, m.fullCheck, m.irVersion]).toEqual(['ok', 'ok', 8]);
    // Embeddings 8 + 8 (decomposed LN), layer 77, pooler 3.
    expect(m.nodes).toHaveLength(8 + 8 + 77 + 3);
    expect(m.nodes.some((n) => n.opType === 'LayerNormalization')).toBe(false);
    expect(m.nodes.filter((n) => n.opType === 'Sqrt')).toHaveLength(3);
    expect(m.inputs[0].type).toEqual({ kind: 'tensor', elem: 7, shape: [2, 8] });
    expect(m.inferredOutputs.map((o) => (o.type as { shape: unknown }).shape)).toEqual([[2, 8, 32], [2, 32]]);
  });

  it('BERT-base preset has 109,482,240 parameters in 746 nodes (structure only, nothing written)', () => {
    // Published BERT-base size: 109,482,240. Nodes 14 + 61·12 = 746.
    const b = transformerEncoder(BERT_BASE);
    const rope = b.encode();
    expect(b.nodeCount).toBe(746);
    // raw_data of 109,482,240 floats plus two INT64 [1, 512] buffers and the scalar constants.
    expect(rope.length).toBeGreaterThan(109_482_240 * 4 + 2 * 512 * 8);
    expect(rope.length).toBeLessThan(109_482_240 * 4 + 2 * 512 * 8 + 400_000);
  });
});

describe.skipIf(!python)('gptDecoder', () => {
  it('small GQA config with KV cache: checker-valid, hand-counted nodes and parameters', async () => {
    const m = await inspect(gptDecoder({ layers: 2, hidden: 64, heads: 4, kvHeads: 2, vocab: 1000, maxPositions: 128, kvCache: true }));
    expect([m.checker, m.fullCheck]).toEqual(['ok', 'ok']);
    // Prologue 14, per layer 35 + 2 (cache) + 6 (GQA), epilogue 3.
    expect(m.nodes).toHaveLength(14 + 2 * 43 + 3);
    // d = 16, kv = 32, h + 2kv = 128. Per layer: 4h 256 + h·128 8192 + 128 + h² 4096 + h 64 +
    // 2hi 32768 + i 256 + h 64 = 45824. Total V·h 64000 + P·h 8192 + 2·45824 + 2h 128 = 163968.
    expect(floatParams(m)).toBe(163968);
    expect(m.inputs.map((i) => [i.name, (i.type as { shape: unknown }).shape])).toEqual([
      ['input_ids', ['batch', 'sequence']],
      ['past_key_values.0.key', ['batch', 2, 'past_sequence', 16]],
      ['past_key_values.0.value', ['batch', 2, 'past_sequence', 16]],
      ['past_key_values.1.key', ['batch', 2, 'past_sequence', 16]],
      ['past_key_values.1.value', ['batch', 2, 'past_sequence', 16]],
    ]);
    expect(m.outputs.map((o) => o.name)).toEqual(['logits', 'present.0.key', 'present.0.value', 'present.1.key', 'present.1.value']);
    expect((m.outputs[1].type as { shape: unknown }).shape).toEqual(['batch', 2, 'past_sequence + sequence', 16]);
    const concat = m.nodes.find((n) => n.outputs[0] === 'present.1.key');
    expect([concat?.opType, concat?.inputs[0], concat?.attrs.axis.value]).toEqual(['Concat', 'past_key_values.1.key', 2]);
    const expand = m.nodes.find((n) => n.name === '/transformer/h.0/attn/Expand');
    expect(m.initializers.find((t) => t.name === expand?.inputs[1])?.values).toEqual([1, 1, 2, 1, 1]);
    // Tied lm_head: the embedding table transposed, no separate weight.
    const lm = m.nodes.find((n) => n.name === '/lm_head/Transpose');
    expect([lm?.inputs[0], lm?.attrs.perm.value]).toEqual(['transformer.wte.weight', [1, 0]]);
    expect(m.initializers.some((t) => t.name.includes('lm_head'))).toBe(false);
    // The causal mask is lower-triangular: element (r, c) of the 128×128 table is c ≤ r.
    const mask = m.initializers.find((t) => t.name === 'transformer.causal_mask');
    const v = mask?.values as boolean[];
    expect([v[0], v[1], v[128], v[129], v[130], v[127 * 128 + 127], v[5 * 128 + 6]]).toEqual([true, false, true, true, false, true, false]);
    expect(v.filter(Boolean)).toHaveLength((128 * 129) / 2);
  });

  it('without cache and at opset 16: no past inputs, decomposed LayerNorm', async () => {
    const m = await inspect(gptDecoder({ layers: 1, hidden: 32, heads: 2, vocab: 100, maxPositions: 16, kvCache: false, opset: 16 }));
    expect([m.checker, m.fullCheck]).toEqual(['ok', 'ok']);
    // Prologue 10, layer 35 + 16, epilogue 3 + 8.
    expect(m.nodes).toHaveLength(10 + 51 + 11);
    expect(m.inputs.map((i) => i.name)).toEqual(['input_ids']);
    expect(m.outputs.map((o) => o.name)).toEqual(['logits']);
    expect(m.inferredOutputs[0].type).toEqual({ kind: 'tensor', elem: 1, shape: ['batch', 'sequence', 100] });
  });

  it('GPT-2 medium preset has 354,823,168 parameters in 905 nodes (structure only)', () => {
    // Published GPT-2 medium size: 354,823,168. Nodes: 14 + 24·37 + 3 = 905.
    const b = gptDecoder(GPT2_MEDIUM);
    expect(b.nodeCount).toBe(905);
    expect(b.encode().length).toBeGreaterThan(354_823_168 * 4 + 1024 * 1024);
  });
});

const big = process.env.AUTODOC_BIG_TESTS === '1';
if (!big) console.warn('AUTODOC_BIG_TESTS unset: the 440 MB BERT-base streaming test is skipped');

describe.skipIf(!big)('streaming a full-size model', () => {
  // Streaming is the point: the writer never holds the weights (the test's timeout only guards a hang).
  it('writes BERT-base (≈ 438 MB) with < 200 MB extra RSS', async () => {
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const b = transformerEncoder(BERT_BASE);
    const path = join(dir, 'bert-base.onnx');
    await b.write(path);
    clearInterval(timer);
    expect(peak - rss0).toBeLessThan(200 * 2 ** 20);
    // 109,482,240 float32 weights = 437,928,960 bytes, plus INT64 buffers, constants and structure.
    expect(statSync(path).size).toBeGreaterThan(437_928_960);
    rmSync(path);
  }, 60_000);
});

describe('chain', () => {
  it.skipIf(!python)('is checker-valid and cycles through the ops', async () => {
    const m = await inspect(chain(7, ['Add', 'Mul', 'Relu']));
    expect([m.checker, m.fullCheck]).toEqual(['ok', 'ok']);
    expect(m.nodes.map((n) => [n.name, n.opType, n.inputs, n.outputs])).toEqual([
      ['n0', 'Add', ['x', 'c'], ['t0']],
      ['n1', 'Mul', ['t0', 'c'], ['t1']],
      ['n2', 'Relu', ['t1'], ['t2']],
      ['n3', 'Add', ['t2', 'c'], ['t3']],
      ['n4', 'Mul', ['t3', 'c'], ['t4']],
      ['n5', 'Relu', ['t4'], ['t5']],
      ['n6', 'Add', ['t5', 'c'], ['y']],
    ]);
  });

  // Its speed is measured by the bench (bench/generate.mjs builds chain-1m with it), not here; the
  // timeout only guards a hang.
  it('builds a million nodes', async () => {
    const b = chain(1_000_000);
    const path = join(dir, 'chain.onnx');
    await b.write(path);
    expect(b.nodeCount).toBe(1_000_000);
    // Each node is ≥ 30 bytes (names, op type, two message headers).
    expect(statSync(path).size).toBeGreaterThan(30_000_000);
  }, 30_000);
});
