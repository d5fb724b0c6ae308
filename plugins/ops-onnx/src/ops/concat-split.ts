/** Concat and Split along one axis; contents concatenated/split when known (shape vectors). */
import { defineOp, dims, type Dim, type InferredType, type OpNode, type TensorArg } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { concrete, intListArg, invalid, MAX_FOLD_ELEMENTS, productOf, tensorOut, unknownDim } from './tensor-common.js';

/** Concatenated contents: per outer index, each input's contiguous chunk in turn. */
function concatValues(args: readonly TensorArg[], axis: number): Dim[] | undefined {
  const out: Dim[] = [];
  let outer = -1;
  const chunks: number[] = [];
  for (const a of args) {
    const d = concrete(a.dims);
    if (!a.value || !d || productOf(d) !== a.value.length) return undefined;
    const o = productOf(d.slice(0, axis));
    if (outer >= 0 && o !== outer) return undefined;
    outer = o;
    chunks.push(productOf(d.slice(axis)));
  }
  if (chunks.reduce((s, c) => s + c, 0) * Math.max(outer, 0) > MAX_FOLD_ELEMENTS) return undefined;
  for (let o = 0; o < outer; o++) {
    args.forEach((a, i) => {
      const c = chunks[i];
      for (let k = 0; k < c; k++) out.push((a.value as readonly Dim[])[o * c + k]);
    });
  }
  return out;
}

/** Concat (axis optional, default 1, in opset 1; required since 4; negative since 11). */
export const concatOp = defineOp({
  opType: 'Concat',
  since: 1,
  shape: (n) => {
    const args: TensorArg[] = [];
    for (let i = 0; i < n.inputCount; i++) {
      const a = n.input(i);
      if (a) args.push(a);
    }
    const known = args.find((a) => a.dims);
    const dtype = args.find((a) => a.dtype)?.dtype;
    if (!known?.dims) return [tensorOut(dtype, undefined)];
    const rank = known.dims.length;
    const axis = normalizeAxis(n.attrInt('axis', n.opset < 4 ? 1 : 0), rank, 'Concat');
    const out: Dim[] = [];
    for (let k = 0; k < rank; k++) {
      if (k === axis) continue;
      // Prefer a number: a symbolic dim must equal it for the node to run.
      let pick: Dim | undefined;
      for (const a of args) {
        const d = a.dims?.[k];
        if (d === undefined) continue;
        if (a.dims?.length !== rank) throw invalid(n, `inputs have ranks ${rank} and ${a.dims?.length}.`);
        if (typeof d === 'number') {
          if (typeof pick === 'number' && pick !== d) throw invalid(n, `inputs differ in dim ${k}: ${pick} vs ${d}.`);
          pick = d;
        } else if (pick === undefined) pick = d;
      }
      out[k] = pick as Dim;
    }
    const allKnown = args.every((a) => a.dims);
    out[axis] = allKnown ? dims.sum(args.map((a) => (a.dims as readonly Dim[])[axis])) : unknownDim(n, 0, axis);
    const value = allKnown && args.every((a) => a.value) ? concatValues(args, axis) : undefined;
    return [tensorOut(dtype, out, value)];
  },
  cost: 'free',
  examples: [
    {
      inputs: [
        ['batch', 'past', 8],
        ['batch', 'seq', 8],
      ],
      attrs: { axis: 1 },
      opset: 13,
      expect: { shapes: [['batch', 'past + seq', 8]] },
    },
    {
      title: 'shape vectors',
      inputs: [
        { dtype: 'INT64', shape: [1], value: ['batch'] },
        { dtype: 'INT64', shape: [2], value: [-1, 8] },
      ],
      attrs: { axis: 0 },
      opset: 13,
      expect: { shapes: [[3]] },
    },
  ],
  notes: 'Counted as data movement (a copy): no FLOPs.',
});

/** The split sizes: from the `split` attribute (< 13) or input (≥ 13), else equal parts. */
function splitSizes(n: OpNode, d: Dim, count: number): (Dim | undefined)[] {
  const given = n.opset < 13 ? (n.attrInts('split') ?? (n.opset < 2 ? intListArg(n, 'split', 1, 1) : 'absent')) : intListArg(n, 'split', 1, 13);
  if (given === 'unknown') return new Array(count).fill(undefined);
  if (given !== 'absent') {
    if (given.length !== count) throw invalid(n, `split has ${given.length} entries for ${count} outputs.`);
    if (typeof d === 'number' && given.reduce((s, x) => s + x, 0) !== d) throw invalid(n, `split [${given.join(', ')}] does not sum to ${d}.`);
    return [...given];
  }
  const numOutputs = n.opset >= 18 ? n.attrInt('num_outputs') : undefined;
  if (numOutputs !== undefined) {
    // Opset 18: chunks of ceil(d / n); the last one takes what is left (smaller when uneven).
    if (numOutputs !== count) throw invalid(n, `num_outputs is ${numOutputs} but the node has ${count} outputs.`);
    const chunk = dims.ceilDiv(d, count);
    return Array.from({ length: count }, (_, i) => (i < count - 1 ? chunk : dims.sub(d, dims.mul(chunk, count - 1))));
  }
  if (typeof d === 'number' && d % count !== 0) throw invalid(n, `dim ${d} does not split into ${count} equal parts.`);
  return new Array(count).fill(dims.floorDiv(d, count));
}

/** Split (since 1; split attribute 2–12, input since 13; num_outputs since 18). */
export const splitOp = defineOp({
  opType: 'Split',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const count = n.outputCount;
    const d = a?.dims;
    if (!d) return new Array<InferredType>(count).fill(tensorOut(a?.dtype, undefined));
    const axis = normalizeAxis(n.attrInt('axis', 0), d.length, 'Split');
    const sizes = splitSizes(n, d[axis], count);
    const flat = a?.value && d.length === 1 ? a.value : undefined;
    let offset = 0;
    return sizes.map((size, i) => {
      const shape = d.map((x, k) => (k === axis ? (size ?? unknownDim(n, i, k)) : x));
      let value: Dim[] | undefined;
      if (flat && typeof size === 'number' && offset >= 0) value = flat.slice(offset, offset + size);
      offset = typeof size === 'number' && offset >= 0 ? offset + size : -1;
      return tensorOut(a?.dtype, shape, value);
    });
  },
  cost: 'free',
  examples: [
    {
      title: 'equal parts',
      inputs: [['batch', 'seq', 96]],
      attrs: { axis: 2 },
      opset: 13,
      expect: {
        shapes: [
          ['batch', 'seq', 32],
          ['batch', 'seq', 32],
          ['batch', 'seq', 32],
        ],
      },
    },
    {
      title: 'split input',
      inputs: [[6, 4], { dtype: 'INT64', shape: [2], value: [2, 4] }],
      opset: 13,
      expect: {
        shapes: [
          [2, 4],
          [4, 4],
        ],
      },
    },
    { title: 'num_outputs, uneven last chunk', inputs: [[7]], attrs: { num_outputs: 3 }, opset: 18, expect: { shapes: [[3], [3], [1]] } },
  ],
  notes: 'Counted as data movement (a copy): no FLOPs.',
});
