import { AnalysisTester, gptDecoder, ModelBuilder, tinyCnn, transformerEncoder } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import type { ArchitectureSection } from '../architecture-section.js';
import patterns from '../index.js';

// Every detector on small hand-built graphs: one model that has the pattern, one that nearly does.

async function architectureOf(model: ModelBuilder): Promise<ArchitectureSection> {
  const result = await new AnalysisTester({ plugins: [patterns] }).analyze(model);
  return (result.report as unknown as { architecture: ArchitectureSection }).architecture;
}

function builder(opset = 17, contrib = false): ModelBuilder {
  return new ModelBuilder({ opset, ...(contrib ? { opsetImports: { 'com.microsoft': 1 } } : {}) });
}

function variants(a: ArchitectureSection, name: string): Record<string, number> {
  return a.patternDetails.find((p) => p.name === name)?.variants ?? {};
}

/** Conv with weight [out, in/group, k, k] (+ bias); odd k keeps the spatial size. */
function conv(b: ModelBuilder, x: string, name: string, out: number, inPerGroup: number, k: number, opts: { group?: number; stride?: number; bias?: boolean; weightName?: string } = {}): string {
  const w = b.initializer(opts.weightName ?? `${name}.weight`, 'FLOAT', [out, inPerGroup, k, k]);
  const inputs = [x, w];
  if (opts.bias ?? true) inputs.push(b.initializer(opts.weightName ? `${opts.weightName}_b` : `${name}.bias`, 'FLOAT', [out]));
  const p = (k - 1) / 2;
  return b.node('Conv', inputs, { name: `/${name}/Conv`, attrs: { kernel_shape: [k, k], pads: [p, p, p, p], strides: [opts.stride ?? 1, opts.stride ?? 1], group: opts.group ?? 1 } })[0];
}

function bn(b: ModelBuilder, x: string, name: string, c: number): string {
  const p = (s: string) => b.initializer(`${name}.${s}`, 'FLOAT', [c]);
  return b.node('BatchNormalization', [x, p('weight'), p('bias'), p('running_mean'), p('running_var')], { name: `/${name}/BatchNormalization` })[0];
}

function linear(b: ModelBuilder, x: string, name: string, inDim: number, outDim: number): string {
  return b.node('MatMul', [x, b.initializer(`${name}.weight`, 'FLOAT', [inDim, outDim])], { name: `/${name}/MatMul` })[0];
}

describe('conv-bn', () => {
  it('finds Conv → BatchNormalization → Relu', async () => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 3, 8, 8]);
    const y = b.node('Relu', [bn(b, conv(b, x, 'c', 4, 3, 3, { bias: false }), 'bn', 4)], { name: '/relu/Relu', outputs: ['y'] })[0];
    b.output(y, 'FLOAT', [1, 4, 8, 8]);
    const a = await architectureOf(b);
    expect(a.patterns['conv-bn']).toBe(1);
    expect(variants(a, 'conv-bn')).toEqual({ bn: 1, act: 1 });
    expect(a.patternDetails.find((p) => p.name === 'conv-bn')?.locations[0]).toEqual(['/c/Conv', '/bn/BatchNormalization', '/relu/Relu']);
  });

  it('recognises a Conv with BN folded in by the PyTorch exporter (onnx::Conv_N weights)', async () => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 3, 8, 8]);
    b.output(conv(b, x, 'c', 4, 3, 3, { weightName: 'onnx::Conv_12' }), 'FLOAT', [1, 4, 8, 8]);
    const a = await architectureOf(b);
    expect(variants(a, 'conv-bn')).toEqual({ folded: 1 });
  });

  it('does not count a plain Conv with module-named weights', async () => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 3, 8, 8]);
    b.output(b.node('Relu', [conv(b, x, 'c', 4, 3, 3)])[0], 'FLOAT', [1, 4, 8, 8]);
    expect((await architectureOf(b)).patterns['conv-bn']).toBe(0);
  });
});

