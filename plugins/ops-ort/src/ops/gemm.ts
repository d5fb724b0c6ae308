import { type Dim, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, expectSame, need, tensorOut } from '../util/args.js';
import { ACTIVATION_NOTE, activationFlops } from '../util/activation.js';

// FusedGemm (Gemm + activation) and QGemm (8-bit Gemm, float or requantised output).

interface GemmDims {
  readonly m: Dim;
  readonly n: Dim;
  readonly k: Dim;
}

function gemmDims(node: OpNode, aIndex: number, bIndex: number): GemmDims | undefined {
  const a = dimsOf(node, aIndex);
  const b = dimsOf(node, bIndex);
  if (!a || !b || a.length !== 2 || b.length !== 2) return undefined;
  const [m, k] = node.attrInt('transA', 0) === 1 ? [a[1], a[0]] : [a[0], a[1]];
  const [kb, n] = node.attrInt('transB', 0) === 1 ? [b[1], b[0]] : [b[0], b[1]];
  expectSame(node, k, kb, 'the contracted dimensions of A and B differ');
  return { m, n, k: typeof k === 'number' ? k : kb };
}

/** com.microsoft FusedGemm: activation(alpha · A·B + beta · C). */
export const fusedGemm = defineOp({
  domain: 'com.microsoft',
  opType: 'FusedGemm',
  since: 1,
  shape: (node) => {
    const g = gemmDims(node, 0, 1);
    return [tensorOut(node.input(0)?.dtype, g ? [g.m, g.n] : undefined)];
  },
  cost: (node) => {
    const g = need(node, gemmDims(node, 0, 1), 'the shapes of A and B');
    const macs = dims.product([g.m, g.n, g.k]);
    const act = activationFlops(node.attrString('activation'));
    const perOutput = (node.input(2) ? 1 : 0) + act.perElement;
    const flops = dims.add(dims.mul(2, macs), dims.mul(perOutput, dims.mul(g.m, g.n)));
    return act.note ? { macs, flops, note: act.note } : { macs, flops };
  },
  // MACs 4·3·5 = 60; FLOPs 120 + (C 1 + Relu 1)·12 = 144.
  examples: [{ inputs: [[4, 5], [3, 5], [3]], attrs: { transB: 1, activation: 'Relu' }, expect: { shapes: [[4, 3]], macs: 60, flops: 144 } }],
  notes: `MACs = M × N × K; FLOPs = 2 × MACs + 1 per output element with C, + the activation. ${ACTIVATION_NOTE}`,
});

/** com.microsoft QGemm: 8-bit A·B with scales; float output, or 8-bit when y_scale is given. */
export const qGemm = defineOp({
  domain: 'com.microsoft',
  opType: 'QGemm',
  since: 1,
  shape: (node) => {
    const g = gemmDims(node, 0, 3);
    const dtype = node.input(8)?.dtype ?? (node.input(7) ? 'UINT8' : 'FLOAT');
    return [tensorOut(dtype, g ? [g.m, g.n] : undefined)];
  },
  cost: (node) => {
    const g = need(node, gemmDims(node, 0, 3), 'the shapes of A and B');
    const macs = dims.product([g.m, g.n, g.k]);
    const perOutput = 1 + (node.input(6) ? 1 : 0) + (node.input(7) ? 2 : 0); // rescale, + C, requantise
    return { macs, flops: dims.add(dims.mul(2, macs), dims.mul(perOutput, dims.mul(g.m, g.n))) };
  },
  // Y = [2, 8] = 16 outputs; MACs 2·8·4 = 64; FLOPs 128 + rescale 16 = 144.
  examples: [
    { inputs: [{ dtype: 'UINT8', shape: [2, 4] }, [], { dtype: 'UINT8', shape: [] }, { dtype: 'INT8', shape: [4, 8] }, [], { dtype: 'INT8', shape: [] }], expect: { shapes: [[2, 8]], macs: 64, flops: 144 } },
  ],
  notes: 'MACs = M × N × K; FLOPs = 2 × MACs + 1 per output element for the rescale, + 1 with C, + 2 to requantise when y_scale is given.',
});
