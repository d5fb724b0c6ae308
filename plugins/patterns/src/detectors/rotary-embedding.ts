import type { Node } from '@autodoc/core';
import { type GraphView, names } from '../graph-view.js';
import { defineDetector, opSet, type PatternMatch } from './detector.js';

const FUSED = opSet(['ai.onnx::RotaryEmbedding', 'com.microsoft::RotaryEmbedding']);

/** The tensor a half was cut from: the Slice's data input, or the Split node itself. */
function halfSource(view: GraphView, v: Node['inputs'][number]): unknown {
  const p = view.producer(v);
  if (!p) return undefined;
  if (p.opType === 'Slice') return p.inputs[0];
  if (p.opType === 'Split') return p;
  return undefined;
}

/**
 * Rotary position embedding. Fused: RotaryEmbedding (ai.onnx 23, ORT), or GroupQueryAttention with
 * do_rotary (tag `fused`). Unfused: rotate_half — Concat(Neg(x₂), x₁) of two halves of the same x,
 * multiplied by sin (tag `unfused`).
 */
export default defineDetector({
  name: 'rotary-embedding',
  description: 'Rotary position embedding: RotaryEmbedding op, or rotate_half (Concat(−x₂, x₁)) times sin.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf([...FUSED.opTypes, 'GroupQueryAttention', 'Concat'])) {
      if (FUSED.has(node) || (node.opType === 'GroupQueryAttention' && node.domain === 'com.microsoft' && view.attrInt(node, 'do_rotary', 0) === 1)) {
        out.push({ anchor: node, nodes: [node.name], tags: ['fused'] });
        continue;
      }
      if (node.opType !== 'Concat' || node.inputs.length !== 2) continue;
      const neg = view.producer(node.inputs[0]);
      if (neg?.opType !== 'Neg') continue;
      const a = halfSource(view, neg.inputs[0]);
      const b = halfSource(view, node.inputs[1]);
      if (a === undefined || a !== b) continue;
      const mul = view.consumers(node.outputs[0]).find((n) => n.opType === 'Mul');
      if (mul) out.push({ anchor: node, nodes: names(neg, node, mul), tags: ['unfused'] });
    }
    return out;
  },
});
