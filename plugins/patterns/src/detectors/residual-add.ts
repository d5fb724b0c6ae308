import { skipLinkOf } from '@autodoc/core';
import { names } from '../graph-view.js';
import { defineDetector, type PatternMatch } from './detector.js';

/**
 * An Add (or Sum) that merges a shortcut into a branch that started from the same tensor: tag
 * `identity` when the shortcut is the tensor itself, `projection` when it passes through a 1×1 Conv,
 * MatMul or pooling first (ResNet downsample).
 */
export default defineDetector({
  name: 'residual-add',
  description: 'Residual connection: Add/Sum of a branch and a shortcut (identity or projection) from the same tensor.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf(['Add', 'Sum'])) {
      if (node.opType !== 'Add' && node.opType !== 'Sum') continue;
      const link = skipLinkOf(node, view.isConstant);
      if (!link) continue;
      out.push({ anchor: node, nodes: names(view.producer(link.branch), view.producer(link.skip), node), tags: [link.kind] });
    }
    return out;
  },
});
