/**
 * Slice: bounds from attributes (opset 1) or inputs (since 10), negative and clamped bounds, INT_MAX
 * sentinels, steps, and symbolic bounds (`ends = sequence` from Shape → Gather) with min/max clamping
 * that is exact for every value of the symbols (symbols are dims, so ≥ 0).
 */
import { defineOp, dims, type Dim, type OpNode } from '@autodoc/core';
import { normalizeAxes } from '../util/axes.js';
import { clampNonNegative, concrete, invalid, knownNonNegative, MAX_FOLD_ELEMENTS, productOf, tensorOut, unknownDim } from './tensor-common.js';

/** Bounds at or beyond this magnitude mean "to the end" (exporters write INT64_MAX or INT32_MAX). */
const HUGE = 2 ** 31 - 1;

/** a ≥ b for every value of the symbols, as far as can be shown. */
function provablyAtLeast(a: Dim, b: Dim): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a >= b;
  const c = dims.tryCompare(a, b);
  if (c !== undefined) return c >= 0;
  return knownNonNegative(dims.sub(a, b));
}

/** min(max(x, lo), hi), with each wrapper left out when it provably does nothing. */
function clamp(x: Dim, lo: Dim, hi: Dim): Dim {
  let r = x;
  if (!provablyAtLeast(r, lo)) r = provablyAtLeast(lo, r) ? lo : dims.max(r, lo);
  if (!provablyAtLeast(hi, r)) r = provablyAtLeast(r, hi) ? hi : dims.min(r, hi);
  return r;
}

/** A bound as ONNX reads it: negatives count from the end; symbolic bounds are taken as ≥ 0. */
function normalizeBound(b: Dim, d: Dim, step: number): Dim | undefined {
  if (typeof b === 'number') {
    if (b >= HUGE) return step > 0 ? d : dims.sub(d, 1);
    if (b <= -HUGE) return step > 0 ? 0 : -1;
    return b < 0 ? dims.add(b, d) : b;
  }
  // A symbolic bound that might be negative would count from the end: we cannot tell which.
  return knownNonNegative(b) ? b : undefined;
}

/** Length of the slice of a dim `d` from `s` to `e` by `step`; undefined when it cannot be told. */
export function sliceLength(d: Dim, s: Dim, e: Dim, step: number): Dim | undefined {
  if (step === 0) return undefined;
  if (typeof d === 'number' && typeof s === 'number' && typeof e === 'number') {
    let a = s < 0 ? s + d : s;
    let b = e < 0 ? e + d : e;
    if (step > 0) {
      a = Math.min(Math.max(a, 0), d);
      b = Math.min(Math.max(b, 0), d);
    } else {
      a = Math.min(Math.max(a, 0), d - 1);
      b = Math.min(Math.max(b, -1), d - 1);
    }
    return Math.max(0, Math.ceil((b - a) / step)) + 0;
  }
  const ns = normalizeBound(s, d, step);
  const ne = normalizeBound(e, d, step);
  if (ns === undefined || ne === undefined) return undefined;
  // Clamping to one interval is monotone, so bounds in order before clamping stay in order after.
  if (step > 0) {
    const a = clamp(ns, 0, d);
    const b = clamp(ne, 0, d);
    return clampNonNegativeDiff(b, a, step, provablyAtLeast(ne, ns));
  }
  const a = clamp(ns, 0, dims.sub(d, 1));
  const b = clamp(ne, -1, dims.sub(d, 1));
  return clampNonNegativeDiff(a, b, -step, provablyAtLeast(ns, ne));
}

/** max(0, ceil((hi − lo) / k)), without the max when hi ≥ lo is known or provable. */
function clampNonNegativeDiff(hi: Dim, lo: Dim, k: number, ordered: boolean): Dim {
  const diff = dims.sub(hi, lo);
  const len = k === 1 ? diff : dims.ceilDiv(diff, k);
  return ordered || provablyAtLeast(hi, lo) ? len : clampNonNegative(len);
}

interface SliceArgs {
  starts: readonly Dim[];
  ends: readonly Dim[];
  axes: readonly number[];
  steps: readonly (number | undefined)[];
}

/** Starts/ends/axes/steps, or 'unknown-all' / a set of axes whose bounds are unknown. */
function sliceArgs(n: OpNode, rank: number): SliceArgs | { unknownAxes: readonly number[] | 'all' } {
  if (n.opset < 10) {
    const starts = n.attrInts('starts') ?? [];
    const ends = n.attrInts('ends') ?? [];
    const axes = normalizeAxes(n.attrInts('axes') ?? starts.map((_, i) => i), rank, 'Slice');
    return { starts, ends, axes, steps: starts.map(() => 1) };
  }
  const axesArg = n.input(3);
  let axes: number[] | undefined;
  if (axesArg) {
    const v = axesArg.value;
    if (v?.every((x) => typeof x === 'number')) axes = normalizeAxes(v as number[], rank, 'Slice');
  }
  const starts = n.input(1)?.value;
  const ends = n.input(2)?.value;
  const stepsArg = n.input(4);
  const steps = stepsArg ? stepsArg.value?.map((x) => (typeof x === 'number' ? x : undefined)) : undefined;
  if (!starts || !ends || (stepsArg && !steps) || (axesArg && !axes)) {
    return { unknownAxes: axes ?? 'all' };
  }
  if (starts.length !== ends.length) throw invalid(n, `starts has ${starts.length} entries, ends ${ends.length}.`);
  return { starts, ends, axes: axes ?? starts.map((_, i) => i), steps: steps ?? starts.map(() => 1) };
}

