/** Identity, Cast and CastLike: same shape, contents carried (converted for Cast). */
import { dataTypeName, defineOp, dtypeByName, type Dim, type TensorArg } from '@autodoc/core';
import { toFloatValues } from '../util/float-value.js';
import { asInferred, passValue, tensorOut } from './tensor-common.js';

/** Identity (since 1; sequences and optionals since 14/16): the input's type and contents. */
export const identityOp = defineOp({
  opType: 'Identity',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    if (!a) return [undefined];
    if (a.type && a.type.kind !== 'tensor' && a.type.kind !== 'sparse_tensor') return [asInferred(a.type)];
    return [tensorOut(a.dtype, a.dims, passValue(a))];
  },
  cost: 'free',
  examples: [{ inputs: [['batch', 3]], expect: { shapes: [['batch', 3]] } }],
  notes: 'No computation.',
});

/** The dtype Cast converts to: `to` is an enum code from opset 6, a type name string in opset 1. */
function castTarget(attr: { i?: number; s?: string } | undefined): string | undefined {
  if (attr?.i !== undefined) return dataTypeName(attr.i);
  if (attr?.s !== undefined) return attr.s.toUpperCase();
  return undefined;
}

/**
 * Known contents converted to `dtype` as Cast does: float → integer truncates toward zero (ONNX Cast),
 * BOOL is x ≠ 0, float targets round to nearest-even in their format. A number outside a narrower
 * integer type's range (undefined behaviour or wrap-around, runtime-specific), NaN/Inf, and the
 * 8/4-bit float targets make the contents unknown rather than a guess.
 */
function convertValue(a: TensorArg, dtype: string | undefined): readonly Dim[] | undefined {
  const v = passValue(a);
  if (!v || !dtype) return undefined;
  const info = dtypeByName(dtype);
  if (!info) return undefined;
  if (info.isFloat) return toFloatValues(v, dtype);
  if (dtype === 'BOOL') {
    const out: Dim[] = [];
    for (const d of v) {
      if (typeof d !== 'number' || Number.isNaN(d)) return undefined; // a symbol may be 0 or not
      out.push(d !== 0 ? 1 : 0);
    }
    return out;
  }
  if (!info.isInteger) return undefined;
  const range = integerRange(info.bits, info.isSigned);
  const out: Dim[] = [];
  for (const d of v) {
    if (typeof d !== 'number') {
      out.push(d); // a symbolic dim: an integer already
      continue;
    }
    if (!Number.isFinite(d)) return undefined;
    const t = Math.trunc(d) + 0;
    if (range && (t < range[0] || t > range[1])) return undefined;
    out.push(t);
  }
  return out;
}

/**
 * [min, max] of an integer type narrower than 64 bits; undefined for 64-bit types, whose extremes
 * (INT64_MAX as a Slice end) are carried as the nearest double and must pass through unchanged.
 */
function integerRange(bits: number | undefined, signed: boolean): [number, number] | undefined {
  if (bits === undefined || bits >= 64) return undefined;
  return signed ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}

/** Cast (since 1; `saturate` since 19; more dtypes in 21/23/24/25): dtype = `to`. */
export const castOp = defineOp({
  opType: 'Cast',
  since: 1,
  shape: (n) => {
    const a = n.input(0);
    const dtype = castTarget(n.attribute('to'));
    return [a ? tensorOut(dtype, a.dims, convertValue(a, dtype)) : undefined];
  },
  cost: 'free',
  examples: [{ inputs: [['batch', 3]], attrs: { to: 7 }, opset: 13, expect: { shapes: [['batch', 3]] } }],
  notes: 'Counted as data movement: no FLOPs.',
});

/** CastLike (since 15): dtype of the second input. */
export const castLikeOp = defineOp({
  opType: 'CastLike',
  since: 15,
  shape: (n) => {
    const a = n.input(0);
    const dtype = n.input(1)?.dtype;
    return [a ? tensorOut(dtype, a.dims, convertValue(a, dtype)) : undefined];
  },
  cost: 'free',
  examples: [{ inputs: [['batch', 3], [1]], expect: { shapes: [['batch', 3]] } }],
  notes: 'Counted as data movement: no FLOPs.',
});