describe('residual-add', () => {
  it('tells identity from projection shortcuts', async () => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 8, 8, 8]);
    // Block 1: identity — relu(conv(x)) → conv → + x.
    let h = conv(b, b.node('Relu', [conv(b, x, 'a1', 8, 8, 3)])[0], 'a2', 8, 8, 3);
    const r1 = b.node('Add', [h, x], { name: '/a/Add' })[0];
    // Block 2: projection — two 3×3 convs to 16 channels + 1×1 conv shortcut of r1.
    h = conv(b, b.node('Relu', [conv(b, r1, 'b1', 16, 8, 3)])[0], 'b2', 16, 16, 3);
    const r2 = b.node('Add', [h, conv(b, r1, 'down', 16, 8, 1)], { name: '/b/Add' })[0];
    b.output(r2, 'FLOAT', [1, 16, 8, 8]);
    const a = await architectureOf(b);
    expect(a.patterns['residual-add']).toBe(2);
    expect(variants(a, 'residual-add')).toEqual({ identity: 1, projection: 1 });
  });

  it('ignores bias adds and sums of unrelated branches', async () => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 8, 8, 8]);
    const z = b.input('z', 'FLOAT', [1, 8, 8, 8]);
    const biased = b.node('Add', [conv(b, x, 'p', 8, 8, 3), b.initializer('bias', 'FLOAT', [1, 8, 1, 1])])[0];
    b.output(b.node('Add', [biased, conv(b, z, 'q', 8, 8, 3)])[0], 'FLOAT', [1, 8, 8, 8]);
    expect((await architectureOf(b)).patterns['residual-add']).toBe(0);
  });
});

describe('depthwise-separable and inverted-residual', () => {
  it('finds depthwise → pointwise (tinyCnn has one) and an inverted residual with its skip', async () => {
    expect((await architectureOf(tinyCnn())).patterns['depthwise-separable']).toBe(1);
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 8, 8, 8]);
    const e = b.node('Relu', [conv(b, x, 'expand', 32, 8, 1)])[0];
    const d = b.node('Relu', [conv(b, e, 'dw', 32, 1, 3, { group: 32 })])[0];
    const p = conv(b, d, 'project', 8, 32, 1);
    b.output(b.node('Add', [p, x])[0], 'FLOAT', [1, 8, 8, 8]);
    const a = await architectureOf(b);
    expect(a.patterns['inverted-residual']).toBe(1);
    expect(variants(a, 'inverted-residual')).toEqual({ residual: 1 });
    expect(a.patterns['depthwise-separable']).toBe(1);
  });

  it('needs group = channels and a narrower projection', async () => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 8, 8, 8]);
    const e = conv(b, x, 'expand', 32, 8, 1);
    const full = conv(b, e, 'full', 32, 32, 3); // group 1: not depthwise
    const wide = b.node('Relu', [conv(b, full, 'dw', 32, 1, 3, { group: 32 })])[0];
    b.output(conv(b, wide, 'widen', 64, 32, 1), 'FLOAT', [1, 64, 8, 8]); // projects wider: not inverted
    const a = await architectureOf(b);
    expect(a.patterns['inverted-residual']).toBe(0);
    expect(a.patterns['depthwise-separable']).toBe(1); // the dw → 1×1 pair is still depthwise-separable
  });
});

describe('squeeze-excite', () => {
  const se = (gateInput: 'x' | 'other') => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 8, 4, 4]);
    const other = b.input('other', 'FLOAT', [1, 8, 4, 4]);
    const s = b.node('GlobalAveragePool', [x])[0];
    const g = b.node('Sigmoid', [conv(b, b.node('Relu', [conv(b, s, 'fc1', 2, 8, 1)])[0], 'fc2', 8, 2, 1)])[0];
    b.output(b.node('Mul', [gateInput === 'x' ? x : other, g])[0], 'FLOAT', [1, 8, 4, 4]);
    return b;
  };
  it('finds pool → fc → fc → sigmoid → Mul with the pooled tensor', async () => {
    expect((await architectureOf(se('x'))).patterns['squeeze-excite']).toBe(1);
  });
  it('rejects a gate applied to another tensor', async () => {
    expect((await architectureOf(se('other'))).patterns['squeeze-excite']).toBe(0);
  });
});

