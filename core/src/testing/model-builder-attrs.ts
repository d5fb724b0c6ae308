/**
 * Node attribute values (AttributeProto) for the model builder.
 *
 * Plain JavaScript values map to attribute types by shape: an integer number or bigint is INT, a
 * non-integer number FLOAT, a string or Uint8Array STRING, an array of integers (or bigints) INTS, an
 * array of strings STRINGS. Wrappers say what plain values cannot: {@link attrFloat}, {@link attrFloats},
 * {@link attrInts} (empty lists), {@link attrRef}, {@link attrType}.
 */
import type { Rope } from './proto-writer-rope.js';
import type { Encoder } from './proto-writer-encoder.js';
import { SparseTensorValue, TensorValue } from './model-builder-tensor.js';
import { type TypeSpec, writeTypeBody } from './model-builder-types.js';

/** AttributeProto.AttributeType names. */
export type AttrTypeName =
  | 'FLOAT'
  | 'INT'
  | 'STRING'
  | 'TENSOR'
  | 'GRAPH'
  | 'FLOATS'
  | 'INTS'
  | 'STRINGS'
  | 'TENSORS'
  | 'GRAPHS'
  | 'SPARSE_TENSOR'
  | 'SPARSE_TENSORS'
  | 'TYPE_PROTO'
  | 'TYPE_PROTOS';

/** AttributeProto.AttributeType codes. */
export const ATTR_TYPE_CODES: Readonly<Record<AttrTypeName, number>> = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
  SPARSE_TENSOR: 11,
  SPARSE_TENSORS: 12,
  TYPE_PROTO: 13,
  TYPE_PROTOS: 14,
};

/** An encoded GraphProto, usable as a `GRAPH`/`GRAPHS` attribute (If/Loop/Scan bodies). */
export class GraphValue {
  constructor(
    /** The GraphProto's encoded fields. */
    readonly rope: Rope,
    readonly name: string,
  ) {}
}

/** A FLOAT attribute (`{ float: 1 }` is accepted too). */
export interface FloatAttr {
  readonly float: number;
}
/** A FLOATS attribute. */
export interface FloatsAttr {
  readonly floats: readonly number[];
}
/** An INTS attribute (needed for an empty list, which is otherwise ambiguous). */
export interface IntsAttr {
  readonly ints: readonly (number | bigint)[];
}
/** A STRINGS attribute. */
export interface StringsAttr {
  readonly strings: readonly (string | Uint8Array)[];
}
/** A reference to an attribute of the enclosing function (`ref_attr_name`); only valid in function bodies. */
export interface RefAttr {
  readonly ref: string;
  readonly refType: AttrTypeName;
}
/** A TYPE_PROTO attribute. */
export interface TypeProtoAttr {
  readonly typeProto: TypeSpec;
}
/** A TYPE_PROTOS attribute. */
export interface TypeProtosAttr {
  readonly typeProtos: readonly TypeSpec[];
}

/** Any attribute value the builder accepts. */
export type AttrValue =
  | number
  | bigint
  | string
  | Uint8Array
  | readonly number[]
  | readonly bigint[]
  | readonly string[]
  | FloatAttr
  | FloatsAttr
  | IntsAttr
  | StringsAttr
  | RefAttr
  | TypeProtoAttr
  | TypeProtosAttr
  | TensorValue
  | readonly TensorValue[]
  | GraphValue
  | readonly GraphValue[]
  | SparseTensorValue
  | readonly SparseTensorValue[];

/** Attribute values by name. */
export type Attrs = Readonly<Record<string, AttrValue | undefined>>;

/** A FLOAT attribute, also for integral values (`attrFloat(1)` is FLOAT 1.0, not INT 1). */
export function attrFloat(x: number): FloatAttr {
  return { float: x };
}
/** A FLOATS attribute. */
export function attrFloats(xs: readonly number[]): FloatsAttr {
  return { floats: xs };
}
/** An INTS attribute. */
export function attrInts(xs: readonly (number | bigint)[]): IntsAttr {
  return { ints: xs };
}
/** A STRINGS attribute. */
export function attrStrings(xs: readonly (string | Uint8Array)[]): StringsAttr {
  return { strings: xs };
}
/** A reference to the enclosing function's attribute `name` of type `type`. */
export function attrRef(name: string, type: AttrTypeName): RefAttr {
  return { ref: name, refType: type };
}
/** A TYPE_PROTO attribute. */
export function attrType(type: TypeSpec): TypeProtoAttr {
  return { typeProto: type };
}
/** A TYPE_PROTOS attribute. */
export function attrTypes(types: readonly TypeSpec[]): TypeProtosAttr {
  return { typeProtos: types };
}

