import type { Value } from '@autodoc/core';
import type { GraphView } from '../graph-view.js';

const UPSAMPLERS = new Set(['Resize', 'Upsample', 'ConvTranspose', 'DepthToSpace']);
const CARRY = new Set(['Conv', 'BatchNormalization', 'Relu', 'LeakyRelu', 'Sigmoid', 'Cast', 'Identity', 'Mul', 'HardSwish', 'Swish']);

/** Whether the view's graph has any upsampling op: without one, nothing is upsampled. */
export function hasUpsamplers(view: GraphView): boolean {
  for (const op of UPSAMPLERS) if (view.nodesOf([op]).length > 0) return true;
  return false;
}

/** True when `v` comes from an upsampling op, directly or through up to `depth` Conv/BN/activation ops. */
export function isUpsampled(view: GraphView, v: Value | undefined, depth = 2): boolean {
  for (let i = 0; i <= depth && v; i++) {
    const p = view.producer(v);
    if (!p) return false;
    if (UPSAMPLERS.has(p.opType)) return true;
    if (!CARRY.has(p.opType)) return false;
    v = p.inputs[0];
  }
  return false;
}
