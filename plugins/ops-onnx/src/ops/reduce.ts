/**
 * Reduce* ops of ai.onnx. Axes come from the `axes` attribute before ReduceSum-13 / the others' 18,
 * from the optional second input since; no axes (or an empty axes input) reduces every axis unless
 * `noop_with_empty_axes` = 1, which makes the op an identity. keepdims (default 1) keeps reduced
 * axes as 1. Axes given as an input whose contents are unknown leave the kept dims unknown: the rank
 * is still known (keepdims = 1: the input rank; keepdims = 0: rank − number of axes), the dims are
 * data-dependent symbols, never guessed.
 *
 * Cost (docs/definitions.md: reductions count 1 per input element): see each op's row.
 */
import { defineOp, dims, type Dim, type InferredType, type OpDefinition, type OpNode } from '@autodoc/core';
import { normalizeAxes } from '../util/axes.js';
import { constInts, dataDependentDim, inNumel, INTEGER_DTYPES, outNumel, tensorOut } from './general-common.js';

interface ReduceSpec {
  readonly opType: string;
  /** FLOPs per input element and per output element. */
  readonly perIn: number;
  readonly perOut: number;
  readonly count: string;
  /** Opset from which axes is an input. */
  readonly axesInputSince: number;
  /** Hand-worked FLOPs of the standard example [2,3,4] reduced over axis 1 → [2,1,4] (24 in, 8 out). */
  readonly exampleFlops: number;
}

/** What the axes of one node are: all, none (identity), a known list, or unknown (a count or not). */
type AxesInfo = { kind: 'all' } | { kind: 'noop' } | { kind: 'list'; axes: number[] } | { kind: 'unknown'; count: number | undefined };

function axesOf(n: OpNode, spec: ReduceSpec): AxesInfo {
  const noop = n.attrInt('noop_with_empty_axes', 0) === 1;
  let axes: readonly number[] | undefined;
  if (n.opset < spec.axesInputSince) {
    axes = n.attrInts('axes');
  } else {
    const input = n.input(1);
    if (input) {
      axes = constInts(input);
      if (axes === undefined) {
        const len = input.dims?.[0];
        // A known empty axes tensor is the same as no axes.
        if (len === 0) axes = [];
        else return { kind: 'unknown', count: typeof len === 'number' ? len : undefined };
      }
    }
  }
  if (!axes || axes.length === 0) return noop ? { kind: 'noop' } : { kind: 'all' };
  return { kind: 'list', axes: [...axes] };
}

function reduceShape(n: OpNode, spec: ReduceSpec): InferredType | undefined {
  const x = n.input(0);
  if (!x) return undefined;
  const keep = n.attrInt('keepdims', 1) === 1;
  const info = axesOf(n, spec);
  if (info.kind === 'noop') return tensorOut(x.dtype, x.dims, x.value);
  if (!x.dims) return tensorOut(x.dtype, undefined);
  const rank = x.dims.length;
  if (info.kind === 'unknown') {
    const outRank = keep ? rank : info.count === undefined ? undefined : rank - info.count;
    if (outRank === undefined) return tensorOut(x.dtype, undefined);
    return tensorOut(x.dtype, Array.from({ length: outRank }, (_, i) => dataDependentDim(n, 0, i)));
  }
  const reduced = new Set(info.kind === 'all' ? x.dims.map((_, i) => i) : normalizeAxes(info.axes, rank, n.opType));
  const shape: Dim[] = [];
  x.dims.forEach((d, i) => {
    if (!reduced.has(i)) shape.push(d);
    else if (keep) shape.push(1);
  });
  return tensorOut(x.dtype, shape, reduceValue(n.opType, x.dtype, x.dims, x.value, reduced));
}

