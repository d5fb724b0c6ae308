import { ModelBuilder } from '../model-builder.js';
import { ConstPool, type LayerContext, weight } from './common.js';

/** Options of {@link tinyCnn}. */
export interface TinyCnnOptions {
  /** Default 17 (BatchNormalization-15 and Gemm-13 exist from opset 15). */
  opset?: number;
  /** Batch dimension: a symbol (default `'batch'`) or a number. */
  batch?: number | string;
  /** Number of classes of the classifier (default 10). */
  classes?: number;
  /** Seed of the pseudo-random conv/gemm weights (default 1); BatchNorm params are real values. */
  seed?: number;
}

/**
 * A tiny CNN: input `x` FLOAT `[batch, 3, 32, 32]`, output `logits` FLOAT `[batch, classes]`.
 * 15 nodes, in order (names as the PyTorch exporter gives them; outputs `<name>_output_0`):
 *
 * | # | node | op | weights | output |
 * |---|---|---|---|---|
 * | 1 | `/stem/conv/Conv` | Conv k3 s1 p1, no bias | `stem.conv.weight` [16,3,3,3] | [b,16,32,32] |
 * | 2 | `/stem/bn/BatchNormalization` | eps 1e-5 | `stem.bn.{weight,bias,running_mean,running_var}` [16] | [b,16,32,32] |
 * | 3 | `/stem/relu/Relu` | | | [b,16,32,32] |
 * | 4 | `/block1/conv1/Conv` | k3 s1 p1 | `block1.conv1.{weight [16,16,3,3], bias [16]}` | [b,16,32,32] |
 * | 5 | `/block1/relu1/Relu` | | | |
 * | 6 | `/block1/conv2/Conv` | k3 s1 p1 | `block1.conv2.{weight [16,16,3,3], bias [16]}` | [b,16,32,32] |
 * | 7 | `/block1/Add` | identity shortcut: conv2 + stem relu | | [b,16,32,32] |
 * | 8 | `/block1/relu2/Relu` | | | |
 * | 9 | `/dw/conv/Conv` | depthwise: group 16, k3 s2 p1 | `dw.conv.{weight [16,1,3,3], bias [16]}` | [b,16,16,16] |
 * | 10 | `/dw/relu/Relu` | | | |
 * | 11 | `/pw/conv/Conv` | pointwise k1 | `pw.conv.{weight [32,16,1,1], bias [32]}` | [b,32,16,16] |
 * | 12 | `/pw/relu/Relu` | | | |
 * | 13 | `/pool/GlobalAveragePool` | | | [b,32,1,1] |
 * | 14 | `/Flatten` | axis 1 | | [b,32] |
 * | 15 | `/fc/Gemm` | transB 1 | `fc.{weight [classes,32], bias [classes]}` | [b,classes] |
 *
 * With 10 classes: weight parameters 432 + 32 (BN scale, bias) + 2320 + 2320 + 160 + 544 + 330 =
 * 6,138, plus 32 BatchNorm statistics. MACs per sample: stem 16·32·32·27 = 442,368; each block conv
 * 16·32·32·144 = 2,359,296; depthwise 16·16·16·9 = 36,864; pointwise 32·16·16·16 = 131,072; Gemm 320;
 * total 5,329,216.
 */
export function tinyCnn(options: TinyCnnOptions = {}): ModelBuilder {
  const opset = options.opset ?? 17;
  const classes = options.classes ?? 10;
  const b = new ModelBuilder({ opset, producerName: 'autodoc-builder', docString: 'tinyCnn fixture' });
  const ctx: LayerContext = { b, c: new ConstPool(b), opset, seed: options.seed ?? 1, salt: { n: 0 } };
  const x = b.input('x', 'FLOAT', [options.batch ?? 'batch', 3, 32, 32]);
  const k3 = { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1], dilations: [1, 1], group: 1 };
  const conv = (input: string, scope: string, out: number, inPerGroup: number, k: number, attrs: object, bias = true) => {
    const w = weight(ctx, `${scope.slice(1).replace(/\//g, '.')}.weight`, [out, inPerGroup, k, k]);
    const inputs = [input, w];
    if (bias) inputs.push(weight(ctx, `${scope.slice(1).replace(/\//g, '.')}.bias`, [out]));
    return b.node('Conv', inputs, { name: `${scope}/Conv`, attrs: attrs as Record<string, number[] | number> })[0];
  };
  const relu = (input: string, scope: string) => b.node('Relu', [input], { name: `${scope}/Relu` })[0];

  let h = conv(x, '/stem/conv', 16, 3, 3, k3, false);
  const bn = (name: string, value: number) =>
    b.initializer(`stem.bn.${name}`, 'FLOAT', [16], { data: new Float32Array(16).fill(value) });
  [h] = b.node('BatchNormalization', [h, bn('weight', 1), bn('bias', 0), bn('running_mean', 0), bn('running_var', 1)], {
    name: '/stem/bn/BatchNormalization',
    attrs: { epsilon: { float: 1e-5 }, momentum: { float: 0.9 } },
  });
  const stem = relu(h, '/stem/relu');

  h = relu(conv(stem, '/block1/conv1', 16, 16, 3, k3), '/block1/relu1');
  h = conv(h, '/block1/conv2', 16, 16, 3, k3);
  [h] = b.node('Add', [h, stem], { name: '/block1/Add' });
  h = relu(h, '/block1/relu2');

  h = relu(conv(h, '/dw/conv', 16, 1, 3, { ...k3, strides: [2, 2], group: 16 }), '/dw/relu');
  h = relu(conv(h, '/pw/conv', 32, 16, 1, { kernel_shape: [1, 1], pads: [0, 0, 0, 0], strides: [1, 1], dilations: [1, 1], group: 1 }), '/pw/relu');

  [h] = b.node('GlobalAveragePool', [h], { name: '/pool/GlobalAveragePool' });
  [h] = b.node('Flatten', [h], { name: '/Flatten', attrs: { axis: 1 } });
  const fcW = weight(ctx, 'fc.weight', [classes, 32]);
  const fcB = weight(ctx, 'fc.bias', [classes]);
  b.node('Gemm', [h, fcW, fcB], {
    name: '/fc/Gemm',
    outputs: ['logits'],
    attrs: { alpha: { float: 1 }, beta: { float: 1 }, transB: 1 },
  });
  b.output('logits', 'FLOAT', [options.batch ?? 'batch', classes]);
  return b;
}
