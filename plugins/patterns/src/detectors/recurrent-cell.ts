import type { Graph } from '@autodoc/core';
import { defineDetector, type PatternMatch } from './detector.js';

const CELLS: Record<string, string> = { LSTM: 'lstm', GRU: 'gru', RNN: 'rnn', DynamicQuantizeLSTM: 'lstm' };

/** A Loop/Scan body that computes a recurrent cell: a matrix product and a gate nonlinearity. */
function isCellBody(body: Graph): boolean {
  const ops = new Set(body.nodes.map((n) => n.opType));
  return (ops.has('MatMul') || ops.has('Gemm')) && (ops.has('Sigmoid') || ops.has('Tanh'));
}

/**
 * Recurrent cells: LSTM/GRU/RNN ops (tag `lstm`/`gru`/`rnn`, plus `bidirectional`), or a Loop/Scan
 * whose body has a MatMul/Gemm and a Sigmoid/Tanh gate (tag `loop`).
 */
export default defineDetector({
  name: 'recurrent-cell',
  description: 'Recurrent cell: LSTM/GRU/RNN op, or a Loop/Scan body with a matrix product and Sigmoid/Tanh gates.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf([...Object.keys(CELLS), 'Loop', 'Scan'])) {
      const cell = CELLS[node.opType];
      if (cell) {
        const tags = [cell];
        if (node.attributes.get('direction')?.s === 'bidirectional') tags.push('bidirectional');
        out.push({ anchor: node, nodes: [node.name], tags });
      } else if ((node.opType === 'Loop' || node.opType === 'Scan') && [...node.subgraphs.values()].some(isCellBody)) {
        out.push({ anchor: node, nodes: [node.name], tags: ['loop'] });
      }
    }
    return out;
  },
});
