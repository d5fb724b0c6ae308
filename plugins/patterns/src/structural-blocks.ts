import { skipLinkOf } from '@autodoc/core';
import type { GraphView } from './graph-view.js';

/** Elementwise ops that close a residual block after its merge (ResNet's Relu after the Add). */
const TRAILING = new Set(['Relu', 'LeakyRelu', 'Clip', 'HardSwish', 'Sigmoid', 'Gelu', 'Swish']);

/**
 * Blocks for a graph without name scopes: each residual span (from the node after the skip's
 * source to the merge, plus a trailing activation) is a block `residual.N`; the runs of nodes
 * between spans are `segment.N`. Spans that overlap an earlier one extend it (dense connections).
 * One pass over the merges (Add/Sum, in graph order); the skip search is bounded per merge.
 */
export function structuralPaths(view: GraphView): string[] {
  const nodes = view.nodes;
  const spans: { start: number; end: number }[] = [];
  for (const node of view.nodesOf(['Add', 'Sum'])) {
    const link = skipLinkOf(node, view.isConstant);
    if (!link) continue;
    let start = (view.producer(link.source)?.index ?? -1) + 1;
    let end = node.index;
    const next = view.consumers(node.outputs[0]);
    if (next.length === 1 && TRAILING.has(next[0].opType) && next[0].index === end + 1) end++;
    const last = spans[spans.length - 1];
    if (last && start <= last.end) {
      // A skip that starts inside the previous span: nested or dense connection; grow the span,
      // unless the previous span is entirely inside this one (then this one replaces it).
      start = Math.min(start, last.start);
      spans.pop();
    }
    spans.push({ start, end });
  }
  const out = new Array<string>(nodes.length);
  let span = 0;
  let segment = 0;
  let inGap = false;
  // One label string per block, not one per node; `labelSpan` is the span it names (-1: a segment).
  let label = '';
  let labelSpan = -1;
  for (let i = 0; i < nodes.length; i++) {
    while (span < spans.length && spans[span].end < i) span++;
    const s = spans[span];
    if (s && i >= s.start && i <= s.end) {
      if (labelSpan !== span) label = `residual.${span}`;
      labelSpan = span;
      inGap = false;
    } else {
      if (!inGap) {
        segment++;
        label = `segment.${segment - 1}`;
        labelSpan = -1;
      }
      inGap = true;
    }
    out[i] = label;
  }
  return out;
}
