/**
 * Pooling: MaxPool, AveragePool, LpPool (sliding windows, window-geometry.ts) and the global pools.
 * Costs count the full kernel per output element (definitions.md: "Pooling: kernel elements per output
 * element"), also for edge windows that overlap padding.
 */
import { defineOp, dims, type Dim, type InferredType, type OpNode } from '@autodoc/core';
import { inNumel, invalidNode, missingAttribute, outNumel, tensorOut } from './nn-common.js';
import { readWindowAttrs, windowOutputs } from './window-geometry.js';

function poolOutput(n: OpNode): InferredType {
  const x = n.input(0)?.dims;
  const dtype = n.input(0)?.dtype;
  if (!x) return tensorOut(dtype, undefined);
  if (x.length < 3) throw invalidNode(n, `input X must have rank ≥ 3 (N × C × D1 …), got rank ${x.length}.`);
  const attrs = readWindowAttrs(n, x.length - 2, undefined);
  if (!attrs) throw missingAttribute(n, 'kernel_shape');
  return tensorOut(dtype, [x[0], x[1], ...windowOutputs(x.slice(2), attrs)]);
}

function kernelElements(n: OpNode): Dim {
  const k = n.attrInts('kernel_shape');
  if (!k) throw missingAttribute(n, 'kernel_shape');
  return dims.product(k);
}

/** Cost rule: `perTap` FLOPs per kernel element plus `perOutput` per output element. */
function windowCost(perTap: number, perOutput: number) {
  return (n: OpNode) => ({ flops: dims.mul(outNumel(n), dims.add(dims.mul(perTap, kernelElements(n)), perOutput)) });
}

export const maxPool = defineOp({
  opType: 'MaxPool',
  since: 1,
  shape: (n) => {
    const y = poolOutput(n);
    // Indices (since 8): same shape as Y, INT64.
    return n.outputCount > 1 ? [y, { ...y, dtype: 'INT64' }] : [y];
  },
  cost: windowCost(1, 0),
  examples: [
    // ⌊(32 − 2)/1⌋ + 1 = 31 per axis; 3·31·31 outputs × 4 comparisons = 11532.
    { title: 'default 2×2', inputs: [[1, 3, 32, 32]], attrs: { kernel_shape: [2, 2] }, expect: { shapes: [[1, 3, 31, 31]], flops: 11532 } },
    // ceil: ⌊(2 + 1 − 3 + 2 − 1)/2⌋ + 1 = 1 + 1 = 2, but window 2 would start at 2 ≥ 2 + 0 → 1 (spec test maxpool_2d_ceil_output_size_reduce_by_one).
    { title: 'ceil mode drops a window starting in the padding', inputs: [[1, 1, 2, 2]], attrs: { kernel_shape: [1, 1], strides: [2, 2], pads: [0, 0, 1, 1], ceil_mode: 1 }, expect: { shapes: [[1, 1, 1, 1], [1, 1, 1, 1]] } },
  ],
  notes: 'FLOPs = kernel elements per output element (comparisons). The Indices output is INT64 with the shape of Y.',
});

export const averagePool = defineOp({
  opType: 'AveragePool',
  since: 1,
  shape: (n) => [poolOutput(n)],
  cost: windowCost(1, 1),
  examples: [
    // ⌊(32 − 5)/3⌋ + 1 = 10; 3·10·10 outputs × (25 + 1) = 7800.
    { title: 'strides 3', inputs: [[1, 3, 32, 32]], attrs: { kernel_shape: [5, 5], strides: [3, 3] }, expect: { shapes: [[1, 3, 10, 10]], flops: 7800 } },
    // ceil: ⌈(4 − 3)/2⌉ + 1 = 2 per axis; last window starts at 2 < 4.
    { title: 'ceil mode', inputs: [['n', 1, 4, 4]], attrs: { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }, expect: { shapes: [['n', 1, 2, 2]], flops: '40*n' } },
  ],
  notes: 'FLOPs = (kernel elements + 1) per output element: the additions, plus one division.',
});

export const lpPool = defineOp({
  opType: 'LpPool',
  since: 1,
  shape: (n) => [poolOutput(n)],
  cost: windowCost(2, 1),
  examples: [
    // 31·31·3 outputs × (2·4 + 1) = 25947.
    { inputs: [[1, 3, 32, 32]], attrs: { kernel_shape: [2, 2] }, expect: { shapes: [[1, 3, 31, 31]], flops: 25947 } },
  ],
  notes: 'FLOPs = (2 × kernel elements + 1) per output element: |x|^p and an addition per element, one p-th root.',
});

function globalOutput(n: OpNode): InferredType {
  const x = n.input(0)?.dims;
  const dtype = n.input(0)?.dtype;
  if (!x) return tensorOut(dtype, undefined);
  if (x.length < 2) throw invalidNode(n, `input X must have rank ≥ 2, got ${x.length}.`);
  return tensorOut(dtype, [x[0], x[1], ...x.slice(2).map(() => 1)]);
}

export const globalAveragePool = defineOp({
  opType: 'GlobalAveragePool',
  since: 1,
  shape: (n) => [globalOutput(n)],
  cost: (n) => ({ flops: dims.add(inNumel(n, 0), outNumel(n)) }),
  examples: [
    // 2048·7·7 additions + 2048 divisions per batch item = 102400·batch.
    { inputs: [['batch', 2048, 7, 7]], expect: { shapes: [['batch', 2048, 1, 1]], flops: '102400*batch' } },
  ],
  notes: 'FLOPs = 1 per input element (sum) + 1 per output element (division).',
});

export const globalMaxPool = defineOp({
  opType: 'GlobalMaxPool',
  since: 1,
  shape: (n) => [globalOutput(n)],
  cost: (n) => ({ flops: inNumel(n, 0) }),
  examples: [{ inputs: [[1, 3, 5, 5]], expect: { shapes: [[1, 3, 1, 1]], flops: 75 } }],
  notes: 'FLOPs = 1 per input element (comparison).',
});

export const globalLpPool = defineOp({
  opType: 'GlobalLpPool',
  since: 1,
  shape: (n) => [globalOutput(n)],
  cost: (n) => ({ flops: dims.add(dims.mul(2, inNumel(n, 0)), outNumel(n)) }),
  // 2·(3·4·4) + 3 = 99.
  examples: [{ inputs: [[1, 3, 4, 4]], expect: { shapes: [[1, 3, 1, 1]], flops: 99 } }],
  notes: 'FLOPs = 2 per input element (|x|^p, addition) + 1 per output element (p-th root).',
});

export const poolOps = [maxPool, averagePool, lpPool, globalAveragePool, globalMaxPool, globalLpPool];
