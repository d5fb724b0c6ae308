/**
 * Signal processing: DFT (17: axis attribute; 20: axis input), STFT (17), MelWeightMatrix (17) and the
 * window generators HannWindow / HammingWindow / BlackmanWindow (17). Complex values are a trailing
 * dimension of 2 (real, imaginary); real inputs end in 1.
 * Transforms are counted as a direct DFT: one complex multiply-accumulate (8 FLOPs; 4 for real input)
 * per (input point, output point) pair. FFT implementations do far less; the count is an upper bound of
 * the arithmetic and stays exact for symbolic lengths (N log N does not).
 */
import { dataTypeName, defineOp, dims, type Dim, type OpNode } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { costDataDependent, inDims, invalidNode, outDims, tensorOut, unknownDim } from './nn-common.js';

/** The single known element of a scalar input (may be symbolic), or undefined. */
function scalar(n: OpNode, i: number): Dim | undefined {
  const v = n.input(i)?.value;
  return v && v.length === 1 ? v[0] : undefined;
}

function dftAxis(n: OpNode, rank: number): number | undefined {
  if (n.opset < 20) return normalizeAxis(n.attrInt('axis', 1), rank, n.opType);
  if (!n.input(2)) return rank - 2;
  const a = scalar(n, 2);
  return typeof a === 'number' ? normalizeAxis(a, rank, n.opType) : undefined;
}

export const dft = defineOp({
  opType: 'DFT',
  since: 17,
  shape: (n) => {
    const x = n.input(0)?.dims;
    const dtype = n.input(0)?.dtype;
    if (!x) return [tensorOut(dtype, undefined)];
    if (x.length < 2) throw invalidNode(n, 'input must have rank ≥ 2 (the last dim holds real/imaginary parts).');
    const onesided = n.attrInt('onesided', 0) === 1;
    const inverse = n.attrInt('inverse', 0) === 1;
    const out: Dim[] = [...x];
    out[x.length - 1] = onesided && inverse ? 1 : 2;
    const axis = dftAxis(n, x.length);
    if (axis === undefined) return [tensorOut(dtype, out.map((d, i) => (i === x.length - 1 ? d : unknownDim(n, 0, i))))];
    const length = n.input(1) ? scalar(n, 1) : undefined;
    if (n.input(1) && length === undefined) out[axis] = unknownDim(n, 0, axis);
    else if (onesided && !inverse) out[axis] = dims.add(dims.floorDiv(length ?? x[axis], 2), 1);
    else if (onesided && inverse) out[axis] = length ?? dims.mul(2, dims.sub(x[axis], 1));
    else out[axis] = length ?? x[axis];
    return [tensorOut(dtype, out)];
  },
  cost: (n) => {
    const x = inDims(n, 0);
    const y = outDims(n);
    const axis = dftAxis(n, x.length);
    if (axis === undefined) throw costDataDependent(n, 'the DFT axis is not a constant, so the transform length is unknown.');
    const transforms = dims.product(x.filter((_, i) => i !== axis && i !== x.length - 1));
    const perPair = x[x.length - 1] === 1 ? 4 : 8;
    return { flops: dims.product([transforms, x[axis], y[axis], perPair]) };
  },
  examples: [
    // Complex [2, 8, 2] along axis 1: 2 transforms × 8 × 8 points × 8 FLOPs = 1024.
    { inputs: [[2, 8, 2]], opset: 20, expect: { shapes: [[2, 8, 2]], flops: 1024 } },
    // Real one-sided (RFFT) of length n: ⌊n/2⌋ + 1 bins; 1 transform × n × (⌊n/2⌋ + 1) × 4.
    { title: 'onesided real input', inputs: [[1, 'n', 1]], attrs: { onesided: 1 }, opset: 20, expect: { shapes: [[1, 'floor(n/2) + 1', 2]], flops: '4*n*floor(n/2) + 4*n' } },
  ],
  notes: 'FLOPs = transforms × input points × output points along the axis × 8 (a complex multiply-accumulate; 4 for real input). A direct-DFT count: FFTs need far fewer operations.',
});

