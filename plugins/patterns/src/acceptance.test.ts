import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AnalysisTester, BERT_BASE, gptDecoder, ModelBuilder, systemPython, transformerEncoder } from '@autodoc/core/testing';
import flops from '@autodoc/plugin-flops';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import params from '@autodoc/plugin-params';
import shapes from '@autodoc/plugin-shapes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureSection } from './architecture-section.js';
import patterns from './index.js';

// The acceptance models: ResNet-18 exported by Debian's PyTorch, a BERT-base-sized encoder and
// a GPT-like decoder with past key/values from the core's model factories.

async function architectureOf(model: Parameters<AnalysisTester['analyze']>[0], withShapes = false): Promise<ArchitectureSection> {
  const result = await new AnalysisTester({ plugins: withShapes ? [opsOnnx, shapes, params, flops, patterns] : [patterns] }).analyze(model);
  return (result.report as unknown as { architecture: ArchitectureSection }).architecture;
}

const python = systemPython(['torch', 'torchvision']);

describe.skipIf(python.value === undefined)('ResNet-18 exported by torch.onnx (torchvision, eval mode, opset 13)', () => {
  let dir = '';
  let a: ArchitectureSection;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'autodoc-resnet18-'));
    const script = fileURLToPath(new URL('../test-fixtures/export_resnet18.py', import.meta.url));
    const file = path.join(dir, 'resnet18.onnx');
    await promisify(execFile)(python.value as string, [script, file], { timeout: 300_000 });
    a = await architectureOf(file, true);
  }, 400_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has 8 BasicBlocks in 4 stages (layer1..layer4, two blocks each)', () => {
    const basic = a.repeats.find((r) => r.kind === 'BasicBlock');
    expect(basic?.count).toBe(8);
    expect(basic?.parents).toEqual(['layer1', 'layer2', 'layer3', 'layer4']);
    expect(basic?.blocks).toEqual(['layer1/layer1.0', 'layer1/layer1.1', 'layer2/layer2.0', 'layer2/layer2.1', 'layer3/layer3.0', 'layer3/layer3.1', 'layer4/layer4.0', 'layer4/layer4.1']);
  });

  it('has 20 Conv-BN pairs, all folded by the exporter (stem + 16 block convs + 3 downsample convs)', () => {
    expect(a.patterns['conv-bn']).toBe(20);
    // Relu follows the stem conv and the first conv of each block: 1 + 8 = 9.
    expect(a.patternDetails.find((p) => p.name === 'conv-bn')?.variants).toEqual({ folded: 20, act: 9 });
  });

  it('has 8 residual adds: 5 identity, 3 projection (the first block of stages 2-4 downsamples)', () => {
    expect(a.patterns['residual-add']).toBe(8);
    expect(a.patternDetails.find((p) => p.name === 'residual-add')?.variants).toEqual({ identity: 5, projection: 3 });
  });

  it('is a CNN classifier with a scope-based tree in execution order', () => {
    expect(a.family).toBe('cnn-classifier');
    expect(a.blockSource).toBe('scopes');
    expect(a.blocks.map((b) => b.path)).toEqual(['conv1', 'relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc']);
    const layer2 = a.blocks[4];
    // layer2.0: conv1, relu, conv2, downsample conv, Add, relu_1 = 6 nodes; layer2.1: 5 nodes.
    expect(layer2.children.map((c) => [c.path, c.kind, c.nodeCount])).toEqual([
      ['layer2/layer2.0', 'BasicBlock', 6],
      ['layer2/layer2.1', 'BasicBlock', 5],
    ]);
    // Its boundary: entered by layer1.1's last Relu, left by its own last Relu (exporter's value names).
    expect(layer2.children[0].inputs.map((t) => t.name)).toEqual(['/layer1/layer1.1/relu_1/Relu_output_0']);
    expect(layer2.children[0].outputs.map((t) => t.name)).toEqual(['/layer2/layer2.0/relu_1/Relu_output_0']);
    // With shapes inferred: layer2.0 takes the 64×56×56 map of stage 1 and halves it to 128×28×28.
    expect(layer2.children[0].inputs[0].shape).toEqual([1, 64, 56, 56]);
    expect(layer2.children[0].outputs[0].shape).toEqual([1, 128, 28, 28]);
  });

  it('sums the params and flops plugins\' per-node figures by block', () => {
    const block = a.blocks[3].children[0]; // layer1/layer1.0
    // Two 3×3 convs 64 → 64: 2 × 64·64·9 = 73,728 weight parameters. Their folded biases are all
    // zero with random weights, so the exporter deduplicates them into shared initializers fed
    // through root-level Identity nodes: those 64-element biases count outside the block.
    // MACs 2 × (64·56·56 outputs × 64·9) = 2 × 115,605,504 = 231,211,008.
    expect(block.path).toBe('layer1/layer1.0');
    expect(block.params).toBe(73_728);
    expect(block.macs?.total).toBe(231_211_008);
  });
});

