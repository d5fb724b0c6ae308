/**
 * The parameter definition of docs/definitions.md, case by case, on models written with ModelBuilder:
 * weights counted once however often they are used, BatchNorm statistics and integer constants apart,
 * ConstantOfShape-materialised weights counted (with a note), quantized weights counted unpacked with
 * their scales and zero points apart, Constant-node tensors named separately. Counts are worked by hand.
 */
import { AnalysisTester, ModelBuilder } from '@autodoc/core/testing';
import graph from '@autodoc/plugin-graph';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import opsOrt from '@autodoc/plugin-ops-ort';
import shapes from '@autodoc/plugin-shapes';
import { describe, expect, test } from 'vitest';
import params from './index.js';
import type { ParamsSection } from './params-section.js';

const tester = new AnalysisTester({ plugins: [opsOnnx, opsOrt, shapes, graph, params] });

async function paramsOf(b: ModelBuilder): Promise<ParamsSection> {
  return ((await tester.analyze(b)).report as unknown as { params: ParamsSection }).params;
}

describe('params per docs/definitions.md', () => {
  test('a weight used by two nodes counts once and is listed as shared', async () => {
    // W [4, 4] = 16 elements, used by two MatMuls (tied weight): total 16, not 32.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 4]);
    b.initializer('W', 'FLOAT', [4, 4]);
    b.node('MatMul', ['x', 'W'], { outputs: ['h'] });
    b.node('MatMul', ['h', 'W'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [1, 4]);
    const p = await paramsOf(b);
    expect(p.total).toBe(16);
    expect(p.shared).toEqual([{ name: 'W', elements: 16, consumers: 2 }]);
    expect(p.byOpType).toEqual({ MatMul: 16 });
  });

  test('a node that reads a weight twice is one consumer', async () => {
    // y = W·W + W: W [4, 4] read twice by the first MatMul and once by the Add → 2 consumers, 16 elements.
    const b = new ModelBuilder({ opset: 17 });
    b.initializer('W', 'FLOAT', [4, 4]);
    b.node('MatMul', ['W', 'W'], { outputs: ['h'] });
    b.node('Add', ['h', 'W'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [4, 4]);
    const p = await paramsOf(b);
    expect(p.total).toBe(16);
    expect(p.shared).toEqual([{ name: 'W', elements: 16, consumers: 2 }]);
  });

  test('BatchNorm running mean and variance are statistics, not parameters', async () => {
    // Conv W [8, 3, 3, 3] = 216; BN scale + bias 2 × 8 = 16 are weights → total 232.
    // BN running mean + variance 2 × 8 = 16 → batchNormStatistics.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 3, 8, 8]);
    b.initializer('w', 'FLOAT', [8, 3, 3, 3]);
    for (const n of ['scale', 'bias', 'mean', 'var']) b.initializer(n, 'FLOAT', [8]);
    b.node('Conv', ['x', 'w'], { outputs: ['c'], attrs: { pads: [1, 1, 1, 1] } });
    b.node('BatchNormalization', ['c', 'scale', 'bias', 'mean', 'var'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [1, 8, 8, 8]);
    const p = await paramsOf(b);
    expect(p.total).toBe(232);
    expect(p.batchNormStatistics).toBe(16);
    expect(p.byOpType).toEqual({ Conv: 216, BatchNormalization: 16 });
  });

  test('integer shape constants are not parameters', async () => {
    // Reshape's INT64 shape [2] is a shape constant: total 0, integerConstants 1 tensor of 2 elements (16 B).
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [2, 6]);
    b.initializer('shape', 'INT64', [2], { data: [3n, 4n] });
    b.node('Reshape', ['x', 'shape'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [3, 4]);
    const p = await paramsOf(b);
    expect(p.total).toBe(0);
    expect(p.integerConstants).toEqual({ count: 1, elements: 2, bytes: 16 });
    expect(p.allInitializers).toEqual({ count: 1, elements: 2, bytes: 16 });
  });

  test('a weight materialised by ConstantOfShape from a constant shape counts, with a note', async () => {
    // ConstantOfShape([16, 8]) → W [16, 8] = 128 elements feeding MatMul's B: total 128.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 16]);
    b.initializer('w_shape', 'INT64', [2], { data: [16n, 8n] });
    b.node('ConstantOfShape', ['w_shape'], { outputs: ['W'], attrs: { value: b.tensor('FLOAT', [1], [0.02]) } });
    b.node('MatMul', ['x', 'W'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [1, 8]);
    const p = await paramsOf(b);
    expect(p.total).toBe(128);
    expect(p.constantOfShapeElements).toBe(128);
    expect(p.notes.some((n) => /128 weight elements are materialised at run time by ConstantOfShape/.test(n))).toBe(true);
    // Resident bytes: the 16-byte shape initializer plus the 512 bytes the runtime allocates.
    expect(p.residentBytes).toBe(16 + 512);
  });

  test('quantized weights count; their scales and zero points do not', async () => {
    // INT8 W [16, 16] = 256 through DequantizeLinear (scalar FLOAT scale, scalar INT8 zero point).
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 16]);
    b.initializer('w_q', 'INT8', [16, 16]);
    b.initializer('w_scale', 'FLOAT', [], { data: [0.1] });
    b.initializer('w_zp', 'INT8', [], { data: [0] });
    b.node('DequantizeLinear', ['w_q', 'w_scale', 'w_zp'], { outputs: ['w'] });
    b.node('MatMul', ['x', 'w'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [1, 16]);
    const p = await paramsOf(b);
    expect(p.total).toBe(256);
    expect(p.quantized.weightElements).toBe(256);
    expect(p.quantized.scaleElements).toBe(1);
    expect(p.quantized.zeroPointElements).toBe(1);
    expect(p.byOpType).toEqual({ MatMul: 256 }); // the weight belongs to the MatMul after DequantizeLinear
  });

  test('packed int4 weights count as elements, not bytes', async () => {
    // INT4 W [8, 8] = 64 elements stored in 32 bytes: total 64.
    const b = new ModelBuilder({ opset: 21 });
    b.input('x', 'FLOAT', [1, 8]);
    b.initializer('w_q', 'INT4', [8, 8], { data: new Array(64).fill(1) });
    b.initializer('w_scale', 'FLOAT', [], { data: [0.5] });
    b.node('DequantizeLinear', ['w_q', 'w_scale'], { outputs: ['w'] });
    b.node('MatMul', ['x', 'w'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [1, 8]);
    const p = await paramsOf(b);
    expect(p.total).toBe(64);
    expect(p.weightBytesByDtype).toEqual({ INT4: 32 });
  });

  test('float tensors in Constant nodes are named apart, not counted', async () => {
    // Constant [2, 3] FLOAT = 6 elements: constantNodeElements 6, total 0.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [2, 3]);
    b.node('Constant', [], { outputs: ['c'], attrs: { value: b.tensor('FLOAT', [2, 3], [1, 2, 3, 4, 5, 6]) } });
    b.node('Add', ['x', 'c'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [2, 3]);
    const p = await paramsOf(b);
    expect(p.total).toBe(0);
    expect(p.constantNodeElements).toBe(6);
  });

  test("an FFN's [h, i] and [i, h] weights are not mistaken for a transposed copy", async () => {
    // Up [32, 64] and down [64, 32] projections have transposed shapes but are different weights.
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', [1, 32]);
    b.initializer('up', 'FLOAT', [32, 64]);
    b.initializer('down', 'FLOAT', [64, 32]);
    b.node('MatMul', ['x', 'up'], { outputs: ['h'] });
    b.node('MatMul', ['h', 'down'], { outputs: ['y'] });
    b.output('y', 'FLOAT', [1, 32]);
    const p = await paramsOf(b);
    expect(p.total).toBe(32 * 64 * 2);
    expect(p.notes.filter((n) => /transposed/.test(n))).toEqual([]);
  });

  test('BatchNorm folding is not claimed for a conv whose bias is a module parameter', async () => {
    // A PyTorch export with no BatchNormalization and a conv bias named like a parameter ("proj.bias").
    const b = new ModelBuilder({ opset: 17, producerName: 'pytorch' });
    b.input('x', 'FLOAT', [1, 3, 16, 16]);
    b.initializer('proj.weight', 'FLOAT', [8, 3, 4, 4]);
    b.initializer('proj.bias', 'FLOAT', [8]);
    b.node('Conv', ['x', 'proj.weight', 'proj.bias'], { outputs: ['y'], attrs: { strides: [4, 4] } });
    b.output('y', 'FLOAT', [1, 8, 4, 4]);
    const p = await paramsOf(b);
    expect(p.total).toBe(8 * 3 * 16 + 8);
    expect(p.notes.some((n) => /folded BatchNorm/.test(n))).toBe(false);
  });
});
