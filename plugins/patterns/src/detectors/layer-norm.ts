import type { Node } from '@autodoc/core';
import { names } from '../graph-view.js';
import { defineDetector, opSet, type PatternMatch } from './detector.js';

const FUSED = opSet(['ai.onnx::LayerNormalization', 'com.microsoft::LayerNormalization', 'com.microsoft::SkipLayerNormalization', 'com.microsoft::EmbedLayerNormalization']);

/**
 * LayerNorm, fused (LayerNormalization, ORT Skip/Embed LayerNormalization; tag `fused`) or decomposed
 * as PyTorch exports it below opset 17: ReduceMean(x) → Sub(x, mean) → Pow/Mul → ReduceMean → (Add ε) →
 * Sqrt → Div (tag `decomposed`).
 */
export default defineDetector({
  name: 'layer-norm',
  description: 'LayerNorm, fused op or decomposed (mean subtraction, variance, Sqrt, Div).',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf([...FUSED.opTypes, 'ReduceMean'])) {
      if (FUSED.has(node)) {
        out.push({ anchor: node, nodes: [node.name], tags: ['fused'] });
        continue;
      }
      if (node.opType !== 'ReduceMean') continue;
      const x = node.inputs[0];
      const sub = view.consumers(node.outputs[0]).find((n) => n.opType === 'Sub' && n.inputs[0] === x && n.inputs[1] === node.outputs[0]);
      if (!sub) continue;
      const d = sub.outputs[0];
      const users = view.consumers(d);
      const square = users.find((n) => n.opType === 'Pow' || (n.opType === 'Mul' && n.inputs[0] === d && n.inputs[1] === d));
      const divide = users.find((n) => n.opType === 'Div' || (n.opType === 'Mul' && n !== square));
      const variance = square && view.consumers(square.outputs[0]).find((n) => n.opType === 'ReduceMean');
      if (!variance || !divide) continue;
      const chain: Node[] = [node, sub, square as Node, variance];
      out.push({ anchor: node, nodes: names(...chain, divide), tags: ['decomposed'] });
    }
    return out;
  },
});
