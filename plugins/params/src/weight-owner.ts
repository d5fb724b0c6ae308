import type { Node, Value } from '@autodoc/core';

/** Ops a weight passes through on its way to the op that uses it (QDQ, casts, layout changes). */
const transparent = new Set(['DequantizeLinear', 'Identity', 'Cast', 'Transpose', 'Reshape', 'Unsqueeze', 'Squeeze', 'Flatten']);

/**
 * The node a weight belongs to for "by op type" and "by block" views: its first consumer, followed
 * through single-consumer transparent ops (a QDQ weight belongs to the Conv after DequantizeLinear).
 */
export function weightOwner(value: Value): Node | undefined {
  let node = value.consumers[0];
  for (let hops = 0; node && transparent.has(node.opType) && hops < 4; hops++) {
    const out = node.outputs[0];
    if (out?.consumers.length !== 1) break;
    node = out.consumers[0];
  }
  return node;
}
