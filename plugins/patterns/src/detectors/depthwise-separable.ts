import type { Node, Value } from '@autodoc/core';
import { type GraphView, names } from '../graph-view.js';
import { ACTIVATIONS } from './conv-bn.js';
import { defineDetector, type PatternMatch } from './detector.js';

/** A depthwise Conv: `group` equals the input channels, so each filter sees one channel (weight [C·m, 1, k, k]). */
export function isDepthwise(view: GraphView, conv: Node): boolean {
  if (conv.opType !== 'Conv') return false;
  const group = view.attrInt(conv, 'group', 1);
  const w = view.weight(conv, 1);
  return group > 1 && w !== undefined && w.dims.length >= 3 && w.dims[1] === 1;
}

/** A pointwise Conv: 1×1 kernel, group 1. */
export function isPointwise(view: GraphView, conv: Node): boolean {
  if (conv.opType !== 'Conv' || view.attrInt(conv, 'group', 1) !== 1) return false;
  const w = view.weight(conv, 1);
  return w !== undefined && w.dims.length >= 3 && w.dims.slice(2).every((k) => k === 1);
}

/** Follows single consumers through BatchNormalization and activations; returns the next other node. */
export function skipNormAct(view: GraphView, v: Value | undefined, passed: Node[] = []): Node | undefined {
  for (let i = 0; i < 4; i++) {
    const c = view.consumers(v);
    if (c.length !== 1) return undefined;
    const n = c[0];
    if (n.opType !== 'BatchNormalization' && !ACTIVATIONS.has(n.opType)) return n;
    passed.push(n);
    v = n.outputs[0];
  }
  return undefined;
}

/** Depthwise Conv followed (through BN/activation) by a pointwise 1×1 Conv (MobileNet, Xception). */
export default defineDetector({
  name: 'depthwise-separable',
  description: 'Depthwise Conv (group = channels) followed by a pointwise 1×1 Conv.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const dw of view.nodesOf(['Conv'])) {
      if (!isDepthwise(view, dw)) continue;
      const passed: Node[] = [];
      const pw = skipNormAct(view, dw.outputs[0], passed);
      if (pw && isPointwise(view, pw)) out.push({ anchor: dw, nodes: names(dw, ...passed, pw), tags: [] });
    }
    return out;
  },
});
