/**
 * Resize (10, 11, 13, 18, 19) and Upsample (7, 9). Output dims:
 * - from `sizes` (opset 11+), with keep_aspect_ratio_policy (18+): stretch takes the sizes; not_larger /
 *   not_smaller scale every listed axis by the min / max of sizes[i] / in[i] and round;
 * - from `scales`: ⌊in × scale⌋ (ONNX computes it in double from the float scale).
 * `axes` (18+) restricts sizes/scales to some axes; the others keep their size. Unknown contents give
 * named unknown dims on the resized axes, never guessed numbers.
 */
import { defineOp, dims, type Dim, type OpNode, type TensorArg } from '@autodoc/core';
import { normalizeAxes } from '../util/axes.js';
import { interpolationFlops, resizedAxes } from './interpolation.js';
import { constDims, constNumbers, inDims, invalidNode, outDims, outNumel, tensorOut, unknownDim } from './nn-common.js';

/** ⌊d × scale⌋, exact for symbolic d: a float scale is the dyadic fraction m / 2^k. */
export function scaleDim(d: Dim, scale: number): Dim | undefined {
  if (typeof d === 'number') return Math.floor(d * scale);
  if (Number.isInteger(scale)) return dims.mul(d, scale);
  let k = 0;
  let m = scale;
  while (!Number.isInteger(m) && k < 60) {
    m *= 2;
    k++;
  }
  if (!Number.isInteger(m) || !Number.isSafeInteger(m) || 2 ** k > Number.MAX_SAFE_INTEGER) return undefined;
  return dims.floorDiv(dims.mul(d, m), 2 ** k);
}

/** An input that is absent, or given as an empty tensor (how Resize 11+ says "not given"). */
function present(arg: TensorArg | undefined): TensorArg | undefined {
  if (!arg) return undefined;
  if (arg.value?.length === 0 || (arg.dims?.length === 1 && arg.dims[0] === 0)) return undefined;
  return arg;
}

function resizeDims(n: OpNode, x: readonly Dim[], scalesArg: TensorArg | undefined, sizesArg: TensorArg | undefined): Dim[] {
  const rank = x.length;
  const axesAttr = n.attrInts('axes');
  const axes = axesAttr ? normalizeAxes(axesAttr, rank, n.opType) : x.map((_, i) => i);
  const out = [...x];
  const unknownAll = () => {
    for (const a of axes) out[a] = unknownDim(n, 0, a);
    return out;
  };
  if (sizesArg) {
    const sizes = constDims(sizesArg);
    if (!sizes) return unknownAll();
    if (sizes.length !== axes.length) throw invalidNode(n, `sizes has ${sizes.length} entries for ${axes.length} axes.`);
    const policy = n.attrString('keep_aspect_ratio_policy', 'stretch');
    if (policy === 'stretch') {
      for (const [i, a] of axes.entries()) out[a] = sizes[i];
      return out;
    }
    if (policy !== 'not_larger' && policy !== 'not_smaller') throw invalidNode(n, `keep_aspect_ratio_policy "${policy}" is not stretch, not_larger or not_smaller.`);
    const ins = axes.map((a) => x[a]);
    if (ins.some((d) => typeof d !== 'number') || sizes.some((d) => typeof d !== 'number')) return unknownAll();
    const ratios = axes.map((_, i) => (sizes[i] as number) / (ins[i] as number));
    const scale = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
    for (const [i, a] of axes.entries()) out[a] = Math.round(scale * (ins[i] as number));
    return out;
  }
  if (scalesArg) {
    const scales = constNumbers(scalesArg);
    if (!scales) return unknownAll();
    if (scales.length !== axes.length) throw invalidNode(n, `scales has ${scales.length} entries for ${axes.length} axes.`);
    for (const [i, a] of axes.entries()) out[a] = scaleDim(x[a], scales[i]) ?? unknownDim(n, 0, a);
    return out;
  }
  if (n.opset >= 13) throw invalidNode(n, 'either scales or sizes must be given.');
  return out;
}

