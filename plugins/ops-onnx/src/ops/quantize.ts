/**
 * QuantizeLinear, DequantizeLinear (per-tensor; per-axis since 13 via `axis`; blocked since 21 via
 * `block_size`) and DynamicQuantizeLinear. Shapes follow the input; the scale/zero-point layout
 * (axis, block_size) only decides which scale each element uses, so it is checked, not propagated.
 */
import { AutodocError, defineOp, dims, type OpDefinition, type OpNode } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { dtypeAttr, inNumel, perOutputElement, tensorOut } from './general-common.js';

/**
 * Blocked quantization (block_size > 0): the scale has x's rank and ceil(x.dims[axis] / block_size)
 * along axis. A known mismatch is a model error.
 */
function checkBlocked(n: OpNode): void {
  const block = n.attrInt('block_size', 0);
  const x = n.input(0)?.dims;
  const scale = n.input(1)?.dims;
  if (block <= 0 || !x || !scale) return;
  const axis = normalizeAxis(n.attrInt('axis', 1), x.length, n.opType);
  const want = dims.ceilDiv(x[axis], block);
  const got = scale[axis];
  if (scale.length !== x.length || (typeof got === 'number' && typeof want === 'number' && got !== want)) {
    throw new AutodocError('SHAPE_MISMATCH', `${n.opType}: blocked scale shape [${scale.map(dims.format).join(', ')}] does not match x [${x.map(dims.format).join(', ')}] with block_size ${block} on axis ${axis}.`, 'The scale needs x\'s rank and ceil(x.dims[axis] / block_size) along axis.');
  }
}

export const quantizeLinear = defineOp({
  opType: 'QuantizeLinear',
  since: 10,
  shape: (n) => {
    checkBlocked(n);
    // dtype: the zero point's when given, else output_dtype (≥ 21), else UINT8.
    const dtype = n.input(2)?.dtype ?? dtypeAttr(n, 'output_dtype') ?? 'UINT8';
    return [tensorOut(dtype, n.input(0)?.dims)];
  },
  cost: perOutputElement(2),
  examples: [
    { opset: 13, inputs: [['batch', 3, 4], [3], { dtype: 'INT8', shape: [3] }], attrs: { axis: 1 }, expect: { shapes: [['batch', 3, 4]], flops: '24*batch' } },
    // blocked: x [3,4], scale [3,2], block_size 2 on axis 1 (ceil(4/2) = 2); no zero point, output_dtype 5 = INT16.
    { title: 'blocked, output_dtype', opset: 21, inputs: [[3, 4], [3, 2]], attrs: { axis: 1, block_size: 2, output_dtype: 5 }, expect: { shapes: [[3, 4]], flops: 24 } },
  ],
  notes: 'Output: shape of x; dtype of the zero point, else output_dtype, else UINT8. Cost: 2 FLOPs per element (divide by scale, add zero point); rounding and saturation are not counted.',
});

export const dequantizeLinear = defineOp({
  opType: 'DequantizeLinear',
  since: 10,
  shape: (n) => {
    checkBlocked(n);
    // dtype: output_dtype (≥ 25) when given, else the scale's (≥ 19), else FLOAT.
    const dtype = dtypeAttr(n, 'output_dtype') ?? (n.opset >= 19 ? n.input(1)?.dtype : undefined) ?? 'FLOAT';
    return [tensorOut(dtype, n.input(0)?.dims)];
  },
  cost: perOutputElement(2),
  examples: [
    { opset: 13, inputs: [{ dtype: 'UINT8', shape: [1, 3, 3, 2] }, [3], { dtype: 'UINT8', shape: [3] }], attrs: { axis: 1 }, expect: { shapes: [[1, 3, 3, 2]], flops: 36 } },
    { title: 'float16 scale (≥ 19)', opset: 21, inputs: [{ dtype: 'INT4', shape: [5] }, { dtype: 'FLOAT16', shape: [] }], expect: { shapes: [[5]], flops: 10 } },
  ],
  notes: 'Output: shape of x; dtype output_dtype (≥ 25), else the scale\'s (≥ 19), else FLOAT. Cost: 2 FLOPs per element (subtract zero point, multiply by scale).',
});

export const dynamicQuantizeLinear = defineOp({
  opType: 'DynamicQuantizeLinear',
  since: 11,
  shape: (n) => [tensorOut('UINT8', n.input(0)?.dims), tensorOut('FLOAT', []), tensorOut('UINT8', [])],
  cost: (n) => ({ flops: dims.add(dims.mul(4, inNumel(n)), 6) }),
  examples: [
    // [3,4] = 12 elements: 4 × 12 + 6 = 54.
    { inputs: [[3, 4]], expect: { shapes: [[3, 4], [], []], flops: 54 } },
  ],
  notes: 'Outputs y UINT8 (shape of x), y_scale FLOAT [], y_zero_point UINT8 []. Cost (its function body): per element min and max reductions (2) and quantize (divide, add zero point: 2) = 4; plus 6 scalar ops (clamp min/max to include 0, subtract, divide by 255, divide, subtract for the zero point). Rounding and saturation are not counted.',
});

/** QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear. */
export const quantizeOps: OpDefinition[] = [quantizeLinear, dequantizeLinear, dynamicQuantizeLinear];
