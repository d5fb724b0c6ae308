/**
 * Joining two types a value may have (If's branches, a loop-carried value before and after one
 * iteration): equal dims stay, differing dims become a named unknown, differing ranks an unknown rank.
 * A sequence known to be empty has no element to join: it joins to the other sequence.
 */
import { dims, type Dim, type InferredType, isTensorType, type OpNode, type ValueType } from '@autodoc/core';
import { asInferred, unknownDim } from './tensor-common.js';

function sameValues(a: readonly Dim[] | undefined, b: readonly Dim[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => dims.equal(x, b[i]));
}

/**
 * A sequence of elements `s` joined with an empty sequence of element type `e`: the empty one has no
 * element, so the join's elements are `s` (dtype filled from `e`). Undefined when the element dtypes
 * or kinds clash: a malformed model, joined element by element as before.
 */
function joinWithEmpty(e: ValueType | undefined, s: ValueType | undefined): InferredType | undefined {
  if (!e || !s) return { kind: 'sequence', elem: s };
  if (e.kind !== s.kind) return undefined;
  if (isTensorType(e) && isTensorType(s)) {
    if (e.dtype !== undefined && s.dtype !== undefined && e.dtype !== s.dtype) return undefined;
    if (s.dtype === undefined) return { kind: 'sequence', elem: { ...s, dtype: e.dtype } };
  }
  return { kind: 'sequence', elem: s };
}

/** The join of two types of output `output` of `n`; undefined when either is unknown. */
export function mergeTypes(n: OpNode, output: number, a: InferredType | undefined, b: InferredType | undefined): InferredType | undefined {
  if (!a || !b) return undefined;
  if ((a.kind === 'tensor' || a.kind === 'sparse_tensor') && (b.kind === 'tensor' || b.kind === 'sparse_tensor')) {
    const dtype = a.dtype ?? b.dtype;
    let shape: Dim[] | undefined;
    if (a.shape && b.shape && a.shape.length === b.shape.length) {
      const bs = b.shape;
      shape = a.shape.map((d, k) => (dims.equal(d, bs[k]) ? d : unknownDim(n, output, k)));
    }
    const merged: InferredType = { kind: a.kind, dtype, shape };
    return sameValues(a.value, b.value) ? { ...merged, value: a.value } : merged;
  }
  if (a.kind === 'sequence' && b.kind === 'sequence') {
    const joined = a.empty === b.empty ? undefined : a.empty ? joinWithEmpty(a.elem, b.elem) : joinWithEmpty(b.elem, a.elem);
    if (joined) return joined;
    const elem = mergeTypes(n, output, a.elem && asInferred(a.elem), b.elem && asInferred(b.elem));
    return a.empty && b.empty ? { kind: 'sequence', elem, empty: true } : { kind: 'sequence', elem };
  }
  if (a.kind === 'optional' && b.kind === 'optional')
    return { kind: 'optional', elem: mergeTypes(n, output, a.elem && asInferred(a.elem), b.elem && asInferred(b.elem)) };
  return a.kind === b.kind ? a : undefined;
}

/** Structural equality of two joined types (to stop iterating a loop body). */
export function sameType(a: InferredType | undefined, b: InferredType | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  if ((a.kind === 'tensor' || a.kind === 'sparse_tensor') && (b.kind === 'tensor' || b.kind === 'sparse_tensor')) {
    if (a.dtype !== b.dtype) return false;
    if (!a.shape || !b.shape) return a.shape === b.shape;
    const bs = b.shape;
    return a.shape.length === bs.length && a.shape.every((d, k) => dims.equal(d, bs[k]));
  }
  if (a.kind === 'sequence' && b.kind === 'sequence' && a.empty !== b.empty) return false;
  if ((a.kind === 'sequence' || a.kind === 'optional') && (b.kind === 'sequence' || b.kind === 'optional'))
    return sameType(a.elem && asInferred(a.elem), b.elem && asInferred(b.elem));
  return true;
}

/** The type without known contents (what a loop-carried value is known to be on every iteration). */
export function withoutValue(t: InferredType | undefined): InferredType | undefined {
  if (!t || !('value' in t) || t.value === undefined) return t;
  const { value: _drop, ...rest } = t;
  return rest as InferredType;
}

/**
 * The types of loop-carried values on every iteration: starts from the initial types and joins each
 * body output with its input until nothing changes (at most a few rounds: each join only turns known
 * dims into named unknowns). `outputOffset` maps carried value i to node output i (for unknown names)
 * and `bodyOffset` to body output `bodyOffset + i`.
 */
export function fixCarried(
  n: OpNode,
  initial: readonly (InferredType | undefined)[],
  run: (carried: readonly (InferredType | undefined)[]) => (InferredType | undefined)[],
  bodyOffset: number,
): { carried: (InferredType | undefined)[]; outputs: (InferredType | undefined)[] } {
  let carried = initial.map(withoutValue);
  let outputs = run(carried);
  for (let round = 0; round < 4; round++) {
    const next = carried.map((t, i) => mergeTypes(n, i, t, withoutValue(outputs[bodyOffset + i])));
    if (next.every((t, i) => sameType(t, carried[i]))) return { carried, outputs };
    carried = next;
    outputs = run(carried);
  }
  // Not settled (a body that keeps growing a rank): claim nothing about the carried shapes.
  carried = carried.map((t) => (t && (t.kind === 'tensor' || t.kind === 'sparse_tensor') ? { kind: t.kind, dtype: t.dtype, shape: undefined } : undefined));
  return { carried, outputs: run(carried) };
}
