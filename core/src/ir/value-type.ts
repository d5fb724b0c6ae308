import type { Dim } from '../dims/index.js';

/** TensorProto.DataType names, as the report prints them (`FLOAT`, `INT64`, `FLOAT8E4M3FN`, …). */
export type DTypeName = string;

/** A tensor's type as inference knows it. `shape` undefined = rank unknown; a dim may be symbolic. */
export interface TensorType {
  readonly kind: 'tensor' | 'sparse_tensor';
  readonly dtype: DTypeName | undefined;
  readonly shape: readonly Dim[] | undefined;
}

/**
 * Every type a value can have (ONNX TypeProto), with symbolic dims. A sequence has one element type
 * for all its elements and says nothing of its length, unless `empty` is set: the sequence is known
 * to hold no element (SequenceEmpty, or a join of such), so its `elem` is the declared element type
 * without a shape, or undefined. Joining an empty sequence with a sequence S gives S; an unknown
 * `elem` (no `empty`) joins to unknown.
 */
export type ValueType =
  | TensorType
  | { readonly kind: 'sequence'; readonly elem: ValueType | undefined; readonly empty?: true }
  | { readonly kind: 'map'; readonly keyType: DTypeName; readonly value: ValueType | undefined }
  | { readonly kind: 'optional'; readonly elem: ValueType | undefined };

/**
 * What a shape rule returns for one output: its type and, for small integer tensors whose contents
 * are known (shape arithmetic: Shape → Gather → Concat …), the contents, whose elements may be symbolic.
 */
export type InferredType = ValueType & { readonly value?: readonly Dim[] };

export function tensorType(dtype: DTypeName | undefined, shape: readonly Dim[] | undefined): TensorType {
  return { kind: 'tensor', dtype, shape };
}

export function isTensorType(t: ValueType | undefined): t is TensorType {
  return t !== undefined && (t.kind === 'tensor' || t.kind === 'sparse_tensor');
}
