/**
 * Value types (TypeProto) and value infos (ValueInfoProto) for the model builder.
 */
import { type DTypeName, dtypeCode } from './model-builder-dtypes.js';
import type { Encoder } from './proto-writer-encoder.js';

/**
 * One dimension: a number (`dim_value`), a string (`dim_param`, a symbol such as `'batch'`), `null`
 * (a Dimension with neither: unknown), or an object to add a denotation.
 */
export type Dim = number | string | null | { value?: number; param?: string; denotation?: string };

/** A shape: `undefined` means rank unknown (no shape field), `[]` is a scalar. */
export type Shape = readonly Dim[] | undefined;

/** A value type: a tensor by default, or a sequence / optional / map / sparse tensor of one. */
export type TypeSpec =
  | { kind: 'tensor'; dtype: DTypeName; shape?: Shape; denotation?: string }
  | { kind: 'sparse'; dtype: DTypeName; shape?: Shape; denotation?: string }
  | { kind: 'sequence'; elem: TypeSpec; denotation?: string }
  | { kind: 'optional'; elem: TypeSpec; denotation?: string }
  | { kind: 'map'; key: DTypeName; value: TypeSpec; denotation?: string };

/** Shorthand for a tensor type. */
export function tensorType(dtype: DTypeName, shape?: Shape): TypeSpec {
  return { kind: 'tensor', dtype, shape };
}

/** Normalises the `(dtype, shape)` or `(TypeSpec)` arguments of input/output/valueInfo. */
export function toTypeSpec(type: DTypeName | TypeSpec | undefined, shape: Shape): TypeSpec | undefined {
  if (type === undefined) return undefined;
  return typeof type === 'string' ? { kind: 'tensor', dtype: type, shape } : type;
}

function writeShape(e: Encoder, field: number, shape: readonly Dim[]): void {
  e.message(field, (s) => {
    for (const d of shape) {
      s.message(1, (dim) => {
        if (typeof d === 'number') dim.varint(1, d);
        else if (typeof d === 'string') dim.string(2, d);
        else if (d !== null) {
          if (d.value !== undefined) dim.varint(1, d.value);
          if (d.param !== undefined) dim.string(2, d.param);
          if (d.denotation !== undefined) dim.string(3, d.denotation);
        }
      });
    }
  });
}

/** Writes a TypeProto as field `field` of the enclosing message. */
export function writeType(e: Encoder, field: number, type: TypeSpec): void {
  e.message(field, (t) => writeTypeBody(t, type));
}

/** Writes the fields of a TypeProto (in field-number order, as protobuf serialisers do). */
export function writeTypeBody(t: Encoder, type: TypeSpec): void {
  // denotation is field 6: after tensor/sequence/map (1, 4, 5), before sparse/optional (8, 9).
  const lateKind = type.kind === 'sparse' || type.kind === 'optional';
  if (lateKind && type.denotation !== undefined) t.string(6, type.denotation);
  switch (type.kind) {
    case 'tensor':
      t.message(1, (tt) => {
        tt.varint(1, dtypeCode(type.dtype));
        if (type.shape !== undefined) writeShape(tt, 2, type.shape);
      });
      break;
    case 'sequence':
      t.message(4, (st) => writeType(st, 1, type.elem));
      break;
    case 'map':
      t.message(5, (mt) => {
        mt.varint(1, dtypeCode(type.key));
        writeType(mt, 2, type.value);
      });
      break;
    case 'sparse':
      t.message(8, (sp) => {
        sp.varint(1, dtypeCode(type.dtype));
        if (type.shape !== undefined) writeShape(sp, 2, type.shape);
      });
      break;
    case 'optional':
      t.message(9, (ot) => writeType(ot, 1, type.elem));
      break;
  }
  if (!lateKind && type.denotation !== undefined) t.string(6, type.denotation);
}

/** Writes a ValueInfoProto (name, type when known, doc string) as field `field`. */
export function writeValueInfo(e: Encoder, field: number, name: string, type: TypeSpec | undefined, docString?: string): void {
  e.message(field, (v) => {
    v.string(1, name);
    if (type !== undefined) writeType(v, 2, type);
    if (docString !== undefined) v.string(3, docString);
  });
}