function utf8(s: string | Uint8Array): Uint8Array {
  return typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
}

function isInt(v: unknown): boolean {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

/** The attribute type a value encodes as. */
export function attrTypeOf(name: string, value: AttrValue): AttrTypeName {
  if (typeof value === 'number') return Number.isInteger(value) ? 'INT' : 'FLOAT';
  if (typeof value === 'bigint') return 'INT';
  if (typeof value === 'string' || value instanceof Uint8Array) return 'STRING';
  if (value instanceof TensorValue) return 'TENSOR';
  if (value instanceof GraphValue) return 'GRAPH';
  if (value instanceof SparseTensorValue) return 'SPARSE_TENSOR';
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (value.length === 0 || isInt(first)) {
      if (!value.every(isInt)) {
        throw new TypeError(`attribute '${name}': a plain number array is INTS; wrap floats in attrFloats([...])`);
      }
      return 'INTS';
    }
    if (typeof first === 'string') return 'STRINGS';
    if (first instanceof TensorValue) return 'TENSORS';
    if (first instanceof GraphValue) return 'GRAPHS';
    if (first instanceof SparseTensorValue) return 'SPARSE_TENSORS';
    throw new TypeError(`attribute '${name}': cannot tell the type of this list; use attrFloats/attrInts/attrStrings`);
  }
  const v = value as object;
  if ('float' in v) return 'FLOAT';
  if ('floats' in v) return 'FLOATS';
  if ('ints' in v) return 'INTS';
  if ('strings' in v) return 'STRINGS';
  if ('ref' in v) return (v as RefAttr).refType;
  if ('typeProto' in v) return 'TYPE_PROTO';
  if ('typeProtos' in v) return 'TYPE_PROTOS';
  throw new TypeError(`attribute '${name}': unsupported value`);
}

/**
 * Writes one AttributeProto as field `field`, fields in number order (name, value field, type), as
 * onnx.helper.make_attribute serialises. Repeated ints/floats are unpacked (onnx.proto declares
 * them without `packed`).
 */
export function writeAttribute(e: Encoder, field: number, name: string, value: AttrValue): void {
  const type = attrTypeOf(name, value);
  e.message(field, (a) => {
    a.string(1, name);
    if (typeof value === 'object' && value !== null && 'ref' in value && !Array.isArray(value)) {
      a.varint(20, ATTR_TYPE_CODES[type]);
      a.string(21, (value as RefAttr).ref);
      return;
    }
    const list = <T>(key: string): readonly T[] =>
      Array.isArray(value) ? (value as readonly T[]) : ((value as unknown as Record<string, readonly T[]>)[key] ?? []);
    switch (type) {
      case 'FLOAT':
        a.float(2, typeof value === 'number' ? value : (value as FloatAttr).float);
        break;
      case 'INT':
        a.varint(3, value as number | bigint);
        break;
      case 'STRING':
        a.bytes(4, utf8(value as string | Uint8Array));
        break;
      case 'TENSOR':
        a.rope(5, (value as TensorValue).rope);
        break;
      case 'GRAPH':
        a.rope(6, (value as GraphValue).rope);
        break;
      case 'FLOATS':
        for (const x of list<number>('floats')) a.float(7, x);
        break;
      case 'INTS':
        for (const x of list<number | bigint>('ints')) a.varint(8, x);
        break;
      case 'STRINGS':
        for (const x of list<string | Uint8Array>('strings')) a.bytes(9, utf8(x));
        break;
      case 'TENSORS':
        for (const t of value as readonly TensorValue[]) a.rope(10, t.rope);
        break;
      case 'GRAPHS':
        for (const g of value as readonly GraphValue[]) a.rope(11, g.rope);
        break;
      case 'TYPE_PROTO':
        a.message(14, (t) => writeTypeBody(t, (value as TypeProtoAttr).typeProto));
        break;
      case 'TYPE_PROTOS':
        for (const tp of (value as TypeProtosAttr).typeProtos) a.message(15, (t) => writeTypeBody(t, tp));
        break;
      case 'SPARSE_TENSOR':
      case 'SPARSE_TENSORS':
        break; // written after `type` (fields 22/23)
    }
    a.varint(20, ATTR_TYPE_CODES[type]);
    if (type === 'SPARSE_TENSOR') a.rope(22, (value as SparseTensorValue).rope);
    if (type === 'SPARSE_TENSORS') for (const s of value as readonly SparseTensorValue[]) a.rope(23, s.rope);
  });
}
