import type { Node, Value } from '@autodoc/core';
import type { GraphView } from '../graph-view.js';

/** Ops that carry indices unchanged in meaning (reshaping, casting). */
const INDEX_PASSTHROUGH = new Set(['Cast', 'Unsqueeze', 'Squeeze', 'Reshape', 'Flatten', 'Identity']);

/** An embedding lookup: Gather(table, indices) over a 2-D float initializer on axis 0. */
export function isTableLookup(view: GraphView, n: Node): boolean {
  if (n.opType !== 'Gather' || view.attrInt(n, 'axis', 0) !== 0) return false;
  const table = view.weight(n, 0);
  return table !== undefined && table.dims.length === 2 && [1, 10, 11, 16].includes(table.dataType);
}

/** The graph input the indices come from (through casts and reshapes), if any. */
export function indexInput(view: GraphView, v: Value | undefined): Value | undefined {
  for (let i = 0; i < 4 && v; i++) {
    if (v.kind === 'input') return v;
    const p = view.producer(v);
    if (!p || !INDEX_PASSTHROUGH.has(p.opType)) return undefined;
    v = p.inputs[0];
  }
  return undefined;
}

/** True when the indices are positions: built from Range, or cut from an integer initializer table. */
export function isPositionIndex(view: GraphView, v: Value | undefined): boolean {
  for (let i = 0; i < 6 && v; i++) {
    if (v.kind === 'initializer') return true;
    const p = view.producer(v);
    if (!p) return false;
    if (p.opType === 'Range' || p.opType === 'CumSum') return true;
    if (!['Slice', 'Expand', 'Add', 'Unsqueeze', 'Cast', 'Reshape', 'Identity', 'Squeeze'].includes(p.opType)) return false;
    v = p.inputs[0];
  }
  return false;
}

/** Tables with at most this many rows are segment (token-type) tables, not vocabularies or positions. */
export const SEGMENT_TABLE_ROWS = 16;
