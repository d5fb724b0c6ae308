import { type Dim, type OpNode, dims } from '@autodoc/core';
import { expectSame } from './args.js';
import { broadcastShapes } from '@autodoc/core';

/** The output shape and contracted size K of a numpy-style matmul. */
export interface MatMulShape {
  readonly shape: Dim[];
  readonly k: Dim;
}

/**
 * numpy.matmul shapes with optional transposition of the last two axes (FusedMatMul's transA/transB):
 * 1-D operands are promoted ([K] → [1, K] for A, [K, 1] for B) and the promoted axis is dropped again;
 * batch axes broadcast. Returns undefined when either shape is unknown.
 */
export function matmulShape(n: OpNode, a: readonly Dim[] | undefined, b: readonly Dim[] | undefined, transA = false, transB = false): MatMulShape | undefined {
  if (!a || !b || a.length === 0 || b.length === 0) return undefined;
  const a2 = a.length === 1 ? [1, a[0]] : [...a];
  const b2 = b.length === 1 ? [b[0], 1] : [...b];
  if (transA && a.length > 1) swapLast(a2);
  if (transB && b.length > 1) swapLast(b2);
  const m = a2[a2.length - 2];
  const k = a2[a2.length - 1];
  const kb = b2[b2.length - 2];
  const nn = b2[b2.length - 1];
  expectSame(n, k, kb, 'the contracted dimensions of A and B differ');
  const batch = broadcastShapes([a2.slice(0, -2), b2.slice(0, -2)]) ?? [];
  const shape: Dim[] = [...batch];
  if (a.length > 1) shape.push(m);
  if (b.length > 1) shape.push(nn);
  return { shape, k: typeof k === 'number' ? k : kb };
}

function swapLast(s: Dim[]): void {
  const i = s.length - 1;
  [s[i - 1], s[i]] = [s[i], s[i - 1]];
}

/** MACs of a matmul: elements(Y) × K (docs/definitions.md). */
export function matmulMacs(shape: readonly Dim[], k: Dim): Dim {
  return dims.mul(dims.numel(shape), k);
}
