/**
 * Recurrent layers: RNN (1 gate), GRU (3 gates), LSTM (4 gates). Shapes (layout from opset 14):
 * - layout 0: X [seq, batch, input], Y [seq, dirs, batch, hidden], Y_h / Y_c [dirs, batch, hidden];
 * - layout 1: X [batch, seq, input], Y [batch, seq, dirs, hidden], Y_h / Y_c [batch, dirs, hidden].
 * hidden = hidden_size, else R.shape[2]; dirs = 2 for direction "bidirectional", else 1.
 */
import { defineOp, dims, type Dim, type OpCost, type OpNode } from '@autodoc/core';
import { inDims, invalidNode, tensorOut } from './nn-common.js';

interface RnnGeometry {
  readonly seq: Dim;
  readonly batch: Dim;
  readonly input: Dim;
  readonly hidden: Dim;
  readonly dirs: number;
  readonly layout: number;
}

function geometry(n: OpNode, gates: number, x: readonly Dim[] | undefined): RnnGeometry | undefined {
  if (!x) return undefined;
  if (x.length !== 3) throw invalidNode(n, `input X must be 3-D, got rank ${x.length}.`);
  const layout = n.opset >= 14 ? n.attrInt('layout', 0) : 0;
  const direction = n.attrString('direction', 'forward');
  if (direction !== 'forward' && direction !== 'reverse' && direction !== 'bidirectional') throw invalidNode(n, `direction "${direction}" is not forward, reverse or bidirectional.`);
  const dirs = direction === 'bidirectional' ? 2 : 1;
  const w = n.input(1)?.dims;
  const r = n.input(2)?.dims;
  const hidden: Dim | undefined = n.attrInt('hidden_size') ?? r?.[2] ?? (w ? dims.floorDiv(w[1], gates) : undefined);
  if (hidden === undefined) return undefined;
  const [seq, batch] = layout === 0 ? [x[0], x[1]] : [x[1], x[0]];
  return { seq, batch, input: x[2], hidden, dirs, layout };
}

function rnnShapes(n: OpNode, gates: number, stateOutputs: number) {
  const dtype = n.input(0)?.dtype;
  const g = geometry(n, gates, n.input(0)?.dims);
  const y = g ? (g.layout === 0 ? [g.seq, g.dirs, g.batch, g.hidden] : [g.batch, g.seq, g.dirs, g.hidden]) : undefined;
  const state = g ? (g.layout === 0 ? [g.dirs, g.batch, g.hidden] : [g.batch, g.dirs, g.hidden]) : undefined;
  return [tensorOut(dtype, y), ...Array.from({ length: stateOutputs }, () => tensorOut(dtype, state))].slice(0, Math.max(n.outputCount, 1));
}

/**
 * Cost of one recurrent layer. MACs = seq × dirs × batch × gates × hidden × (input + hidden) (the X·Wᵀ
 * and H·Rᵀ products of every gate at every step). FLOPs = 2 × MACs + per step, direction and batch item:
 * gates × hidden × (1 to add the two products + 2 bias adds when B is given + 1 clip when clip is set)
 * + hidden × `perHidden` (gate activations and state update) + `peephole` × hidden when P is given.
 */
function rnnCost(n: OpNode, gates: number, perHidden: number, peephole = 0): OpCost {
  const g = geometry(n, gates, inDims(n, 0))!;
  const steps = dims.product([g.seq, g.dirs, g.batch]);
  const macs = dims.product([steps, gates, g.hidden, dims.add(g.input, g.hidden)]);
  const perGate = 1 + (n.input(3) ? 2 : 0) + (n.attrFloat('clip') !== undefined ? 1 : 0);
  const perUnit = gates * perGate + perHidden + (peephole && n.input(7) ? peephole : 0);
  return { macs, flops: dims.add(dims.mul(2, macs), dims.product([steps, g.hidden, perUnit])) };
}

export const rnn = defineOp({
  opType: 'RNN',
  since: 1,
  shape: (n) => rnnShapes(n, 1, 1),
  cost: (n) => rnnCost(n, 1, 1),
  examples: [
    // MACs = 5 steps · 1 dir · 2 batch · 1 gate · 4 hidden · (3 + 4) = 280; FLOPs = 560 + 10·4·(1·3 + 1) = 720.
    { inputs: [[5, 2, 3], [1, 4, 3], [1, 4, 4], [1, 8]], attrs: { hidden_size: 4 }, expect: { shapes: [[5, 1, 2, 4], [1, 2, 4]], macs: 280, flops: 720 } },
  ],
  notes: 'MACs = seq × directions × batch × hidden × (input + hidden). FLOPs = 2 × MACs + per step, direction, batch item and hidden unit: 1 (sum of the two products) + 2 with bias B + 1 with clip, + 1 activation.',
});

export const gru = defineOp({
  opType: 'GRU',
  since: 1,
  shape: (n) => rnnShapes(n, 3, 1),
  cost: (n) => rnnCost(n, 3, 8),
  examples: [
    // layout 1: X [batch 2, seq 5, input 3]; MACs = 5·1·2 · 3 · 4 · 7 = 840; FLOPs = 1680 + 10·4·(3·1 + 8) = 2120.
    { title: 'layout 1', inputs: [[2, 5, 3], [1, 12, 3], [1, 12, 4]], attrs: { hidden_size: 4, layout: 1 }, opset: 14, expect: { shapes: [[2, 5, 1, 4], [2, 1, 4]], macs: 840, flops: 2120 } },
  ],
  notes: 'MACs = seq × directions × batch × 3 gates × hidden × (input + hidden). FLOPs = 2 × MACs + per step, direction and batch item: 3 × hidden × (1 sum of products + 2 with bias B + 1 with clip) + 8 × hidden (z and r sigmoids, r ⊙ h, tanh, and (1 − z) ⊙ h̃ + z ⊙ H as 4).',
});

export const lstm = defineOp({
  opType: 'LSTM',
  since: 1,
  shape: (n) => rnnShapes(n, 4, 2),
  cost: (n) => rnnCost(n, 4, 9, 6),
  examples: [
    // Bidirectional, seq 'T': MACs = T·2·1 · 4 · 8 · (16 + 8) = 1536·T; FLOPs = 3072·T + 2T·8·(4·3 + 9) = 3408·T.
    { title: 'bidirectional with bias', inputs: [['T', 1, 16], [2, 32, 16], [2, 32, 8], [2, 64]], attrs: { hidden_size: 8, direction: 'bidirectional' }, expect: { shapes: [['T', 2, 1, 8], [2, 1, 8], [2, 1, 8]], macs: '1536*T', flops: '3408*T' } },
  ],
  notes: 'MACs = seq × directions × batch × 4 gates × hidden × (input + hidden). FLOPs = 2 × MACs + per step, direction and batch item: 4 × hidden × (1 sum of products + 2 with bias B + 1 with clip) + 9 × hidden (3 sigmoids, 2 tanh, C = f ⊙ C + i ⊙ g as 3, H = o ⊙ tanh(C) as 1) + 6 × hidden with peepholes P (3 multiplies, 3 adds).',
});

export const rnnOps = [rnn, gru, lstm];
