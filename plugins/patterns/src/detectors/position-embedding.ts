import type { OnnxTensor, Value } from '@autodoc/core';
import { names } from '../graph-view.js';
import { defineDetector, type PatternMatch } from './detector.js';
import { indexInput, isPositionIndex, isTableLookup, SEGMENT_TABLE_ROWS } from './embedding-common.js';

/**
 * Learned absolute position embedding: Gather from a 2-D float table with indices built from Range or
 * sliced from a position-id initializer (tag `learned`); or a float initializer of shape
 * [1, positions, hidden] added to the activations (ViT `pos_embed`, tag `added`).
 */
export default defineDetector({
  name: 'position-embedding',
  description: 'Learned position embedding: Gather by Range/position ids, or a [1, P, h] table added to the tokens.',
  detect(view) {
    const out: PatternMatch[] = [];
    // Adds matter only when the graph has a [1, P, h] initializer to add (one look at the initializers).
    const ops = view.graph.initializers.some((v) => v.initializer && isAddedTableShape(v.initializer)) ? ['Gather', 'Add'] : ['Gather'];
    for (const node of view.nodesOf(ops)) {
      if (isTableLookup(view, node)) {
        const rows = view.weight(node, 0)?.dims[0] ?? 0;
        if (rows > SEGMENT_TABLE_ROWS && indexInput(view, node.inputs[1]) === undefined && isPositionIndex(view, node.inputs[1])) {
          out.push({ anchor: node, nodes: names(node), tags: ['learned'] });
        }
        continue;
      }
      if (node.opType !== 'Add') continue;
      // The first initializer operand and the first other one.
      let table: OnnxTensor | undefined;
      let other: Value | undefined;
      for (let i = 0, count = node.inputCount; i < count; i++) {
        const x = node.input(i);
        if (x?.initializer) table ??= x.initializer;
        else if (x) other ??= x;
      }
      if (!table || !other || !isAddedTableShape(table)) continue;
      // The other operand is a token sequence: it comes from a patch projection (Conv → Flatten/Transpose) or a Concat with a class token.
      if (!['Concat', 'Transpose', 'Reshape', 'Flatten'].includes(view.producerOp(other) ?? '')) continue;
      out.push({ anchor: node, nodes: names(node), tags: ['added'] });
    }
    return out;
  },
});

/** [1, P ≥ 2, h ≥ 8]: the shape of a position table added to the tokens. */
function isAddedTableShape(t: OnnxTensor): boolean {
  return t.dims.length === 3 && t.dims[0] === 1 && t.dims[1] >= 2 && t.dims[2] >= 8;
}
