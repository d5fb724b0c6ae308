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
    for (const node of view.nodesOf(['Gather', 'Add'])) {
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
      if (!table || !other || table.dims.length !== 3 || table.dims[0] !== 1 || table.dims[1] < 2 || table.dims[2] < 8) continue;
      // The other operand is a token sequence: it comes from a patch projection (Conv → Flatten/Transpose) or a Concat with a class token.
      if (!['Concat', 'Transpose', 'Reshape', 'Flatten'].includes(view.producerOp(other) ?? '')) continue;
      out.push({ anchor: node, nodes: names(node), tags: ['added'] });
    }
    return out;
  },
});
