import { type Node, skipLinkOf, type Value } from '@autodoc/core';
import { type GraphView, names } from '../graph-view.js';
import { ACTIVATIONS } from './conv-bn.js';
import { isDepthwise, isPointwise, skipNormAct } from './depthwise-separable.js';
import { defineDetector, type PatternMatch } from './detector.js';

/** The Conv behind `v`, walking back through BatchNormalization and activations. */
function convBehind(view: GraphView, v: Value | undefined): Node | undefined {
  for (let i = 0; i < 4 && v; i++) {
    const p = view.producer(v);
    if (!p) return undefined;
    if (p.opType === 'Conv') return p;
    if (p.opType !== 'BatchNormalization' && !ACTIVATIONS.has(p.opType)) return undefined;
    v = p.inputs[0];
  }
  return undefined;
}

/**
 * MobileNetV2 inverted residual: pointwise expand → depthwise → pointwise project to fewer channels
 * than the expansion (tag `residual` when the projection is merged with a skip connection).
 */
export default defineDetector({
  name: 'inverted-residual',
  description: 'Inverted residual (MobileNetV2): 1×1 expand, depthwise, 1×1 linear projection to fewer channels.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const dw of view.nodesOf(['Conv'])) {
      if (!isDepthwise(view, dw)) continue;
      const expand = convBehind(view, dw.inputs[0]);
      if (!expand || !isPointwise(view, expand)) continue;
      const project = skipNormAct(view, dw.outputs[0]);
      if (!project || !isPointwise(view, project)) continue;
      const wide = view.weight(expand, 1)?.dims[0];
      const narrow = view.weight(project, 1)?.dims[0];
      if (wide === undefined || narrow === undefined || narrow >= wide) continue;
      // The projection is linear: its output (after an optional BN) feeds the merge or the next block.
      let v = project.outputs[0];
      const bn = view.consumers(v).find((n) => n.opType === 'BatchNormalization');
      if (bn) v = bn.outputs[0];
      const merge = view.consumers(v).find((n) => (n.opType === 'Add' || n.opType === 'Sum') && skipLinkOf(n, view.isConstant) !== undefined);
      out.push({ anchor: dw, nodes: names(expand, dw, project, merge), tags: merge ? ['residual'] : [] });
    }
    return out;
  },
});