function resizeCost(n: OpNode) {
  const mode = n.attrString('mode', 'nearest');
  const perElement = interpolationFlops(mode, resizedAxes(inDims(n, 0), outDims(n)));
  if (perElement === undefined) throw invalidNode(n, `mode "${mode}" is not nearest, linear or cubic.`);
  const flops = dims.mul(perElement, outNumel(n));
  return n.attrInt('antialias', 0) ? { flops, note: 'antialias widens the filter when downscaling; counted at the plain filter size' } : { flops };
}

const resizeNotes =
  'FLOPs per output element by mode, r = number of axes whose size changes: nearest 0 (a gather); linear 3 × (2^r − 1) (bilinear 9); cubic 7 × (4^r − 1)/3 (bicubic 35). Coordinate transforms and weights, computed per output coordinate, are not counted; antialias is counted at the plain filter size (noted).';

export const resize = defineOp({
  opType: 'Resize',
  since: 10,
  shape: (n) => {
    const x = n.input(0);
    if (!x?.dims) return [tensorOut(x?.dtype, undefined)];
    const scales = present(n.opset >= 11 ? n.input(2) : n.input(1));
    const sizes = n.opset >= 11 ? present(n.input(3)) : undefined;
    return [tensorOut(x.dtype, resizeDims(n, x.dims, scales, sizes))];
  },
  cost: resizeCost,
  examples: [
    // ⌊h × 2⌋, ⌊w × 2⌋ on symbolic dims; 2 axes change → bilinear 9 FLOPs × 3·2h·2w = 108·h·w.
    { title: 'scales ×2, linear', inputs: [[1, 3, 'h', 'w'], null, { dtype: 'FLOAT', shape: [4], value: [1, 1, 2, 2] }], attrs: { mode: 'linear' }, opset: 13, expect: { shapes: [[1, 3, '2*h', '2*w']], flops: '108*h*w' } },
    // ⌊4 × 0.6⌋ = 2, ⌊4 × 0.6⌋ = 2 (nearest: 0 FLOPs).
    { title: 'scales 0.6, nearest', inputs: [[1, 1, 4, 4], [], { dtype: 'FLOAT', shape: [4], value: [1, 1, 0.6000000238418579, 0.6000000238418579] }], opset: 11, expect: { shapes: [[1, 1, 2, 2]], flops: 0 } },
    // sizes [1, 1, 7, 8] with not_larger over axes [2, 3]: scale = min(7/4, 8/4) = 1.75 → [7, 7]; cubic 35 FLOPs × 49.
    { title: 'sizes, not_larger, cubic', inputs: [[1, 1, 4, 4], null, null, { dtype: 'INT64', shape: [2], value: [7, 8] }], attrs: { axes: [2, 3], keep_aspect_ratio_policy: 'not_larger', mode: 'cubic' }, opset: 18, expect: { shapes: [[1, 1, 7, 7]], flops: 1715 } },
  ],
  notes: resizeNotes,
});

export const upsample = defineOp({
  opType: 'Upsample',
  since: 7,
  shape: (n) => {
    const x = n.input(0);
    if (!x?.dims) return [tensorOut(x?.dtype, undefined)];
    // Opset 7: scales attribute; 9: scales input.
    const attr = n.attrFloats('scales');
    if (attr) return [tensorOut(x.dtype, x.dims.map((d, i) => scaleDim(d, attr[i]) ?? unknownDim(n, 0, i)))];
    return [tensorOut(x.dtype, resizeDims(n, x.dims, present(n.input(1)), undefined))];
  },
  cost: resizeCost,
  examples: [
    // Nearest ×(1, 1, 2, 3): [1, 1, 2, 2] → [1, 1, 4, 6].
    { inputs: [[1, 1, 2, 2], { dtype: 'FLOAT', shape: [4], value: [1, 1, 2, 3] }], opset: 9, expect: { shapes: [[1, 1, 4, 6]], flops: 0 } },
  ],
  notes: resizeNotes,
});

export const resizeOps = [resize, upsample];
