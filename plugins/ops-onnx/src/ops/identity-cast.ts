/** Identity, Cast and CastLike: same shape, contents carried (converted for Cast). */
import { dataTypeName, defineOp, dtypeByName, type Dim, type TensorArg } from '@autodoc/core';
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

/** Converts known contents to `dtype`: integers truncate, BOOL is x ≠ 0, floats keep numbers. */
function convertValue(a: TensorArg, dtype: string | undefined): readonly Dim[] | undefined {
  const v = passValue(a);
  if (!v || !dtype) return undefined;
  const info = dtypeByName(dtype);
  if (!info) return undefined;
  if (info.isFloat) return v;
  if (dtype === 'BOOL') {
    const out: Dim[] = [];
    for (const d of v) {
      if (typeof d !== 'number') return undefined; // a symbol may be 0 or not
      out.push(d !== 0 ? 1 : 0);
    }
    return out;
  }
  if (info.isInteger) return v.map((d) => (typeof d === 'number' ? Math.trunc(d) + 0 : d));
  return undefined;
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