describe('attention', () => {
  it('unfused, bidirectional in a BERT-like encoder; causal and GQA in a GPT-like decoder', async () => {
    const enc = await architectureOf(transformerEncoder({ layers: 2 }));
    expect(enc.patterns.attention).toBe(2);
    expect(variants(enc, 'attention')).toEqual({ unfused: 2 });
    const mha = await architectureOf(gptDecoder({ layers: 2, heads: 4 }));
    expect(variants(mha, 'attention')).toEqual({ unfused: 2, causal: 2 });
    const gqa = await architectureOf(gptDecoder({ layers: 3, heads: 4, kvHeads: 2 }));
    expect(variants(gqa, 'attention')).toEqual({ unfused: 3, causal: 3, gqa: 3 });
  });

  it('causal when the mask is sliced from a square table a Constant node makes (torch.onnx exports of GPT-2)', async () => {
    const attention = (tableDims: number[]) => {
      const b = builder();
      const q = b.input('q', 'FLOAT', [1, 2, 8, 4]);
      const k = b.input('k', 'FLOAT', [1, 2, 4, 8]);
      const v = b.input('v', 'FLOAT', [1, 2, 8, 4]);
      const scores = b.node('MatMul', [q, k])[0];
      const cells = tableDims.reduce((a, d) => a * d, 1);
      const table = b.node('Constant', [], { attrs: { value: b.tensor('BOOL', tableDims, new Array<boolean>(cells).fill(true)) } })[0];
      const ints = (name: string, value: number) => b.initializer(name, 'INT64', [1], { data: [value] });
      const mask = b.node('Slice', [table, ints('starts', 0), ints('ends', 8), ints('axes', 3)])[0];
      const masked = b.node('Where', [mask, scores, b.initializer('lowest', 'FLOAT', [], { data: [-3.4e38] })])[0];
      const probs = b.node('Softmax', [masked], { attrs: { axis: -1 } })[0];
      b.output(b.node('MatMul', [probs, v])[0]);
      return architectureOf(b);
    };
    expect(variants(await attention([1, 1, 8, 8]), 'attention')).toEqual({ unfused: 1, causal: 1 });
    // A padding mask ([batch, 1, 1, keys]) kept as a constant is not causal.
    expect(variants(await attention([1, 1, 1, 8]), 'attention')).toEqual({ unfused: 1 });
  });

  it('fused ORT ops: Attention (unidirectional) and GroupQueryAttention (kv heads < heads)', async () => {
    const b = builder(17, true);
    const x = b.input('x', 'FLOAT', [1, 4, 32]);
    const a1 = b.node('Attention', [x, b.initializer('w', 'FLOAT', [32, 96]), b.initializer('bias', 'FLOAT', [96])], { domain: 'com.microsoft', attrs: { num_heads: 4, unidirectional: 1 } })[0];
    const q = b.input('q', 'FLOAT', [1, 4, 32]);
    const k = b.input('k', 'FLOAT', [1, 4, 16]);
    const v = b.input('v', 'FLOAT', [1, 4, 16]);
    const g = b.node('GroupQueryAttention', [q, k, v], { domain: 'com.microsoft', attrs: { num_heads: 4, kv_num_heads: 2 }, outputs: 3 })[0];
    b.output(a1);
    b.output(g);
    const a = await architectureOf(b);
    expect(variants(a, 'attention')).toEqual({ fused: 2, causal: 2, gqa: 1 });
    expect(a.transformer?.heads).toBe(4);
  });

  it('a Softmax over a classifier output is not attention', async () => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 16]);
    b.output(b.node('Softmax', [linear(b, x, 'fc', 16, 10)])[0], 'FLOAT', [1, 10]);
    expect((await architectureOf(b)).patterns.attention).toBe(0);
  });
});

