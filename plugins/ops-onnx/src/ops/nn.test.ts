import { dims, type Dim, type InferredType } from '@autodoc/core';
import { OpTester } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import { averagePool, maxPool } from './pool.js';
import { conv } from './conv.js';
import { convTranspose } from './conv-transpose.js';
import { einsum } from './einsum.js';
import { nnOps } from './index-nn.js';
import { lstm } from './rnn.js';
import { matMul } from './matmul.js';
import { resize } from './resize.js';
import { roiAlign } from './roi.js';

/** Shape of an inferred output, printed: `[1, 4, 2*h]`; 'unknown' when not a known tensor shape. */
function shapeOf(t: InferredType | undefined): string {
  return t && t.kind === 'tensor' && t.shape ? `[${t.shape.map(dims.format).join(', ')}]` : 'unknown';
}

const fmt = (d: Dim | undefined) => (d === undefined ? 'none' : dims.format(d));

describe('every documented example of the nn ops holds', () => {
  for (const def of nnOps) {
    def.examples?.forEach((example, i) => {
      it(`${def.opType}@${def.since} example ${i + 1}${example.title ? ` (${example.title})` : ''}`, () => {
        expect(new OpTester(def).check(example)).toEqual([]);
      });
    });
  }

  it('every op has notes and at least one example', () => {
    for (const def of nnOps) {
      expect(def.notes, def.opType).toBeTruthy();
      expect(def.examples?.length ?? 0, def.opType).toBeGreaterThan(0);
    }
  });
});

