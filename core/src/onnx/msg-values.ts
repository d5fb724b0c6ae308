/**
 * Small messages decoded synchronously from a buffer: TypeProto (and its Tensor/Sequence/Map/Optional
 * parts, TensorShapeProto), ValueInfoProto, OperatorSetIdProto, StringStringEntryProto, and repeated
 * numbers (packed or not). Nesting depth is carried and checked like the containers'.
 */
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { type DecodeContext, MAX_PROTO_DEPTH, readString } from './decoder.js';
import type { OnnxDim, OnnxType, OnnxValueInfo } from './types.js';
import { type Cursor, I32, LEN, VARINT, invalid, readFloat, readLength, readTag, readVarint64, skipField } from './wire.js';

function checkDepth(depth: number): void {
  if (depth > MAX_PROTO_DEPTH) {
    throw new AutodocError(
      'RESOURCE_LIMIT',
      `The model nests protobuf messages more than ${MAX_PROTO_DEPTH} deep.`,
      'Such nesting does not occur in real models; the file is probably corrupt or hostile.',
    );
  }
}

function want(c: Cursor, msg: string, f: number, w: number, expected: number): void {
  if (w !== expected) invalid(c, c.tagStart, `field ${f} of ${msg} has wire type ${w}, expected ${expected}`);
}

/** Converts the int64 just read (c.hi/c.lo) to a dim: -1 with a warning when outside ±2^53. */
export function int64ToDim(ctx: DecodeContext, v: number): number {
  if (Number.isSafeInteger(v)) return v;
  ctx.warnings.add(
    'DIM_OUT_OF_RANGE',
    'A dimension is outside ±2^53; it is read as -1 (unknown).',
    'Check the exporter: no real tensor has a dimension this large.',
  );
  return -1;
}

/** Appends one dims value (wire VARINT) or a packed run (wire LEN) to `out`. */
export function readDims(ctx: DecodeContext, c: Cursor, w: number, limit: number, out: number[], msg: string, f: number): void {
  if (w === VARINT) {
    out.push(int64ToDim(ctx, readVarint64(c, limit)));
    return;
  }
  want(c, msg, f, w, LEN);
  const len = readLength(c, limit, c.base + limit);
  const end = c.pos + len;
  while (c.pos < end) out.push(int64ToDim(ctx, readVarint64(c, end)));
}

/** Appends int64 values as JS numbers (nearest double outside ±2^53, e.g. INT64_MAX sentinels). */
export function readInt64s(c: Cursor, w: number, limit: number, out: number[], msg: string, f: number): void {
  if (w === VARINT) {
    out.push(readVarint64(c, limit));
    return;
  }
  want(c, msg, f, w, LEN);
  const len = readLength(c, limit, c.base + limit);
  const end = c.pos + len;
  while (c.pos < end) out.push(readVarint64(c, end));
}

/** Appends float32 values (wire I32 one value, wire LEN packed). */
export function readFloats(c: Cursor, w: number, limit: number, out: number[], msg: string, f: number): void {
  if (w === I32) {
    out.push(readFloat(c, limit));
    return;
  }
  want(c, msg, f, w, LEN);
  const len = readLength(c, limit, c.base + limit);
  if (len % 4 !== 0) invalid(c, c.pos, `a packed float list of ${len} bytes (not a multiple of 4)`);
  const end = c.pos + len;
  while (c.pos < end) out.push(readFloat(c, end));
}

/** Checks a string field's wire type and steps over its bytes: returns where they start (they end at c.pos). */
export function stringSpan(c: Cursor, w: number, limit: number, msg: string, f: number): number {
  want(c, msg, f, w, LEN);
  const len = readLength(c, limit, c.base + limit);
  const start = c.pos;
  c.pos = start + len;
  return start;
}

/** Reads a string field, checking its wire type. */
export function stringField(ctx: DecodeContext, c: Cursor, w: number, limit: number, msg: string, f: number): string {
  want(c, msg, f, w, LEN);
  return readString(ctx, c, limit);
}

