/**
 * Declared (file) versus inferred types. A declared number against an inferred different number, a
 * different rank or dtype is a conflict; a declared dim_param is never a conflict (the inferred
 * expression is more precise). Where inference left something open (no shape, no dtype, a generated
 * unknown) the declared fact fills it.
 */
import { dataTypeName, dims, type Dim, type OnnxType, type ValueType } from '@autodoc/core';

export interface Reconciled {
  readonly type: ValueType;
  /** Set when the declared and inferred types disagree: both printed. */
  readonly conflict?: { readonly declared: string; readonly inferred: string };
}

function printShape(shape: readonly Dim[] | undefined): string {
  return shape ? `[${shape.map((d) => dims.format(d)).join(', ')}]` : '[?]';
}

function printDeclared(t: { elemType: number; shape?: (number | string | null)[] }): string {
  const shape = t.shape ? `[${t.shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : '[?]';
  return `${dataTypeName(t.elemType)} ${shape}`;
}

/**
 * Joins an inferred tensor type with its declared type.
 * @param generated true for symbols inference made up (unk__N, named unknowns), which a declared number may replace
 * @param declaredType the declared type converted (dim_params as symbols, bindings applied)
 */
export function reconcile(inferred: ValueType, declared: OnnxType, declaredType: ValueType, trustModel: boolean, generated: (d: Dim) => boolean): Reconciled {
  if (
    (inferred.kind !== 'tensor' && inferred.kind !== 'sparse_tensor') ||
    (declared.kind !== 'tensor' && declared.kind !== 'sparse_tensor') ||
    declaredType.kind !== declared.kind
  ) {
    return { type: inferred };
  }
  const dt = declaredType as { dtype: string | undefined; shape: readonly Dim[] | undefined };
  const declaredDtype = declared.elemType ? dt.dtype : undefined;
  let conflict = false;
  let dtype = inferred.dtype;
  if (declaredDtype !== undefined) {
    if (dtype === undefined) dtype = declaredDtype;
    else if (dtype !== declaredDtype) conflict = true;
  }
  let shape = inferred.shape;
  const ds = declared.shape;
  if (ds && dt.shape) {
    if (!shape) shape = dt.shape;
    else if (shape.length !== ds.length) conflict = true;
    else {
      let filled: Dim[] | undefined;
      for (let k = 0; k < ds.length; k++) {
        const want = ds[k];
        if (typeof want !== 'number' || want < 0) continue;
        const got = shape[k];
        if (typeof got === 'number') {
          if (got !== want) conflict = true;
        } else if (generated(got)) {
          filled ??= [...shape];
          filled[k] = want;
        }
      }
      if (filled) shape = filled;
    }
  }
  if (!conflict) return { type: dtype === inferred.dtype && shape === inferred.shape ? inferred : { kind: inferred.kind, dtype, shape } };
  const report = { declared: printDeclared(declared), inferred: `${inferred.dtype ?? '?'} ${printShape(inferred.shape)}` };
  return { type: trustModel ? declaredType : { kind: inferred.kind, dtype: inferred.dtype ?? declaredDtype, shape }, conflict: report };
}
