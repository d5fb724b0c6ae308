/**
 * Reshape and Flatten. Reshape's target usually arrives as computed contents (Shape → Gather →
 * Concat), so its elements may be symbolic; `0` copies the input dim (unless allowzero), `-1` is
 * numel(input) / product(other dims), exact when that divides symbolically.
 */
import { AutodocError, defineOp, dims, type Dim, type OpNode } from '@autodoc/core';
import { invalid, passValue, tensorOut, unknownDim, unknownDims } from './tensor-common.js';

/** The output dims of a Reshape given its target contents. */
function reshapeDims(n: OpNode, target: readonly Dim[], allowZero: boolean): Dim[] {
  const input = n.input(0)?.dims;
  const out: Dim[] = [];
  let inferAt = -1;
  for (let k = 0; k < target.length; k++) {
    const t = target[k];
    if (t === 0 && !allowZero) {
      if (!input) out.push(unknownDim(n, 0, k));
      else if (k < input.length) out.push(input[k]);
      else throw invalid(n, `shape element ${k} is 0 (copy) but the input has rank ${input.length}.`);
    } else if (t === -1) {
      if (inferAt >= 0) throw invalid(n, 'the target shape has more than one -1.');
      inferAt = k;
      out.push(0); // filled below
    } else if (typeof t === 'number' && t < 0) {
      throw invalid(n, `shape element ${k} is ${t}.`);
    } else out.push(t);
  }
  if (inferAt >= 0) out[inferAt] = inferredDim(n, out, inferAt);
  return out;
}

/** numel(input) / product(other dims) for the -1 entry. */
function inferredDim(n: OpNode, out: readonly Dim[], at: number): Dim {
  const total = n.input(0)?.numel;
  if (total === undefined) return unknownDim(n, 0, at);
  const others = dims.product(out.filter((_, k) => k !== at));
  if (typeof others === 'number' && others === 0) {
    // -1 beside a 0 dim is ambiguous unless the input is empty; ONNX rejects it.
    throw invalid(n, 'cannot infer -1 when another target dim is 0.');
  }
  if (typeof total === 'number' && typeof others === 'number' && total % others !== 0) {
    throw invalid(n, `cannot reshape ${total} elements into a multiple of ${others}.`);
  }
  return dims.floorDiv(total, others);
}

/** Reshape (shape attribute in opset 1; shape input since 5; allowzero since 14). */
export const reshapeOp = defineOp({
  opType: 'Reshape',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    let target: readonly Dim[] | undefined;
    let rank: number | undefined;
    if (n.opset < 5) {
      target = n.attrInts('shape');
      if (!target)
        throw new AutodocError('SHAPE_ATTRIBUTE_MISSING', `Reshape "${n.name}": opset ${n.opset} needs the shape attribute.`, 'The node is malformed.');
    } else {
      const s = n.input(1);
      target = s?.value;
      const len = s?.dims?.[0];
      rank = typeof len === 'number' ? len : undefined;
    }
    if (!target) return [tensorOut(a?.dtype, rank === undefined ? undefined : unknownDims(n, 0, rank))];
    const allowZero = n.opset >= 14 && n.attrInt('allowzero', 0) === 1;
    return [tensorOut(a?.dtype, reshapeDims(n, target, allowZero), passValue(a))];
  },
  cost: 'free',
  examples: [
    {
      title: '0 copies, -1 infers',
      inputs: [['batch', 'seq', 32], { dtype: 'INT64', shape: [4], value: [0, 0, 4, -1] }],
      opset: 13,
      expect: { shapes: [['batch', 'seq', 4, 8]] },
    },
    {
      title: 'symbolic target',
      inputs: [['batch', 'seq', 32], { dtype: 'INT64', shape: [2], value: ['batch*seq', -1] }],
      opset: 13,
      expect: { shapes: [['batch*seq', 32]] },
    },
    {
      title: 'allowzero keeps 0',
      inputs: [[0, 3], { dtype: 'INT64', shape: [2], value: [3, 0] }],
      attrs: { allowzero: 1 },
      opset: 14,
      expect: { shapes: [[3, 0]] },
    },
  ],
  notes: 'A view change: no FLOPs.',
});

/** Flatten (since 1; negative axis since 11): [prod(d[:axis]), prod(d[axis:])]. */
export const flattenOp = defineOp({
  opType: 'Flatten',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    if (!d) return [tensorOut(a?.dtype, unknownDims(n, 0, 2))];
    let axis = n.attrInt('axis', 1);
    if (axis < 0) axis += d.length;
    if (axis < 0 || axis > d.length) throw invalid(n, `axis ${n.attrInt('axis', 1)} is out of range for rank ${d.length}.`);
    return [tensorOut(a?.dtype, [dims.product(d.slice(0, axis)), dims.product(d.slice(axis))], passValue(a))];
  },
  cost: 'free',
  examples: [
    { inputs: [['batch', 3, 4, 5]], expect: { shapes: [['batch', 60]] } },
    { title: 'axis 0', inputs: [[2, 3]], attrs: { axis: 0 }, expect: { shapes: [[1, 6]] } },
    { title: 'negative axis', inputs: [[2, 3, 4]], attrs: { axis: -1 }, opset: 11, expect: { shapes: [[6, 4]] } },
  ],
  notes: 'A view change: no FLOPs.',
});