/** Reads an int32/enum varint field, checking its wire type. */
export function int32Field(c: Cursor, w: number, limit: number, msg: string, f: number): number {
  want(c, msg, f, w, VARINT);
  readVarint64(c, limit);
  return c.lo | 0;
}

/** Reads an int64 varint field as a number (nearest double outside ±2^53). */
export function int64Field(c: Cursor, w: number, limit: number, msg: string, f: number): number {
  want(c, msg, f, w, VARINT);
  return readVarint64(c, limit);
}

/** Positions after a LEN key: returns the end index of the sub-message. */
function subEnd(c: Cursor, w: number, limit: number, msg: string, f: number): number {
  want(c, msg, f, w, LEN);
  const len = readLength(c, limit, c.base + limit);
  return c.pos + len;
}

/** Decodes a TensorShapeProto, appending its dims to `out`. */
function decodeShape(ctx: DecodeContext, c: Cursor, end: number, depth: number, out: OnnxDim[]): void {
  checkDepth(depth);
  while (c.pos < end) {
    c.tagStart = c.pos;
    const tag = readTag(c, end);
    const f = tag >>> 3;
    const w = tag & 7;
    if (f !== 1) {
      skipField(c, w, end);
      continue;
    }
    const dEnd = subEnd(c, w, end, 'TensorShapeProto', 1);
    checkDepth(depth + 1);
    let dim: OnnxDim = null;
    while (c.pos < dEnd) {
      c.tagStart = c.pos;
      const t2 = readTag(c, dEnd);
      const f2 = t2 >>> 3;
      const w2 = t2 & 7;
      if (f2 === 1) dim = int64ToDim(ctx, int64Field(c, w2, dEnd, 'Dimension', 1));
      else if (f2 === 2) dim = stringField(ctx, c, w2, dEnd, 'Dimension', 2);
      else skipField(c, w2, dEnd);
    }
    out.push(dim);
  }
}

type MutableType = { kind: string; elemType?: number; shape?: OnnxDim[]; elem?: OnnxType; keyType?: number; value?: OnnxType };

/** Decodes TypeProto.Tensor / TypeProto.SparseTensor into `t` (merging). */
function decodeTensorType(ctx: DecodeContext, c: Cursor, end: number, depth: number, t: MutableType): void {
  checkDepth(depth);
  while (c.pos < end) {
    c.tagStart = c.pos;
    const tag = readTag(c, end);
    const f = tag >>> 3;
    const w = tag & 7;
    if (f === 1) t.elemType = int32Field(c, w, end, 'TypeProto.Tensor', 1);
    else if (f === 2) {
      const sEnd = subEnd(c, w, end, 'TypeProto.Tensor', 2);
      t.shape ??= [];
      decodeShape(ctx, c, sEnd, depth + 1, t.shape);
    } else skipField(c, w, end);
  }
}

/** Decodes a message whose field `field` is a TypeProto (Sequence, Optional, Map value), merging into `prev`. */
function decodeWrapped(ctx: DecodeContext, c: Cursor, end: number, depth: number, field: number, msg: string, t: MutableType, key: 'elem' | 'value'): void {
  checkDepth(depth);
  while (c.pos < end) {
    c.tagStart = c.pos;
    const tag = readTag(c, end);
    const f = tag >>> 3;
    const w = tag & 7;
    if (f === field) {
      const e = subEnd(c, w, end, msg, f);
      t[key] = decodeType(ctx, c, e, depth + 1, t[key]);
    } else if (f === 1 && key === 'value') t.keyType = int32Field(c, w, end, msg, 1);
    else skipField(c, w, end);
  }
}

/**
 * Decodes a TypeProto from c.pos to `end`, merged into `prev` as protobuf merges a repeated
 * singular message. Returns undefined for a type the reader does not model (opaque, or none set).
 */