export const stft = defineOp({
  opType: 'STFT',
  since: 17,
  shape: (n) => {
    const x = n.input(0)?.dims;
    const dtype = n.input(0)?.dtype;
    if (!x) return [tensorOut(dtype, undefined)];
    if (x.length !== 3) throw invalidNode(n, 'signal must be [batch, signal_length, 1 or 2].');
    const step = scalar(n, 1);
    const frame = (n.input(3) ? scalar(n, 3) : undefined) ?? n.input(2)?.dims?.[0];
    const frames = step !== undefined && frame !== undefined ? dims.add(dims.floorDiv(dims.sub(x[1], frame), step), 1) : unknownDim(n, 0, 1);
    const onesided = n.attrInt('onesided', 1) === 1;
    const bins = frame === undefined ? unknownDim(n, 0, 2) : onesided ? dims.add(dims.floorDiv(frame, 2), 1) : frame;
    return [tensorOut(dtype, [x[0], frames, bins, 2])];
  },
  cost: (n) => {
    const x = inDims(n, 0);
    const y = outDims(n);
    const frame = (n.input(3) ? scalar(n, 3) : undefined) ?? n.input(2)?.dims?.[0];
    if (frame === undefined) throw costDataDependent(n, 'frame_length is not a constant, so the transform length is unknown.');
    const perPair = x[2] === 1 ? 4 : 8;
    const transforms = dims.mul(y[0], y[1]);
    const windowing = n.input(2) ? dims.mul(transforms, frame) : 0;
    return { flops: dims.add(dims.product([transforms, frame, y[2], perPair]), windowing) };
  },
  examples: [
    // 128 samples, frame 16, step 8: ⌊(128 − 16)/8⌋ + 1 = 15 frames, 9 bins; 15 × 16 × 9 × 4 + 15·16 window = 8880.
    { inputs: [[1, 128, 1], { dtype: 'INT64', shape: [], value: [8] }, [16]], expect: { shapes: [[1, 15, 9, 2]], flops: 8880 } },
  ],
  notes: 'FLOPs = batch × frames × frame_length × bins × 8 (4 for a real signal), a direct DFT per frame, + 1 per windowed sample when a window is given.',
});

export const melWeightMatrix = defineOp({
  opType: 'MelWeightMatrix',
  since: 17,
  shape: (n) => {
    const dtype = dataTypeName(n.attrInt('output_datatype', 1));
    const bins = scalar(n, 0);
    const length = scalar(n, 1);
    return [tensorOut(dtype, [length === undefined ? unknownDim(n, 0, 0) : dims.add(dims.floorDiv(length, 2), 1), bins ?? unknownDim(n, 0, 1)])];
  },
  cost: (n) => ({ flops: dims.mul(4, dims.numel(outDims(n))) }),
  // dft_length 16 → 9 rows, 8 mel bins: 72 × 4 = 288.
  examples: [{ inputs: [{ dtype: 'INT64', shape: [], value: [8] }, { dtype: 'INT64', shape: [], value: [16] }, { dtype: 'INT64', shape: [], value: [8192] }, [], []], expect: { shapes: [[9, 8]], flops: 288 } }],
  notes: 'Output [⌊dft_length/2⌋ + 1, num_mel_bins]. FLOPs = 4 per output element (triangular filter weight: 2 subtractions, 1 multiply, 1 clamp).',
});

function windowOp(opType: string, perElement: number, what: string) {
  return defineOp({
    opType,
    since: 17,
    shape: (n) => [tensorOut(dataTypeName(n.attrInt('output_datatype', 1)), [scalar(n, 0) ?? unknownDim(n, 0, 0)])],
    cost: (n) => ({ flops: dims.mul(perElement, outDims(n)[0]) }),
    examples: [{ inputs: [{ dtype: 'INT32', shape: [], value: [10] }], expect: { shapes: [[10]], flops: 10 * perElement } }],
    notes: `Output [size]. FLOPs = ${perElement} per element (${what}).`,
  });
}

export const hannWindow = windowOp('HannWindow', 5, 'angle multiply and divide, cosine, scale, subtract');
export const hammingWindow = windowOp('HammingWindow', 5, 'angle multiply and divide, cosine, scale, subtract');
export const blackmanWindow = windowOp('BlackmanWindow', 9, 'two angles (multiply, divide each), two cosines, two scales, subtract and add');

export const signalOps = [dft, stft, melWeightMatrix, hannWindow, hammingWindow, blackmanWindow];
