/**
 * Odd ones out: ReverseSequence, Det, CenterCropPad, ImageDecoder, and the newer composite
 * activations Mish, Gelu, Swish, SwiGLU (as elementwise table rows with their function-body counts).
 */
import { defineOp, dims, type Dim, type OpDefinition, type OpNode } from '@autodoc/core';
import { normalizeAxes } from '../util/axes.js';
import { defineElementwise, type ElementwiseSpec } from './elementwise-factory.js';
import { dataDependentDim, outNumel, sameAs, shapeUnknown, tensorOut } from './general-common.js';

export const reverseSequence = defineOp({
  opType: 'ReverseSequence',
  since: 10,
  shape: (n) => [sameAs(n)],
  cost: 'free',
  examples: [{ inputs: [['time', 'batch', 8], { dtype: 'INT64', shape: ['batch'] }], expect: { shapes: [['time', 'batch', 8]], flops: 0 } }],
  notes: 'Output: input shape and dtype. Free: a reordering copy.',
});

/**
 * FLOPs of one M×M determinant by Gaussian elimination (LU without pivoting arithmetic): for each of
 * the M − 1 pivots j (j = M−1 … 1 rows below): j divisions for the multipliers and j² multiply +
 * j² subtract for the update, then M − 1 multiplications of the diagonal.
 * Σ_{j=1}^{M−1} (j + 2j²) + (M − 1) = M(M−1)/2 + M(M−1)(2M−1)/3 + M − 1.
 */
export function detFlopsPerMatrix(m: Dim): Dim {
  const mm1 = dims.mul(m, dims.sub(m, 1));
  return dims.add(dims.add(dims.floorDiv(mm1, 2), dims.floorDiv(dims.mul(mm1, dims.sub(dims.mul(2, m), 1)), 3)), dims.sub(m, 1));
}

export const det = defineOp({
  opType: 'Det',
  since: 11,
  shape: (n) => {
    const x = n.input(0);
    return [tensorOut(x?.dtype, x?.dims && x.dims.length >= 2 ? x.dims.slice(0, -2) : undefined)];
  },
  cost: (n) => {
    const x = n.input(0)?.dims;
    if (!x || x.length < 2) throw shapeUnknown(n, 'input 0');
    return { flops: dims.mul(outNumel(n), detFlopsPerMatrix(x[x.length - 1])) };
  },
  examples: [
    // One 2×2: multiplier (1 div), update a22 (1 mul + 1 sub), product of diagonal (1 mul) = 4.
    { inputs: [[2, 2]], expect: { shapes: [[]], flops: 4 } },
    // 3×3: 3·2/2 + 3·2·5/3 + 2 = 3 + 10 + 2 = 15 per matrix; batch 5 → 75.
    { inputs: [[5, 3, 3]], expect: { shapes: [[5]], flops: 75 } },
  ],
  notes: 'Input [*, M, M] → [*]. Cost per matrix (Gaussian elimination): M(M−1)/2 divisions + M(M−1)(2M−1)/3 multiply-subtract pairs counted as 2 + M−1 diagonal products = M(M−1)/2 + M(M−1)(2M−1)/3 + M − 1.',
});

/** CenterCropPad: the axes listed (default all) take the sizes of the `shape` input. */
function centerCropPadShape(n: OpNode) {
  const x = n.input(0);
  const target = n.input(1);
  if (!x?.dims) return tensorOut(x?.dtype, undefined);
  const rank = x.dims.length;
  const axesAttr = n.attrInts('axes');
  const count = axesAttr?.length ?? rank;
  const axes = axesAttr ? normalizeAxes(axesAttr, rank, n.opType) : x.dims.map((_, i) => i);
  const sizes = target?.value && target.value.length === count ? target.value : undefined;
  const shape = x.dims.map((d, i) => {
    const k = axes.indexOf(i);
    if (k < 0) return d;
    return sizes ? sizes[k] : dataDependentDim(n, 0, i);
  });
  return tensorOut(x.dtype, shape);
}

export const centerCropPad = defineOp({
  opType: 'CenterCropPad',
  since: 18,
  shape: (n) => [centerCropPadShape(n)],
  cost: 'free',
  examples: [
    { inputs: [[20, 8, 3], { shape: [2], value: [10, 9] }], attrs: { axes: [0, -2] }, expect: { shapes: [[10, 9, 3]], flops: 0 } },
    { title: 'sizes unknown', inputs: [[20, 8, 3], { dtype: 'INT64', shape: [3] }], expect: { shapes: [['output0_dim0', 'output0_dim1', 'output0_dim2']] } },
  ],
  notes: 'The listed axes (default all) take the sizes given by the shape input (data dependent when unknown). Free: a crop/pad copy.',
});

export const imageDecoder = defineOp({
  opType: 'ImageDecoder',
  since: 20,
  shape: (n) => {
    const format = n.attrString('pixel_format', 'RGB');
    const channels = format === 'Grayscale' ? 1 : 3;
    return [tensorOut('UINT8', [dataDependentDim(n, 0, 0), dataDependentDim(n, 0, 1), channels])];
  },
  examples: [{ inputs: [{ dtype: 'UINT8', shape: [1058] }], expect: { shapes: [['output0_dim0', 'output0_dim1', 3]] } }],
  notes: 'Output UINT8 [H, W, C]: H and W come from the encoded image (data dependent); C = 1 for Grayscale, 3 for RGB/BGR. No cost rule: decoding work depends on the codec and the data, so the node is reported as uncounted.',
});

const geluCount = (n: OpNode) => (n.attrString('approximate', 'none') === 'tanh' ? 9 : 5);

const activationRows: readonly ElementwiseSpec[] = [
  { opType: 'Mish', since: 18, arity: 'unary', flops: 5, count: 'x * tanh(softplus(x)): exp, add, log, tanh, multiply', exampleFlops: 30 },
  {
    opType: 'Gelu', since: 20, arity: 'unary', flops: 5, exampleFlops: 30, costPerElement: geluCount,
    count: 'approximate none: 0.5*x*(1 + erf(x/sqrt(2))): divide, erf, add, multiply, multiply = 5; approximate tanh: 0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3))): 2 multiplies for x^3, multiply, add, multiply, tanh, add, multiply, multiply = 9',
    examples: [{ title: 'tanh approximation', inputs: [[2, 3]], attrs: { approximate: 'tanh' }, expect: { shapes: [[2, 3]], flops: 54 } }],
  },
  { opType: 'Swish', since: 24, arity: 'unary', flops: 3, count: 'x * sigmoid(alpha*x): multiply, sigmoid, multiply', exampleFlops: 18 },
  {
    opType: 'SwiGLU', since: 28, arity: 'binary', flops: 4, count: 'Swish(A) * B: multiply, sigmoid, multiply, multiply; A and B have the same shape', exampleFlops: 32,
    standardExample: { title: 'gate and value [2,4]', inputs: [[2, 4], [2, 4]], expect: { shapes: [[2, 4]], flops: 32 } },
  },
];

/** ReverseSequence, Det, CenterCropPad, ImageDecoder, Mish, Gelu, Swish, SwiGLU. */
export const miscOps: OpDefinition[] = [reverseSequence, det, centerCropPad, imageDecoder, ...activationRows.map(defineElementwise)];