describe('mlp', () => {
  const gated = (act: 'silu' | 'gelu') => {
    const b = builder(20);
    const x = b.input('x', 'FLOAT', [1, 4, 16]);
    const g = linear(b, x, 'gate_proj', 16, 64);
    const a = act === 'silu' ? b.node('Mul', [g, b.node('Sigmoid', [g])[0]])[0] : b.node('Gelu', [g])[0];
    const up = linear(b, x, 'up_proj', 16, 64);
    b.output(linear(b, b.node('Mul', [a, up])[0], 'down_proj', 64, 16), 'FLOAT', [1, 4, 16]);
    return b;
  };
  it('plain MLP in BERT (erf GELU) and gated SwiGLU / GeGLU', async () => {
    expect(variants(await architectureOf(transformerEncoder({ layers: 3 })), 'mlp')).toEqual({ plain: 3 });
    expect(variants(await architectureOf(gated('silu')), 'mlp')).toEqual({ swiglu: 1 });
    expect(variants(await architectureOf(gated('gelu')), 'mlp')).toEqual({ geglu: 1 });
  });
  it('two linears without a nonlinearity are not an MLP', async () => {
    const b = builder();
    const x = b.input('x', 'FLOAT', [1, 16]);
    b.output(linear(b, b.node('Add', [linear(b, x, 'a', 16, 32), b.initializer('c', 'FLOAT', [32])])[0], 'b', 32, 16), 'FLOAT', [1, 16]);
    expect((await architectureOf(b)).patterns.mlp).toBe(0);
  });
});

describe('layer-norm and rms-norm', () => {
  const rms = () => {
    const b = builder(17);
    const x = b.input('x', 'FLOAT', [1, 4, 16]);
    const sq = b.node('Pow', [x, b.initializer('two', 'FLOAT', [], { data: [2] })])[0];
    const m = b.node('ReduceMean', [sq], { attrs: { axes: [-1], keepdims: 1 } })[0];
    const s = b.node('Sqrt', [b.node('Add', [m, b.initializer('eps', 'FLOAT', [], { data: [1e-6] })])[0]])[0];
    const r = b.node('Div', [b.initializer('one', 'FLOAT', [], { data: [1] }), s])[0];
    b.output(b.node('Mul', [b.node('Mul', [x, r])[0], b.initializer('w', 'FLOAT', [16])])[0], 'FLOAT', [1, 4, 16]);
    return b;
  };
  it('fused at opset 17, decomposed below (embeddings + 2 per layer = 5 for 2 layers)', async () => {
    const fused = await architectureOf(transformerEncoder({ layers: 2, opset: 17 }));
    expect(variants(fused, 'layer-norm')).toEqual({ fused: 5 });
    const decomposed = await architectureOf(transformerEncoder({ layers: 2, opset: 13 }));
    expect(variants(decomposed, 'layer-norm')).toEqual({ decomposed: 5 });
    expect(decomposed.patterns['rms-norm']).toBe(0);
  });
  it('decomposed RMSNorm (x² mean, Sqrt, reciprocal, scale) is not a LayerNorm', async () => {
    const a = await architectureOf(rms());
    expect(variants(a, 'rms-norm')).toEqual({ decomposed: 1 });
    expect(a.patterns['layer-norm']).toBe(0);
  });
  it('fused SimplifiedLayerNormalization is an RMSNorm', async () => {
    const b = builder(17, true);
    const x = b.input('x', 'FLOAT', [1, 4, 16]);
    b.output(b.node('SimplifiedLayerNormalization', [x, b.initializer('w', 'FLOAT', [16])], { domain: 'com.microsoft' })[0]);
    expect(variants(await architectureOf(b), 'rms-norm')).toEqual({ fused: 1 });
  });
});

