/**
 * Softmax, LogSoftmax and Hardmax. The output has the input's shape and dtype. The axis semantics
 * changed at opset 13: before, the input is coerced to 2-D [prod(dims[:axis]), prod(dims[axis:])] and
 * the op runs over each row of that matrix (axis default 1); from 13, it runs along the one axis
 * `axis` (default −1). The shape does not change either way; the cost's per-row term does.
 */
import { defineOp, dims, type Dim, type OpDefinition, type OpNode } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { inNumel, outNumel, sameAs } from './general-common.js';

/** Number of independent rows the op normalises over (each row gets one log in LogSoftmax). */
export function softmaxRows(n: OpNode): Dim {
  const shape = n.input(0)?.dims;
  if (!shape) return inNumel(n); // throws COST_SHAPE_UNKNOWN: rows need the input shape
  if (shape.length === 0) return 1;
  const axis = axisOf(n, shape.length);
  // < 13: rows = prod(dims[:axis]); ≥ 13: rows = numel / dims[axis] = product of the other dims.
  return n.opset < 13 ? dims.product(shape.slice(0, axis)) : dims.product(shape.filter((_, i) => i !== axis));
}

/**
 * The normalised axis. Before 13 the 2-D coercion [prod(:axis), prod(axis:)] also accepts axis = rank
 * (a [N, 1] matrix: the default axis 1 on a 1-D input), so that one value is allowed there.
 */
function axisOf(n: OpNode, rank: number): number {
  const legacy = n.opset < 13;
  const raw = n.attrInt('axis', legacy ? 1 : -1);
  if (legacy && raw === rank) return rank;
  return normalizeAxis(raw, rank, n.opType);
}

function checkAxis(n: OpNode): void {
  const rank = n.input(0)?.rank;
  if (rank !== undefined && rank > 0) axisOf(n, rank);
}

const legacyNote = 'Before opset 13 the input is coerced to 2-D at `axis` (default 1); from 13 the op runs along `axis` (default −1).';

export const softmax = defineOp({
  opType: 'Softmax',
  since: 1,
  shape: (n) => { checkAxis(n); return [sameAs(n)]; },
  cost: (n) => ({ flops: dims.mul(5, outNumel(n)) }),
  examples: [
    { title: 'opset 13, axis −1', opset: 13, inputs: [['batch', 4, 10]], expect: { shapes: [['batch', 4, 10]], flops: '200*batch' } },
    { title: 'opset 11, coerced 2-D', opset: 11, inputs: [[2, 3, 4]], attrs: { axis: 1 }, expect: { shapes: [[2, 3, 4]], flops: 120 } },
  ],
  notes: `${legacyNote} Cost: 5 FLOPs per element — max, subtract, exp, sum, divide (its function body; the max subtraction is the numerically stable form).`,
});

export const logSoftmax = defineOp({
  opType: 'LogSoftmax',
  since: 1,
  shape: (n) => { checkAxis(n); return [sameAs(n)]; },
  cost: (n) => ({ flops: dims.add(dims.mul(5, outNumel(n)), softmaxRows(n)) }),
  examples: [
    // [2,3,4] at opset 13, axis −1: 24 elements × 5 + 6 rows (2·3) × 1 log = 126.
    { title: 'opset 13, axis −1', opset: 13, inputs: [[2, 3, 4]], expect: { shapes: [[2, 3, 4]], flops: 126 } },
    // opset 11, axis 1: 2-D [2, 12] → 2 rows: 120 + 2 = 122.
    { title: 'opset 11, coerced 2-D', opset: 11, inputs: [[2, 3, 4]], attrs: { axis: 1 }, expect: { shapes: [[2, 3, 4]], flops: 122 } },
  ],
  notes: `${legacyNote} Cost: x − max − log(sum(exp(x − max))): 5 FLOPs per element (max, subtract, exp, sum, subtract) + 1 log per row.`,
});

export const hardmax = defineOp({
  opType: 'Hardmax',
  since: 1,
  shape: (n) => { checkAxis(n); return [sameAs(n)]; },
  cost: (n) => ({ flops: outNumel(n) }),
  examples: [{ title: 'opset 13', opset: 13, inputs: [[3, 4]], expect: { shapes: [[3, 4]], flops: 12 } }],
  notes: `${legacyNote} Cost: 1 comparison per element (the arg max along the axis); writing the one-hot result is not arithmetic.`,
});

/** Softmax, LogSoftmax, Hardmax. */
export const softmaxOps: OpDefinition[] = [softmax, logSoftmax, hardmax];
