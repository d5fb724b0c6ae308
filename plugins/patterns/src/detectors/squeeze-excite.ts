import type { Node, Value } from '@autodoc/core';
import { type GraphView, names } from '../graph-view.js';
import { defineDetector, type PatternMatch } from './detector.js';

const GATES = new Set(['Sigmoid', 'HardSigmoid']);
const SQUEEZE_OPS = new Set(['GlobalAveragePool', 'ReduceMean']);

/** Walks forward along single consumers until `stop` holds, collecting the nodes passed. */
function forward(view: GraphView, v: Value | undefined, stop: (n: Node) => boolean, passed: Node[], limit = 8): Node | undefined {
  for (let i = 0; i < limit; i++) {
    const c = view.consumers(v);
    if (c.length !== 1) return undefined;
    const n = c[0];
    passed.push(n);
    if (stop(n)) return n;
    v = n.outputs[0];
  }
  return undefined;
}

/**
 * Squeeze-and-excitation: global pooling of x → two small layers → Sigmoid/HardSigmoid gate →
 * Mul with x itself (SENet, MobileNetV3, EfficientNet).
 */
export default defineDetector({
  name: 'squeeze-excite',
  description: 'Squeeze-and-excitation: global pool → 2 small layers → sigmoid gate → channel-wise Mul with the input.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const pool of view.nodesOf(SQUEEZE_OPS)) {
      if (!SQUEEZE_OPS.has(pool.opType)) continue;
      const x = pool.inputs[0];
      const passed: Node[] = [pool];
      const gate = forward(view, pool.outputs[0], (n) => GATES.has(n.opType), passed);
      if (!gate) continue;
      const layers = passed.filter((n) => view.isWeighted(n)).length;
      if (layers < 1) continue;
      const mul = view.consumers(gate.outputs[0]).find((n) => n.opType === 'Mul' && n.inputs.includes(x));
      if (mul) out.push({ anchor: pool, nodes: names(...passed, mul), tags: [] });
    }
    return out;
  },
});
