import { type Dim, type InferredType, type OpCost, dims } from '@autodoc/core';
import { OpTester } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import { qOrderedMatMul } from './qordered-matmul.js';

const { product, sym } = dims;
const b = sym('batch');
const s = sym('sequence');

// Inputs: A, scale_A, B, scale_B, scale_Y, bias?, C?, scale_C?. The layout the CUDA kernel runs:
// A and Y ORDER_ROW (1), B ORDER_COL (0).
const rowCol = { order_A: 1, order_B: 0, order_Y: 1 };
const int8 = (shape: (number | string)[]) => ({ dtype: 'INT8', shape });
const tester = new OpTester(qOrderedMatMul);

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

describe('QOrderedMatMul', () => {
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
