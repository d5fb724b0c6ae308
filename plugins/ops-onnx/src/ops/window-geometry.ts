/**
 * Sliding-window geometry shared by Conv, the pools, DeformConv and MaxUnpool: reading kernel, strides,
 * dilations, pads and auto_pad, and the output length of one spatial axis (ONNX `convPoolShapeInference`).
 */
import { dims, type Dim, type OpNode } from '@autodoc/core';
import { invalidNode } from './nn-common.js';

/** The window attributes of a node, normalised to one entry per spatial axis. */
export interface WindowAttrs {
  readonly kernel: readonly Dim[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  /** `[x1_begin, x2_begin, …, x1_end, x2_end, …]` as in ONNX; zeros under auto_pad. */
  readonly pads: readonly number[];
  readonly autoPad: 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';
  readonly ceilMode: boolean;
}

/**
 * Reads the window attributes for `rank` spatial axes. `kernel` comes from the `kernel_shape`
 * attribute when present, else from the caller (the weight's spatial dims for Conv). Dilations are
 * read only when the op has them (Conv, MaxPool, AveragePool ≥ 19, LpPool ≥ 18).
 */
export function readWindowAttrs(n: OpNode, rank: number, kernelFallback: readonly Dim[] | undefined): WindowAttrs | undefined {
  const kernelAttr = n.attrInts('kernel_shape');
  const kernel = kernelAttr ?? kernelFallback;
  if (kernel === undefined) return undefined;
  const check = (name: string, values: readonly (number | Dim)[], length: number, min: number) => {
    if (values.length !== length) throw invalidNode(n, `attribute ${name} has ${values.length} entries, expected ${length} (one per spatial axis${name === 'pads' ? ', begin and end' : ''}).`);
    if (values.some((v) => typeof v === 'number' && v < min)) throw invalidNode(n, `attribute ${name} must be ≥ ${min}, got [${values.join(', ')}].`);
  };
  check('kernel_shape', kernel, rank, 1);
  const strides = n.attrInts('strides') ?? Array<number>(rank).fill(1);
  check('strides', strides, rank, 1);
  const dilations = n.attrInts('dilations') ?? Array<number>(rank).fill(1);
  check('dilations', dilations, rank, 1);
  const autoPad = n.attrString('auto_pad', 'NOTSET');
  if (autoPad !== 'NOTSET' && autoPad !== 'SAME_UPPER' && autoPad !== 'SAME_LOWER' && autoPad !== 'VALID') {
    throw invalidNode(n, `auto_pad "${autoPad}" is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID.`);
  }
  const padsAttr = n.attrInts('pads');
  // ONNX ignores explicit pads under auto_pad in inference; a valid model never has both.
  const pads = padsAttr && autoPad === 'NOTSET' ? padsAttr : Array<number>(2 * rank).fill(0);
  check('pads', pads, 2 * rank, 0);
  return { kernel, strides, dilations, pads, autoPad, ceilMode: n.attrInt('ceil_mode', 0) === 1 };
}

/** Effective kernel extent with dilation: d·(k − 1) + 1. */
export function effectiveKernel(k: Dim, d: number): Dim {
  return dims.add(dims.mul(d, dims.sub(k, 1)), 1);
}

/**
 * Output length of spatial axis `i` of a Conv or pool.
 * - SAME_UPPER / SAME_LOWER: ⌈size / stride⌉. ONNX derives pads first (total = max(k_eff − stride, 0)
 *   or k_eff − size mod stride) and then applies the formula; working both cases through gives ⌈size/stride⌉
 *   in floor and ceil mode alike, which also holds for symbolic sizes.
 * - otherwise floor mode: ⌊(size + pad_b + pad_e − k_eff) / stride⌋ + 1;
 * - ceil mode: ⌊(size + pad_b + pad_e − k_eff + stride − 1) / stride⌋ + 1, minus one when the last window
 *   would start in the right padding, i.e. (out − 1)·stride ≥ size + pad_b (PyTorch's rule, adopted by
 *   ONNX and its reference implementation; onnx 1.12's inference lacks it).
 */
export function windowOutput(size: Dim, w: WindowAttrs, i: number): Dim {
  const rank = w.kernel.length;
  const stride = w.strides[i];
  if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return dims.ceilDiv(size, stride);
  const padBegin = w.pads[i];
  const padEnd = w.pads[i + rank];
  const span = dims.sub(dims.add(dims.add(size, padBegin), padEnd), effectiveKernel(w.kernel[i], w.dilations[i]));
  if (!w.ceilMode) return dims.add(dims.floorDiv(span, stride), 1);
  const out = dims.add(dims.floorDiv(dims.add(span, stride - 1), stride), 1);
  const lastStart = dims.mul(dims.sub(out, 1), stride);
  const limit = dims.add(size, padBegin);
  const cmp = dims.tryCompare(lastStart, limit);
  if (cmp === undefined) {
    // Symbolic size: windows must start before size + pad_b, so out ≤ ⌈(size + pad_b)/stride⌉. The min of
    // the two equals the rule whenever pad_e < k_eff (always true of a sensible pool).
    return dims.min(out, dims.ceilDiv(limit, stride));
  }
  return cmp >= 0 ? dims.sub(out, 1) : out;
}

/** Output spatial dims for input spatial dims `spatial`. */
export function windowOutputs(spatial: readonly Dim[], w: WindowAttrs): Dim[] {
  return spatial.map((size, i) => windowOutput(size, w, i));
}