describe('rotary-embedding', () => {
  const rope = (sameSource: boolean) => {
    const b = builder(17);
    const x = b.input('x', 'FLOAT', [1, 4, 8, 16]);
    const y = b.input('y', 'FLOAT', [1, 4, 8, 16]);
    const made = new Set<string>();
    const i = (v: number[]) => {
      const name = `c${v.join('_')}`;
      if (!made.has(name)) b.initializer(name, 'INT64', [v.length], { data: v.map(BigInt) });
      made.add(name);
      return name;
    };
    const x1 = b.node('Slice', [x, i([0]), i([8]), i([-1])])[0];
    const x2 = b.node('Slice', [sameSource ? x : y, i([8]), i([16]), i([-1])])[0];
    const rot = b.node('Concat', [b.node('Neg', [x2])[0], x1], { attrs: { axis: -1 } })[0];
    const sin = b.initializer('sin', 'FLOAT', [8, 16]);
    const cos = b.initializer('cos', 'FLOAT', [8, 16]);
    b.output(b.node('Add', [b.node('Mul', [x, cos])[0], b.node('Mul', [rot, sin])[0]])[0], 'FLOAT', [1, 4, 8, 16]);
    return b;
  };
  it('finds rotate_half (Concat(−x₂, x₁)) times sin', async () => {
    expect(variants(await architectureOf(rope(true)), 'rotary-embedding')).toEqual({ unfused: 1 });
  });
  it('halves of different tensors are not a rotation', async () => {
    expect((await architectureOf(rope(false))).patterns['rotary-embedding']).toBe(0);
  });
  it('fused: RotaryEmbedding, and GroupQueryAttention only with do_rotary', async () => {
    const b = builder(17, true);
    const x = b.input('x', 'FLOAT', [1, 4, 32]);
    const pos = b.input('pos', 'INT64', [1, 4]);
    b.output(b.node('RotaryEmbedding', [x, pos, b.initializer('cos', 'FLOAT', [16, 4]), b.initializer('sin', 'FLOAT', [16, 4])], { domain: 'com.microsoft' })[0]);
    const [q, k, v] = ['q', 'k', 'v'].map((n) => b.input(n, 'FLOAT', [1, 4, 32]));
    for (const doRotary of [1, 0]) b.output(b.node('GroupQueryAttention', [q, k, v], { domain: 'com.microsoft', attrs: { num_heads: 4, kv_num_heads: 4, do_rotary: doRotary }, outputs: 3 })[0]);
    expect(variants(await architectureOf(b), 'rotary-embedding')).toEqual({ fused: 2 });
  });
});

describe('token and position embeddings', () => {
  it('GPT: token (tied to lm_head) + learned positions; BERT: token + segment + positions', async () => {
    const gpt = await architectureOf(gptDecoder({ layers: 1 }));
    expect(variants(gpt, 'token-embedding')).toEqual({ token: 1, tied: 1 });
    expect(variants(gpt, 'position-embedding')).toEqual({ learned: 1 });
    const bert = await architectureOf(transformerEncoder({ layers: 1 }));
    expect(variants(bert, 'token-embedding')).toEqual({ token: 1, segment: 1 });
    expect(variants(bert, 'position-embedding')).toEqual({ learned: 1 });
  });
  it('a Gather from an activation is no embedding; a [1, P, h] table added to patch tokens is', async () => {
    const b = builder();
    const ids = b.input('ids', 'INT64', [1, 4]);
    const acts = b.input('acts', 'FLOAT', [10, 16]);
    const g = b.node('Gather', [acts, ids])[0];
    const tokens = b.node('Transpose', [b.input('patches', 'FLOAT', [1, 16, 5])], { attrs: { perm: [0, 2, 1] } })[0];
    b.output(g);
    b.output(b.node('Add', [tokens, b.initializer('pos_embed', 'FLOAT', [1, 5, 16])])[0]);
    const a = await architectureOf(b);
    expect(a.patterns['token-embedding']).toBe(0);
    expect(variants(a, 'position-embedding')).toEqual({ added: 1 });
  });
});