export function decodeType(ctx: DecodeContext, c: Cursor, end: number, depth: number, prev?: OnnxType): OnnxType | undefined {
  checkDepth(depth);
  let t = prev as MutableType | undefined;
  const as = (kind: string): MutableType => {
    if (t?.kind !== kind) {
      t = { kind };
      if (kind === 'tensor' || kind === 'sparse_tensor') t.elemType = 0;
      if (kind === 'map') t.keyType = 0;
    }
    return t;
  };
  while (c.pos < end) {
    c.tagStart = c.pos;
    const tag = readTag(c, end);
    const f = tag >>> 3;
    const w = tag & 7;
    switch (f) {
      case 1:
        decodeTensorType(ctx, c, subEnd(c, w, end, 'TypeProto', f), depth + 1, as('tensor'));
        break;
      case 8:
        decodeTensorType(ctx, c, subEnd(c, w, end, 'TypeProto', f), depth + 1, as('sparse_tensor'));
        break;
      case 4:
        decodeWrapped(ctx, c, subEnd(c, w, end, 'TypeProto', f), depth + 1, 1, 'TypeProto.Sequence', as('sequence'), 'elem');
        break;
      case 9:
        decodeWrapped(ctx, c, subEnd(c, w, end, 'TypeProto', f), depth + 1, 1, 'TypeProto.Optional', as('optional'), 'elem');
        break;
      case 5:
        decodeWrapped(ctx, c, subEnd(c, w, end, 'TypeProto', f), depth + 1, 2, 'TypeProto.Map', as('map'), 'value');
        break;
      case 7: // opaque_type: not modelled
        c.pos = subEnd(c, w, end, 'TypeProto', f);
        t = undefined;
        break;
      default:
        skipField(c, w, end);
    }
  }
  return t as OnnxType | undefined;
}

/** Decodes a ValueInfoProto (the key already read). */
export function valueInfoField(ctx: DecodeContext, c: Cursor, w: number, limit: number, depth: number, msg: string, f: number): OnnxValueInfo {
  const end = subEnd(c, w, limit, msg, f);
  checkDepth(depth + 1);
  const v: OnnxValueInfo = { name: '', docString: '' };
  while (c.pos < end) {
    c.tagStart = c.pos;
    const tag = readTag(c, end);
    const f2 = tag >>> 3;
    const w2 = tag & 7;
    if (f2 === 1) v.name = stringField(ctx, c, w2, end, 'ValueInfoProto', 1);
    else if (f2 === 2) {
      const tEnd = subEnd(c, w2, end, 'ValueInfoProto', 2);
      const t = decodeType(ctx, c, tEnd, depth + 2, v.type);
      if (t) v.type = t;
      else delete v.type;
    } else if (f2 === 3) v.docString = stringField(ctx, c, w2, end, 'ValueInfoProto', 3);
    else skipField(c, w2, end);
  }
  return v;
}

/** Decodes an OperatorSetIdProto into `out` ('' → 'ai.onnx'). */
export function opsetField(ctx: DecodeContext, c: Cursor, w: number, limit: number, out: Record<string, number>, msg: string, f: number): void {
  const end = subEnd(c, w, limit, msg, f);
  let domain = '';
  let version = 0;
  while (c.pos < end) {
    c.tagStart = c.pos;
    const tag = readTag(c, end);
    const f2 = tag >>> 3;
    const w2 = tag & 7;
    if (f2 === 1) domain = stringField(ctx, c, w2, end, 'OperatorSetIdProto', 1);
    else if (f2 === 2) version = int64Field(c, w2, end, 'OperatorSetIdProto', 2);
    else skipField(c, w2, end);
  }
  out[domain === '' ? 'ai.onnx' : domain] = version;
}

/** Decodes a StringStringEntryProto as [key, value]. */
export function entryField(ctx: DecodeContext, c: Cursor, w: number, limit: number, msg: string, f: number): [string, string] {
  const end = subEnd(c, w, limit, msg, f);
  let key = '';
  let value = '';
  while (c.pos < end) {
    c.tagStart = c.pos;
    const tag = readTag(c, end);
    const f2 = tag >>> 3;
    const w2 = tag & 7;
    if (f2 === 1) key = stringField(ctx, c, w2, end, 'StringStringEntryProto', 1);
    else if (f2 === 2) value = stringField(ctx, c, w2, end, 'StringStringEntryProto', 2);
    else skipField(c, w2, end);
  }
  return [key, value];
}