describe('BERT-base-sized encoder (12 layers, h 768, 12 heads, i 3072, V 30522)', () => {
  let a: ArchitectureSection;
  beforeAll(async () => {
    a = await architectureOf(transformerEncoder(BERT_BASE));
  }, 120_000);

  it('has 12 attention and 12 MLP blocks in 12 TransformerLayers; family text-encoder', () => {
    expect(a.patterns.attention).toBe(12);
    expect(a.patterns.mlp).toBe(12);
    expect(a.repeats[0]).toMatchObject({ kind: 'TransformerLayer', count: 12, parents: ['encoder'], variants: 1 });
    expect(a.family).toBe('text-encoder');
  });

  it('reads the hyper-parameters from weight shapes and reshape constants', () => {
    expect(a.transformer).toMatchObject({ layers: 12, hidden: 768, heads: 12, kvHeads: 12, headDim: 64, intermediate: 3072, vocab: 30522, tiedEmbeddings: null, kvCache: false });
  });
});

describe('GPT-like decoder with past key/values', () => {
  it('is a decoder-llm with kvCache and tied embeddings', async () => {
    const a = await architectureOf(gptDecoder({ layers: 4, hidden: 256, heads: 8, vocab: 5000, kvCache: true }));
    expect(a.family).toBe('decoder-llm');
    expect(a.evidence).toContain('past key/value inputs concatenated into attention (KV cache)');
    expect(a.transformer).toMatchObject({ layers: 4, hidden: 256, heads: 8, kvHeads: 8, headDim: 32, intermediate: 1024, vocab: 5000, tiedEmbeddings: true, kvCache: true });
  });

  it('without the cache: still causal (decoder-llm), kvCache false; GQA heads from the K reshape', async () => {
    const a = await architectureOf(gptDecoder({ layers: 2, hidden: 128, heads: 8, kvHeads: 2, kvCache: false }));
    expect(a.family).toBe('decoder-llm');
    expect(a.transformer).toMatchObject({ heads: 8, kvHeads: 2, kvCache: false });
  });
});

describe('cross-attention (queries from one input, keys and values from another)', () => {
  // Unfused attention by hand: q = dec·Wq, k = src·Wk, v = src·Wv, softmax(q·kᵀ)·v.
  // `encoderDepth` Relu/Neg pairs stand for an encoder between the `enc` input and the keys.
  // `extraInputs` more graph inputs, each read by a Concat only (past keys and values) or by a Relu.
  function attentionModel(keysFrom: 'enc' | 'dec', encoderDepth = 0, extraInputs?: { count: number; readBy: 'Concat' | 'Relu' }) {
    const b = new ModelBuilder({ opset: 17 });
    const dec = b.input('dec', 'FLOAT', [1, 4, 8]);
    if (extraInputs) {
      const extra = Array.from({ length: extraInputs.count }, (_, i) => b.input(`extra_${i}`, 'FLOAT', [1, 1, 8]));
      if (extraInputs.readBy === 'Concat') b.output(b.node('Concat', extra, { attrs: { axis: 1 } })[0]);
      else for (const x of extra) b.output(b.node('Relu', [x])[0]);
    }
    let enc = b.input('enc', 'FLOAT', [1, 6, 8]);
    for (let i = 0; i < encoderDepth; i++) [enc] = b.node(i % 2 === 0 ? 'Relu' : 'Neg', [enc]);
    const src = keysFrom === 'enc' ? enc : dec;
    const [q] = b.node('MatMul', [dec, b.initializer('wq', 'FLOAT', [8, 8])]);
    const [k] = b.node('MatMul', [src, b.initializer('wk', 'FLOAT', [8, 8])]);
    const [v] = b.node('MatMul', [src, b.initializer('wv', 'FLOAT', [8, 8])]);
    const [kt] = b.node('Transpose', [k], { attrs: { perm: [0, 2, 1] } });
    const [scores] = b.node('MatMul', [q, kt]);
    const [probs] = b.node('Softmax', [scores], { attrs: { axis: -1 } });
    const [out] = b.node('MatMul', [probs, v]);
    b.output(out);
    return b;
  }

  it('keys from another graph input than the queries: encoder-decoder, one cross-attention block', async () => {
    const a = await architectureOf(attentionModel('enc'));
    expect(a.patterns.attention).toBe(1);
    expect(a.family).toBe('encoder-decoder');
    expect(a.evidence).toContain('1 cross-attention block(s): queries and keys come from different inputs');
  });

  it('counts cross-attention behind an encoder of any depth (here 1,500 nodes between input and keys)', async () => {
    const a = await architectureOf(attentionModel('enc', 1500));
    expect(a.family).toBe('encoder-decoder');
    expect(a.evidence).toContain('1 cross-attention block(s): queries and keys come from different inputs');
  });

  it('traces sources past 256 graph inputs when the others only feed Concats (a KV cache of 300 inputs)', async () => {
    const a = await architectureOf(attentionModel('enc', 0, { count: 300, readBy: 'Concat' }));
    expect(a.family).toBe('encoder-decoder');
    expect(a.evidence).toContain('1 cross-attention block(s): queries and keys come from different inputs');
  });

  it('says cross-attention was not checked when more than 256 graph inputs feed the computation', async () => {
    const a = await architectureOf(attentionModel('enc', 0, { count: 300, readBy: 'Relu' }));
    expect(a.family).not.toBe('encoder-decoder');
    expect(a.evidence).toContain('cross-attention not checked: 302 graph inputs feed the computation (at most 256 are traced)');
  });

  it('queries and keys from the same input: self-attention, not encoder-decoder', async () => {
    const a = await architectureOf(attentionModel('dec'));
    expect(a.patterns.attention).toBe(1);
    expect(a.family).not.toBe('encoder-decoder');
    expect(a.evidence.join(' ')).not.toContain('cross-attention');
  });
});