describe('upsampling, FPN merge, U-Net skip', () => {
  const resize = (b: ModelBuilder, x: string) =>
    b.node('Resize', [x, '', b.initializer(`scales_${x.length}`, 'FLOAT', [4], { data: [1, 1, 2, 2] })], { attrs: { mode: 'nearest' } })[0];
  it('FPN: Add(upsampled coarse map, lateral 1×1 conv)', async () => {
    const b = builder(13);
    const c4 = b.input('c4', 'FLOAT', [1, 8, 8, 8]);
    const c5 = b.input('c5', 'FLOAT', [1, 8, 4, 4]);
    b.output(b.node('Add', [resize(b, c5), conv(b, c4, 'lateral', 8, 8, 1)])[0], 'FLOAT', [1, 8, 8, 8]);
    const a = await architectureOf(b);
    expect(a.patterns['fpn-merge']).toBe(1);
    expect(variants(a, 'upsample')).toEqual({ nearest: 1 });
    expect(a.family).toBe('cnn-detector');
  });
  it('U-Net: Concat of an upsampled decoder map with an early encoder map; segmenter family', async () => {
    const b = builder(13);
    const x = b.input('x', 'FLOAT', [1, 4, 16, 16]);
    const e1 = b.node('Relu', [conv(b, x, 'enc1', 8, 4, 3)])[0];
    let h = b.node('MaxPool', [e1], { attrs: { kernel_shape: [2, 2], strides: [2, 2] } })[0];
    for (let i = 0; i < 4; i++) h = b.node('Relu', [conv(b, h, `mid${i}`, 8, 8, 3)])[0];
    const cat = b.node('Concat', [resize(b, h), e1], { attrs: { axis: 1 } })[0];
    b.output(conv(b, cat, 'head', 2, 16, 1), 'FLOAT', [1, 2, 16, 16]);
    const a = await architectureOf(b);
    expect(a.patterns['unet-skip']).toBe(1);
    expect(a.family).toBe('cnn-segmenter');
  });
  it('no upsampling: stride-1 ConvTranspose, Add of two convs, Concat of neighbours', async () => {
    const b = builder(13);
    const x = b.input('x', 'FLOAT', [1, 4, 8, 8]);
    const t = b.node('ConvTranspose', [x, b.initializer('wt', 'FLOAT', [4, 4, 3, 3])], { attrs: { strides: [1, 1], pads: [1, 1, 1, 1] } })[0];
    const s = b.node('Add', [conv(b, t, 'l', 4, 4, 1), conv(b, x, 'r', 4, 4, 1)])[0];
    b.output(b.node('Concat', [conv(b, s, 'm', 4, 4, 3), s], { attrs: { axis: 1 } })[0]);
    const a = await architectureOf(b);
    expect([a.patterns.upsample, a.patterns['fpn-merge'], a.patterns['unet-skip']]).toEqual([0, 0, 0]);
  });
});

describe('nms and recurrent cells', () => {
  it('NonMaxSuppression makes a detector; tinyCnn has none', async () => {
    const b = builder(13);
    const x = b.input('x', 'FLOAT', [1, 3, 8, 8]);
    const boxes = b.input('boxes', 'FLOAT', [1, 100, 4]);
    const scores = b.node('Reshape', [conv(b, x, 'head', 1, 3, 1), b.initializer('shape', 'INT64', [3], { data: [1n, 1n, 64n] })])[0];
    b.output(b.node('NonMaxSuppression', [boxes, scores])[0]);
    const a = await architectureOf(b);
    expect(variants(a, 'nms')).toEqual({ nonmaxsuppression: 1 });
    expect(a.family).toBe('cnn-detector');
    expect((await architectureOf(tinyCnn())).patterns.nms).toBe(0);
  });
  it('LSTM (bidirectional) and GRU; family rnn', async () => {
    const b = builder(13);
    const x = b.input('x', 'FLOAT', [10, 1, 8]);
    const y = b.node('LSTM', [x, b.initializer('W', 'FLOAT', [2, 64, 8]), b.initializer('R', 'FLOAT', [2, 64, 16])], { attrs: { hidden_size: 16, direction: 'bidirectional' } })[0];
    const z = b.node('GRU', [b.node('Reshape', [y, b.initializer('s', 'INT64', [3], { data: [10n, 1n, 32n] })])[0], b.initializer('W2', 'FLOAT', [1, 48, 32]), b.initializer('R2', 'FLOAT', [1, 48, 16])], { attrs: { hidden_size: 16 } })[0];
    b.output(z);
    const a = await architectureOf(b);
    expect(variants(a, 'recurrent-cell')).toEqual({ lstm: 1, bidirectional: 1, gru: 1 });
    expect(a.family).toBe('rnn');
  });
});