/** Contents of a reduction of a known 1-D integer tensor (e.g. ReduceProd(Shape(x)) = numel). */
function reduceValue(opType: string, dtype: string | undefined, shape: readonly Dim[], value: readonly Dim[] | undefined, reduced: Set<number>): Dim[] | undefined {
  if (!value || shape.length !== 1 || !reduced.has(0) || !dtype || !INTEGER_DTYPES.has(dtype) || value.length === 0) return undefined;
  switch (opType) {
    case 'ReduceSum': return [dims.sum(value)];
    case 'ReduceProd': return [dims.product(value)];
    case 'ReduceMax': return [value.reduce((a, b) => dims.max(a, b))];
    case 'ReduceMin': return [value.reduce((a, b) => dims.min(a, b))];
    default: return undefined;
  }
}

const specs: readonly ReduceSpec[] = [
  { opType: 'ReduceSum', perIn: 1, perOut: 0, count: '1 addition per input element', axesInputSince: 13, exampleFlops: 24 },
  { opType: 'ReduceMean', perIn: 1, perOut: 1, count: '1 addition per input element + 1 division per output element', axesInputSince: 18, exampleFlops: 32 },
  { opType: 'ReduceMax', perIn: 1, perOut: 0, count: '1 comparison per input element', axesInputSince: 18, exampleFlops: 24 },
  { opType: 'ReduceMin', perIn: 1, perOut: 0, count: '1 comparison per input element', axesInputSince: 18, exampleFlops: 24 },
  { opType: 'ReduceProd', perIn: 1, perOut: 0, count: '1 multiplication per input element', axesInputSince: 18, exampleFlops: 24 },
  { opType: 'ReduceSumSquare', perIn: 2, perOut: 0, count: '2 per input element (square, add)', axesInputSince: 18, exampleFlops: 48 },
  { opType: 'ReduceL1', perIn: 2, perOut: 0, count: '2 per input element (abs, add)', axesInputSince: 18, exampleFlops: 48 },
  { opType: 'ReduceL2', perIn: 2, perOut: 1, count: '2 per input element (square, add) + 1 square root per output element', axesInputSince: 18, exampleFlops: 56 },
  { opType: 'ReduceLogSum', perIn: 1, perOut: 1, count: '1 addition per input element + 1 log per output element', axesInputSince: 18, exampleFlops: 32 },
  { opType: 'ReduceLogSumExp', perIn: 2, perOut: 1, count: 'its function body log(sum(exp(x))): 2 per input element (exp, add) + 1 log per output element', axesInputSince: 18, exampleFlops: 56 },
];

function defineReduce(spec: ReduceSpec): OpDefinition {
  return defineOp({
    opType: spec.opType,
    since: 1,
    shape: (n) => [reduceShape(n, spec)],
    cost: (n) => {
      if (axesOf(n, spec).kind === 'noop') return { flops: 0, note: 'noop_with_empty_axes: an identity' };
      return { flops: dims.add(dims.mul(spec.perIn, inNumel(n)), dims.mul(spec.perOut, outNumel(n))) };
    },
    examples: [
      { title: 'axis 1 of [2,3,4], keepdims', opset: 13, inputs: spec.axesInputSince <= 13 ? [[2, 3, 4], { shape: [1], value: [1] }] : [[2, 3, 4]], attrs: spec.axesInputSince <= 13 ? {} : { axes: [1] }, expect: { shapes: [[2, 1, 4]], flops: spec.exampleFlops } },
      { title: 'opset 18, axes input [-1], keepdims 0', opset: 18, inputs: [['batch', 3, 4], { shape: [1], value: [-1] }], attrs: { keepdims: 0 }, expect: { shapes: [['batch', 3]] } },
      { title: 'opset 18, no axes: every axis', opset: 18, inputs: [[2, 3, 4]], attrs: { keepdims: 0 }, expect: { shapes: [[]] } },
    ],
    notes: `Axes: attribute before opset ${spec.axesInputSince}, input since; none = all axes, or an identity with noop_with_empty_axes = 1 (0 FLOPs). Cost: ${spec.count}.`,
  });
}

/** The ten Reduce* ops. */
export const reduceOps: OpDefinition[] = specs.map(defineReduce);
