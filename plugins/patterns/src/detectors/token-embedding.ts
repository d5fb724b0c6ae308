import { names } from '../graph-view.js';
import { defineDetector, type PatternMatch } from './detector.js';
import { indexInput, isPositionIndex, isTableLookup, SEGMENT_TABLE_ROWS } from './embedding-common.js';

/**
 * Token embedding: Gather from a 2-D float table indexed by a graph input (token ids), or ORT's
 * EmbedLayerNormalization (tag `fused`). A small table (≤ 16 rows) looked up with position-like or
 * constant indices is a segment (token-type) embedding (tag `segment`). Tag `tied` when a MatMul
 * reuses the table as the output projection.
 */
export default defineDetector({
  name: 'token-embedding',
  description: 'Token embedding lookup (Gather from a [vocab, hidden] table by token ids), fused or segment variants.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf(['EmbedLayerNormalization', 'Gather'])) {
      if (node.domain === 'com.microsoft' && node.opType === 'EmbedLayerNormalization') {
        out.push({ anchor: node, nodes: [node.name], tags: ['fused'] });
        continue;
      }
      if (!isTableLookup(view, node)) continue;
      const table = view.weight(node, 0);
      const rows = table?.dims[0] ?? 0;
      const byIds = indexInput(view, node.inputs[1]) !== undefined;
      const segment = !byIds && rows <= SEGMENT_TABLE_ROWS && isPositionIndex(view, node.inputs[1]);
      if (!byIds && !segment) continue;
      const tags = [byIds ? 'token' : 'segment'];
      const tableValue = node.inputs[0];
      const tiedUse = view.nodesOf(['MatMul', 'Gemm']).find((n) => (n.opType === 'MatMul' || n.opType === 'Gemm') && n !== node && view.weight(n, 1) === table && tableValue !== undefined);
      if (byIds && tiedUse) tags.push('tied');
      out.push({ anchor: node, nodes: names(node, byIds ? tiedUse : undefined), tags });
    }
    return out;
  },
});
