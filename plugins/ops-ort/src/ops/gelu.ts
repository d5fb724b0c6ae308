import { type Dim, type OpNode, defineOp, dims, broadcastShapes } from '@autodoc/core';
import { dimsOf, exactDiv, need, tensorOut } from '../util/args.js';

// The GELU family: Gelu, BiasGelu, FastGelu, QuickGelu, BiasSplitGelu. FLOPs follow each op's formula.

/** Gelu (erf form) 0.5·x·(1 + erf(x/√2)): ÷√2, erf, +1, ×x, ×0.5. */
const GELU = 5;
/** FastGelu 0.5·x·(1 + tanh(0.797885·x + 0.035677·x³)): x·x, ·x, ·c, c·x, +, tanh, +1, ×x, ×0.5. */
const FAST_GELU = 9;
/** QuickGelu x·sigmoid(α·x): ×α, sigmoid, ×x. */
const QUICK_GELU = 3;

function outElements(n: OpNode): Dim {
  return dims.numel(need(n, dimsOf(n, 0), 'the input shape'));
}

/** Output = input 0 broadcast with the others (bias is a trailing 1-D vector in practice). */
function broadcastShape(n: OpNode, inputs: number[]) {
  const shapes = inputs.filter((i) => n.input(i)).map((i) => dimsOf(n, i));
  return [tensorOut(n.input(0)?.dtype, broadcastShapes(shapes))];
}

/** com.microsoft Gelu (exact, erf form). */
export const gelu = defineOp({
  domain: 'com.microsoft',
  opType: 'Gelu',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, dimsOf(n, 0))],
  cost: (n) => ({ flops: dims.mul(GELU, outElements(n)) }),
  examples: [{ inputs: [['batch', 128, 3072]], expect: { shapes: [['batch', 128, 3072]], flops: '1966080*batch' } }], // 5·128·3072
  notes: `${GELU} FLOPs per element: 0.5·x·(1 + erf(x/√2)) is divide, erf, add, multiply, multiply. No MACs.`,
});

/** com.microsoft BiasGelu: Gelu(A + B). */
export const biasGelu = defineOp({
  domain: 'com.microsoft',
  opType: 'BiasGelu',
  since: 1,
  shape: (n) => broadcastShape(n, [0, 1]),
  cost: (n) => ({ flops: dims.mul(GELU + 1, outElements(n)) }),
  examples: [{ inputs: [[2, 4, 8], [8]], expect: { shapes: [[2, 4, 8]], flops: 384 } }], // 6·64
  notes: `${GELU + 1} FLOPs per element: 1 bias add + ${GELU} for Gelu (erf form). No MACs.`,
});

/** com.microsoft FastGelu: tanh approximation, optional bias. */
export const fastGelu = defineOp({
  domain: 'com.microsoft',
  opType: 'FastGelu',
  since: 1,
  shape: (n) => broadcastShape(n, [0, 1]),
  cost: (n) => ({ flops: dims.mul(FAST_GELU + (n.input(1) ? 1 : 0), outElements(n)) }),
  examples: [
    { inputs: [[2, 4, 8]], expect: { shapes: [[2, 4, 8]], flops: 576 } }, // 9·64
    { inputs: [[2, 4, 8], [8]], expect: { shapes: [[2, 4, 8]], flops: 640 } }, // 10·64
  ],
  notes: `${FAST_GELU} FLOPs per element for 0.5·x·(1 + tanh(0.797885·x + 0.035677·x³)) (x·x, ·x, ·0.035677, 0.797885·x, add, tanh, +1, ×x, ×0.5), +1 with bias. No MACs.`,
});

/** com.microsoft QuickGelu: x·sigmoid(α·x). */
export const quickGelu = defineOp({
  domain: 'com.microsoft',
  opType: 'QuickGelu',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, dimsOf(n, 0))],
  cost: (n) => ({ flops: dims.mul(QUICK_GELU, outElements(n)) }),
  examples: [{ inputs: [[1, 50, 768]], attrs: { alpha: 1.702 }, expect: { shapes: [[1, 50, 768]], flops: 115200 } }], // 3·38400
  notes: `${QUICK_GELU} FLOPs per element: × α, sigmoid, × x. No MACs.`,
});

/** com.microsoft BiasSplitGelu: (X + bias) split in halves L, R on the last axis; Y = L · Gelu(R). */
export const biasSplitGelu = defineOp({
  domain: 'com.microsoft',
  opType: 'BiasSplitGelu',
  since: 1,
  shape: (n) => {
    const x = dimsOf(n, 0);
    if (!x || x.length === 0) return [tensorOut(n.input(0)?.dtype, undefined)];
    const half = exactDiv(n, x[x.length - 1], 2, 'the last axis cannot be split in halves');
    return [tensorOut(n.input(0)?.dtype, [...x.slice(0, -1), half])];
  },
  cost: (n) => {
    const x = dims.numel(need(n, dimsOf(n, 0), 'the input shape'));
    return { flops: dims.add(x, dims.mul(GELU + 1, dims.floorDiv(x, 2))) };
  },
  // 2·64·640 = 81920 inputs: bias add 81920 + (5 + 1)·40960 = 327680.
  examples: [{ inputs: [[2, 64, 640], [640]], expect: { shapes: [[2, 64, 320]], flops: 327680 } }],
  notes: `FLOPs: 1 per input element for the bias add, then ${GELU + 1} per output element (Gelu ${GELU}, × left half 1). No MACs.`,
});