/** Slices known contents (concrete dims, numeric bounds); undefined otherwise. */
function sliceValue(value: readonly Dim[], shape: readonly number[], args: SliceArgs): Dim[] | undefined {
  const starts = shape.map(() => 0);
  const steps = shape.map(() => 1);
  const lens = [...shape];
  for (let i = 0; i < args.axes.length; i++) {
    const ax = args.axes[i];
    const d = shape[ax];
    const s = args.starts[i];
    const e = args.ends[i];
    const k = args.steps[i];
    if (typeof s !== 'number' || typeof e !== 'number' || k === undefined || k === 0) return undefined;
    let a = s < 0 ? s + d : s;
    a = k > 0 ? Math.min(Math.max(a, 0), d) : Math.min(Math.max(a, 0), d - 1);
    starts[ax] = a;
    steps[ax] = k;
    lens[ax] = sliceLength(d, s, e, k) as number;
  }
  const total = productOf(lens);
  if (total > MAX_FOLD_ELEMENTS || value.length !== productOf(shape)) return undefined;
  const out: Dim[] = [];
  const index = lens.map(() => 0);
  for (let flat = 0; flat < total; flat++) {
    let off = 0;
    for (let ax = 0; ax < shape.length; ax++) off = off * shape[ax] + starts[ax] + index[ax] * steps[ax];
    out.push(value[off]);
    for (let ax = lens.length - 1; ax >= 0; ax--) {
      if (++index[ax] < lens[ax]) break;
      index[ax] = 0;
    }
  }
  return out;
}

/** Slice (attributes in opset 1; inputs since 10; negative axes since 11; more dtypes since 13). */
export const sliceOp = defineOp({
  opType: 'Slice',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const d = a?.dims;
    if (!d) return [tensorOut(a?.dtype, undefined)];
    const args = sliceArgs(n, d.length);
    if ('unknownAxes' in args) {
      const which = args.unknownAxes;
      return [
        tensorOut(
          a?.dtype,
          d.map((x, k) => (which === 'all' || which.includes(k) ? unknownDim(n, 0, k) : x)),
        ),
      ];
    }
    const out = [...d];
    for (let i = 0; i < args.axes.length; i++) {
      const ax = args.axes[i];
      const k = args.steps[i];
      const len = k === undefined ? undefined : sliceLength(d[ax], args.starts[i], args.ends[i], k);
      if (k === 0) throw invalid(n, 'a step is 0.');
      out[ax] = len ?? unknownDim(n, 0, ax);
    }
    const shape = concrete(d);
    const value = a?.value && shape ? sliceValue(a.value, shape, args) : undefined;
    return [tensorOut(a?.dtype, out, value)];
  },
  cost: 'free',
  examples: [
    { title: 'attributes (opset 1)', inputs: [[20, 10, 5]], attrs: { starts: [0, 1], ends: [3, 1000], axes: [0, 1] }, expect: { shapes: [[3, 9, 5]] } },
    {
      title: 'negative start, INT64_MAX-like end, step',
      inputs: [
        [20, 10],
        { dtype: 'INT64', shape: [1], value: [-4] },
        { dtype: 'INT64', shape: [1], value: [2 ** 62] },
        { dtype: 'INT64', shape: [1], value: [1] },
        { dtype: 'INT64', shape: [1], value: [2] },
      ],
      opset: 13,
      expect: { shapes: [[20, 2]] },
    },
    {
      title: 'reverse',
      inputs: [
        [10],
        { dtype: 'INT64', shape: [1], value: [-1] },
        { dtype: 'INT64', shape: [1], value: [-(2 ** 62)] },
        null,
        { dtype: 'INT64', shape: [1], value: [-1] },
      ],
      opset: 13,
      expect: { shapes: [[10]] },
    },
    {
      title: 'symbolic end',
      inputs: [
        [1, 512],
        { dtype: 'INT64', shape: [1], value: [0] },
        { dtype: 'INT64', shape: [1], value: ['seq'] },
        { dtype: 'INT64', shape: [1], value: [1] },
      ],
      opset: 13,
      expect: { shapes: [[1, 'min(seq, 512)']] },
    },
  ],
  notes: 'Counted as data movement (a strided copy): no FLOPs.',
});
