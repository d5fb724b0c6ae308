import { AutodocError } from '@autodoc/core';

/** Normalises a possibly negative axis against a rank, as ONNX does (`-1` = last). */
export function normalizeAxis(axis: number, rank: number, opType = 'op'): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) {
    throw new AutodocError('SHAPE_INVALID_AXIS', `${opType}: axis ${axis} is out of range for rank ${rank}.`, 'The node has an invalid axis attribute or input; the model will fail at run time.');
  }
  return a;
}

/** Normalises a list of axes; duplicates are an error. */
export function normalizeAxes(axes: readonly number[], rank: number, opType = 'op'): number[] {
  const out = axes.map((a) => normalizeAxis(a, rank, opType));
  if (new Set(out).size !== out.length) {
    throw new AutodocError('SHAPE_INVALID_AXIS', `${opType}: repeated axis in [${axes.join(', ')}].`, 'Each axis may appear once.');
  }
  return out;
}
