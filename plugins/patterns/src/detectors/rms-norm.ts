import type { Node, Value } from '@autodoc/core';
import { type GraphView, names } from '../graph-view.js';
import { defineDetector, opSet, type PatternMatch } from './detector.js';

const FUSED = opSet(['ai.onnx::RMSNormalization', 'com.microsoft::SimplifiedLayerNormalization', 'com.microsoft::SkipSimplifiedLayerNormalization']);

/** True when `x` is already mean-centred (Sub(y, ReduceMean(y))): then the chain is a LayerNorm. */
function isCentred(view: GraphView, x: Value | undefined): boolean {
  const p = view.producer(x);
  return p?.opType === 'Sub' && view.producerOp(p.inputs[1]) === 'ReduceMean';
}

/**
 * RMSNorm, fused (RMSNormalization, ORT SimplifiedLayerNormalization; tag `fused`) or decomposed as
 * LLaMA-style exports write it: Pow(x, 2) → ReduceMean → Add ε → Sqrt → Div/Reciprocal → Mul with x
 * (tag `decomposed`), without the mean subtraction of a LayerNorm.
 */
export default defineDetector({
  name: 'rms-norm',
  description: 'RMSNorm, fused op or decomposed (x² mean, Sqrt, reciprocal, scale) without mean subtraction.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf([...FUSED.opTypes, 'ReduceMean'])) {
      if (FUSED.has(node)) {
        out.push({ anchor: node, nodes: [node.name], tags: ['fused'] });
        continue;
      }
      if (node.opType !== 'ReduceMean') continue;
      const sq = view.producer(node.inputs[0]);
      if (!sq) continue;
      const x = sq.inputs[0];
      const squares = (sq.opType === 'Pow' && view.floats(sq.inputs[1])?.[0] === 2) || (sq.opType === 'Mul' && sq.inputs[0] === sq.inputs[1]);
      if (!squares || isCentred(view, x)) continue;
      const chain: Node[] = [sq, node];
      let v = node.outputs[0];
      let scaled: Node | undefined;
      for (let i = 0; i < 5 && !scaled; i++) {
        const next = view.consumers(v);
        if (next.length !== 1) break;
        const n = next[0];
        chain.push(n);
        if ((n.opType === 'Mul' || n.opType === 'Div') && n.inputs.includes(x)) scaled = n;
        v = n.outputs[0];
      }
      if (scaled && chain.some((n) => n.opType === 'Sqrt' || n.opType === 'Reciprocal')) out.push({ anchor: node, nodes: names(...chain), tags: ['decomposed'] });
    }
    return out;
  },
});