describe('Conv, hand-worked', () => {
  it('groups and dilation', () => {
    // X [1, 4, 10, 10], W [6, 2, 3, 3], group 2 (4/2 = 2 input channels per group), dilation 2:
    // effective kernel 2·(3 − 1) + 1 = 5, output ⌊(10 − 5)/1⌋ + 1 = 6 → Y [1, 6, 6, 6] = 216 elements.
    // MACs = 216 × (2 · 3 · 3) = 216 × 18 = 3888.
    const { outputs, cost } = new OpTester(conv).run([[1, 4, 10, 10], [6, 2, 3, 3]], { group: 2, dilations: [2, 2] });
    expect(shapeOf(outputs[0])).toBe('[1, 6, 6, 6]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('3888');
  });

  it('depthwise 3×3 (MobileNet block)', () => {
    // W [32, 1, 3, 3], group 32: each output element reads 1 channel × 9 taps.
    // Y [1, 32, 112, 112] = 401408 elements; MACs = 401408 × 9 = 3612672.
    const { outputs, cost } = new OpTester(conv).run([[1, 32, 112, 112], [32, 1, 3, 3]], { group: 32, pads: [1, 1, 1, 1] });
    expect(shapeOf(outputs[0])).toBe('[1, 32, 112, 112]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('3612672');
  });

  it('SAME_UPPER with stride 2 on a symbolic size gives ceil(size/2)', () => {
    // ONNX: out = ⌈in / stride⌉ for SAME padding; 7 → 4 with a 3×3 kernel.
    const sym = new OpTester(conv).run([[1, 3, 'h', 7], [8, 3, 3, 3]], { strides: [2, 2], auto_pad: 'SAME_UPPER' });
    expect(shapeOf(sym.outputs[0])).toBe('[1, 8, floor((h + 1)/2), 4]');
  });

  it('1-D and 3-D convolutions take the kernel from W', () => {
    // 1-D: ⌊(10 − 3)/1⌋ + 1 = 8; 3-D: ⌊(8 + 2 − 3)/2⌋ + 1 = 4 per axis.
    expect(shapeOf(new OpTester(conv).run([[2, 3, 10], [5, 3, 3]]).outputs[0])).toBe('[2, 5, 8]');
    expect(shapeOf(new OpTester(conv).run([[1, 2, 8, 8, 8], [4, 2, 3, 3, 3]], { strides: [2, 2, 2], pads: [1, 1, 1, 1, 1, 1] }).outputs[0])).toBe('[1, 4, 4, 4, 4]');
  });
});

describe('ConvTranspose, hand-worked', () => {
  it('output_padding adds to the end of each axis', () => {
    // X [1, 1, 3, 3], W [1, 2, 3, 3], strides [3, 2], output_padding [1, 1] (ONNX convtranspose_output_shape):
    // axis 0: 3·(3 − 1) + 1 + 3 = 10; axis 1: 2·(3 − 1) + 1 + 3 = 8. MACs = 9 × (2·3·3) = 162.
    const { outputs, cost } = new OpTester(convTranspose).run([[1, 1, 3, 3], [1, 2, 3, 3]], { strides: [3, 2], output_padding: [1, 1] });
    expect(shapeOf(outputs[0])).toBe('[1, 2, 10, 8]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('162');
  });

  it('output_shape overrides the formula', () => {
    const { outputs } = new OpTester(convTranspose).run([[1, 1, 3, 3], [1, 2, 3, 3]], { strides: [3, 2], output_shape: [10, 8] });
    expect(shapeOf(outputs[0])).toBe('[1, 2, 10, 8]');
  });

  it('dilation widens the kernel', () => {
    // ONNX convtranspose_dilations: X [1,1,3,3], W [1,1,2,2], dilations 2: (3 − 1) + 2·(2 − 1) + 1 = 5.
    expect(shapeOf(new OpTester(convTranspose).run([[1, 1, 3, 3], [1, 1, 2, 2]], { dilations: [2, 2] }).outputs[0])).toBe('[1, 1, 5, 5]');
  });
});

describe('pool ceil_mode edge cases from the ONNX tests', () => {
  const pool = (def: typeof averagePool, x: (number | string)[], attrs: Record<string, unknown>) => shapeOf(new OpTester(def).run([x], attrs, 22, 1).outputs[0]);

  it('averagepool_2d_ceil_last_window_starts_on_pad: the window starting in the right pad is dropped', () => {
    // size 2, k 3, s 3, pads 1/1: ⌊(2 + 2 − 3 + 2)/3⌋ + 1 = 2; window 2 starts at 3 ≥ 2 + 1 → 1.
    expect(pool(averagePool, [1, 3, 2, 2], { kernel_shape: [3, 3], strides: [3, 3], pads: [1, 1, 1, 1], ceil_mode: 1, count_include_pad: 1 })).toBe('[1, 3, 1, 1]');
  });

  it('averagepool_2d_dilations with ceil_mode', () => {
    // size 4, k 2, d 2 (k_eff 3), s 1: ⌊(4 − 3)/1⌋ + 1 = 2; last start 1 < 4.
    expect(pool(averagePool, [1, 1, 4, 4], { kernel_shape: [2, 2], strides: [1, 1], dilations: [2, 2], ceil_mode: 1 })).toBe('[1, 1, 2, 2]');
  });

  it('averagepool_3d_dilations_large, ceil and floor', () => {
    // size 32, k 5, d 2 (k_eff 9), s 3: floor ⌊23/3⌋ + 1 = 8; ceil ⌊25/3⌋ + 1 = 9 (last start 24 < 32).
    const attrs = { kernel_shape: [5, 5, 5], strides: [3, 3, 3], dilations: [2, 2, 2] };
    expect(pool(averagePool, [1, 1, 32, 32, 32], { ...attrs, ceil_mode: 0 })).toBe('[1, 1, 8, 8, 8]');
    expect(pool(averagePool, [1, 1, 32, 32, 32], { ...attrs, ceil_mode: 1 })).toBe('[1, 1, 9, 9, 9]');
  });

  it('averagepool_2d_ceil (spec example)', () => {
    // size 4, k 3, s 2: ⌈(4 − 3)/2⌉ + 1 = 2.
    expect(pool(averagePool, [1, 1, 4, 4], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 })).toBe('[1, 1, 2, 2]');
  });

  it('maxpool_2d_ceil_output_size_reduce_by_one', () => {
    // size 2, k 1, s 2, pads 0/1: ceil gives 2, the second window starts at 2 ≥ 2 → 1.
    expect(pool(maxPool, [1, 1, 2, 2], { kernel_shape: [1, 1], strides: [2, 2], pads: [0, 0, 1, 1], ceil_mode: 1 })).toBe('[1, 1, 1, 1]');
  });

  it('symbolic ceil mode stays exact when the drop rule cannot trigger', () => {
    // k 3, s 2, no pads: ⌊(h − 3 + 1)/2⌋ + 1 = ⌊(h − 2)/2⌋ + 1 = ⌊h/2⌋; no window can start in the (absent) pad.
    const out = new OpTester(averagePool).run([[1, 1, 'h', 'h']], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }).outputs[0];
    const h = out?.kind === 'tensor' ? out.shape?.[2] : undefined;
    for (const size of [5, 6, 7, 33]) expect(dims.evaluate(h!, { h: size })).toBe(Math.floor(size / 2));
  });
});

describe('MatMul, hand-worked', () => {
  const mm = (a: (number | string)[], b: (number | string)[]) => new OpTester(matMul).run([a, b]);

  it('1-D × 1-D is a dot product: a scalar, K MACs', () => {
    const { outputs, cost } = mm([5], [5]);
    expect(shapeOf(outputs[0])).toBe('[]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('5');
  });

  it('2-D × 1-D drops the appended 1', () => {
    // [3, 4] · [4] → [3]; MACs 3 × 4 = 12.
    const { outputs, cost } = mm([3, 4], [4]);
    expect(shapeOf(outputs[0])).toBe('[3]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('12');
  });

  it('batched 1-D right operand', () => {
    // [2, 3, 4] · [4] → [2, 3].
    expect(shapeOf(mm([2, 3, 4], [4]).outputs[0])).toBe('[2, 3]');
  });

  it('broadcasts batch dims and keeps symbols', () => {
    // [b, 1, s, 64] · [8, 64, 32] → [b, 8, s, 32]; MACs = b·8·s·32 × 64 = 16384·b·s.
    const { outputs, cost } = mm(['b', 1, 's', 64], [8, 64, 32]);
    expect(shapeOf(outputs[0])).toBe('[b, 8, s, 32]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('16384*b*s');
  });

  it('rejects mismatched inner dims', () => {
    expect(() => mm([3, 4], [5, 6])).toThrow(/inner dimensions/);
  });
});

describe('Einsum, hand-worked', () => {
  it("'bij,bjk->bik': MACs = b·i·j·k", () => {
    // b 4, i 3, j 5, k 6: 4·3·5·6 = 360.
    const { outputs, cost } = new OpTester(einsum).run([[4, 3, 5], [4, 5, 6]], { equation: 'bij,bjk->bik' });
    expect(shapeOf(outputs[0])).toBe('[4, 3, 6]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('360');
  });

  it("'...ii->...i' takes the diagonal over broadcast batch dims", () => {
    const { outputs, cost } = new OpTester(einsum).run([[2, 'n', 4, 4]], { equation: '...ii->...i' });
    expect(shapeOf(outputs[0])).toBe('[2, n, 4]');
    expect(cost !== 'free' && cost?.macs).toBeUndefined();
  });

  it('ellipsis broadcasting across operands', () => {
    // '...ij,...jk' with batch [2, 1] and [3]: batch → [2, 3]; implicit output "...ik".
    // MACs = 2·3 (ellipsis) × i 4 · j 5 · k 6 = 720.
    const { outputs, cost } = new OpTester(einsum).run([[2, 1, 4, 5], [3, 5, 6]], { equation: '...ij,...jk' });
    expect(shapeOf(outputs[0])).toBe('[2, 3, 4, 6]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('720');
  });

  it('trace contracts to a scalar', () => {
    const { outputs, cost } = new OpTester(einsum).run([[7, 7]], { equation: 'ii' });
    expect(shapeOf(outputs[0])).toBe('[]');
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('7');
  });
});

describe('LSTM, hand-worked', () => {
  it('bidirectional: MACs = seq · 2 · batch · 4 · hidden · (input + hidden)', () => {
    // seq 10, batch 3, input 20, hidden 16: 10·2·3 · 4 · 16 · 36 = 60 · 2304 = 138240.
    // FLOPs = 2 · 138240 + 60 steps · 16 · (4 gates · 1 sum + 9) = 276480 + 12480 = 288960 (no bias, no peepholes).
    const { outputs, cost } = new OpTester(lstm).run([[10, 3, 20], [2, 64, 20], [2, 64, 16]], { hidden_size: 16, direction: 'bidirectional' }, 14, 3);
    expect(outputs.map(shapeOf)).toEqual(['[10, 2, 3, 16]', '[2, 3, 16]', '[2, 3, 16]']);
    expect(cost !== 'free' && fmt(cost?.macs)).toBe('138240');
    expect(cost !== 'free' && fmt(cost?.flops)).toBe('288960');
  });

  it('hidden size comes from R when the attribute is absent; layout 1', () => {
    const { outputs } = new OpTester(lstm).run([[3, 10, 20], [1, 64, 20], [1, 64, 16]], { layout: 1 }, 14, 3);
    expect(outputs.map(shapeOf)).toEqual(['[3, 10, 1, 16]', '[3, 1, 16]', '[3, 1, 16]']);
  });
});

describe('Resize, hand-worked', () => {
  it('scales: floor(dim × scale) per axis', () => {
    // [1, 3, 5, 7] × (1, 1, 1.5, 0.5) → [1, 3, ⌊7.5⌋ = 7, ⌊3.5⌋ = 3].
    const { outputs } = new OpTester(resize).run([[1, 3, 5, 7], null, { dtype: 'FLOAT', shape: [4], value: [1, 1, 1.5, 0.5] }], {}, 13);
    expect(shapeOf(outputs[0])).toBe('[1, 3, 7, 3]');
  });

  it('scales on symbolic dims stay exact', () => {
    // ⌊h × 0.5⌋ = floor(h/2); ⌊w × 2⌋ = 2w.
    const { outputs } = new OpTester(resize).run([[1, 3, 'h', 'w'], null, { dtype: 'FLOAT', shape: [4], value: [1, 1, 0.5, 2] }], {}, 13);
    expect(shapeOf(outputs[0])).toBe('[1, 3, floor(h/2), 2*w]');
  });

  it('sizes replace the dims; linear over the two changed axes costs 9 per output element', () => {
    // sizes [1, 3, 10, 12] → 360 elements × 3·(2² − 1) = 3240.
    const { outputs, cost } = new OpTester(resize).run([[1, 3, 4, 6], null, null, { dtype: 'INT64', shape: [4], value: [1, 3, 10, 12] }], { mode: 'linear' }, 19);
    expect(shapeOf(outputs[0])).toBe('[1, 3, 10, 12]');
    expect(cost !== 'free' && fmt(cost?.flops)).toBe('3240');
  });

  it('sizes with axes and not_smaller (ONNX resize_upsample_sizes_nearest_not_smaller)', () => {
    // [1, 1, 2, 2], sizes [7, 8] on axes [2, 3]: scale = max(7/2, 8/2) = 4 → [8, 8].
    const { outputs } = new OpTester(resize).run([[1, 1, 2, 2], null, null, { dtype: 'INT64', shape: [2], value: [7, 8] }], { axes: [2, 3], keep_aspect_ratio_policy: 'not_smaller' }, 18);
    expect(shapeOf(outputs[0])).toBe('[1, 1, 8, 8]');
  });

  it('unknown scales give named unknown dims, not numbers', () => {
    const { outputs } = new OpTester(resize).run([[1, 3, 4, 4], null, { dtype: 'FLOAT', shape: [4] }], {}, 13);
    const shape = outputs[0]?.kind === 'tensor' ? outputs[0].shape : undefined;
    expect(shape?.length).toBe(4);
    expect(shape?.every((d) => dims.isSymbolic(d))).toBe(true);
  });
});

describe('errors a malformed node raises', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return 'no error';
  };

  it('a pool without kernel_shape: OP_ATTRIBUTE_MISSING', () => {
    expect(codeOf(() => new OpTester(maxPool).run([[1, 3, 8, 8]]))).toBe('OP_ATTRIBUTE_MISSING');
  });

  it('a Conv whose weight rank differs from the input: SHAPE_MISMATCH', () => {
    expect(codeOf(() => new OpTester(conv).run([[1, 3, 8, 8], [4, 3, 3]]))).toBe('SHAPE_MISMATCH');
  });

  it('RoiAlign with adaptive sampling (sampling_ratio 0) is uncounted, not zero: COST_DATA_DEPENDENT', () => {
    expect(codeOf(() => new OpTester(roiAlign).run([[1, 3, 10, 10], [5, 4], { dtype: 'INT64', shape: [5] }]))).toBe('COST_DATA_DEPENDENT');
  });

  it('a cost rule with an unknown input shape: COST_SHAPE_UNKNOWN', () => {
    expect(codeOf(() => new OpTester(matMul).run([{ shape: null }, [4, 5]]))).toBe('COST_SHAPE_UNKNOWN');
  });
});
