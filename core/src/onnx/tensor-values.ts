/**
 * readTensorValues: reads a small tensor's contents on demand (shape constants, axes, pads). Raw
 * data is little-endian and unaligned, so every value goes through a DataView. External data is read
 * only here, from the path checked at load, opened non-blocking and re-checked to be a regular file.
 */
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { readAtMost } from './file-window.js';
import { DataType as D, storageBytes } from './dtypes.js';
import type { OnnxModel, OnnxTensor, TensorPayloadField } from './types.js';
import { Cursor, I32, I64, LEN, VARINT, readLength, readTag, readVarint64, skipField } from './wire.js';

/** Options of {@link readTensorValues}. */
export interface ReadTensorValuesOptions {
  /** Largest element count to read; bigger tensors give undefined without any read. */
  maxElements: number;
  /** The model file, already open (many small reads); else it is opened for this read. */
  modelFile?: FileHandle;
}

/** The typed field that may hold each data type (onnx.proto TensorProto comments). */
function typedFieldFor(dtype: number): TensorPayloadField | undefined {
  switch (dtype) {
    case D.FLOAT:
      return 'float_data';
    case D.INT64:
      return 'int64_data';
    case D.DOUBLE:
      return 'double_data';
    case D.UINT32:
    case D.UINT64:
      return 'uint64_data';
    case D.INT32:
    case D.INT16:
    case D.INT8:
    case D.UINT16:
    case D.UINT8:
    case D.BOOL:
    case D.FLOAT16:
    case D.BFLOAT16:
      return 'int32_data';
    default:
      return undefined;
  }
}

const FIELD_NUMBER: Record<TensorPayloadField, number> = {
  float_data: 4,
  int32_data: 5,
  string_data: 6,
  int64_data: 7,
  raw_data: 9,
  double_data: 10,
  uint64_data: 11,
};

const scratch = new DataView(new ArrayBuffer(4));

/** IEEE 754 half precision bits → number. */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24; // zero and subnormals
  if (exp === 0x1f) return mant === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** bfloat16 bits (the top half of a float32) → number. */
export function bfloat16ToNumber(bits: number): number {
  scratch.setUint32(0, (bits & 0xffff) << 16);
  return scratch.getFloat32(0);
}

function isSupported(dtype: number): boolean {
  return typedFieldFor(dtype) !== undefined;
}

function decodeRaw(view: DataView, dtype: number, n: number): number[] | bigint[] {
  if (dtype === D.INT64 || dtype === D.UINT64) {
    const out: bigint[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = dtype === D.INT64 ? view.getBigInt64(i * 8, true) : view.getBigUint64(i * 8, true);
    return out;
  }
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    switch (dtype) {
      case D.FLOAT:
        out[i] = view.getFloat32(i * 4, true);
        break;
      case D.DOUBLE:
        out[i] = view.getFloat64(i * 8, true);
        break;
      case D.FLOAT16:
        out[i] = float16ToNumber(view.getUint16(i * 2, true));
        break;
      case D.BFLOAT16:
        out[i] = bfloat16ToNumber(view.getUint16(i * 2, true));
        break;
      case D.UINT8:
        out[i] = view.getUint8(i);
        break;
      case D.INT8:
        out[i] = view.getInt8(i);
        break;
      case D.BOOL:
        out[i] = view.getUint8(i) !== 0 ? 1 : 0;
        break;
      case D.UINT16:
        out[i] = view.getUint16(i * 2, true);
        break;
      case D.INT16:
        out[i] = view.getInt16(i * 2, true);
        break;
      case D.INT32:
        out[i] = view.getInt32(i * 4, true);
        break;
      case D.UINT32:
        out[i] = view.getUint32(i * 4, true);
        break;
    }
  }
  return out;
}

/** Converts one element read from a typed field (c.lo/c.hi for varints) to the tensor's dtype. */
function typedElement(c: Cursor, dtype: number, wire: number, limit: number): number | bigint {
  if (wire === I32) {
    if (c.pos + 4 > limit) throw new RangeError('short float');
    const v = c.view.getFloat32(c.pos, true);
    c.pos += 4;
    return v;
  }
  if (wire === I64) {
    if (c.pos + 8 > limit) throw new RangeError('short double');
    const v = c.view.getFloat64(c.pos, true);
    c.pos += 8;
    return v;
  }
  readVarint64(c, limit);
  const big = (BigInt(c.hi) << 32n) | BigInt(c.lo);
  switch (dtype) {
    case D.INT64:
      return BigInt.asIntN(64, big);
    case D.UINT64:
      return big;
    case D.UINT32:
      return c.lo;
    case D.FLOAT16:
      return float16ToNumber(c.lo & 0xffff);
    case D.BFLOAT16:
      return bfloat16ToNumber(c.lo & 0xffff);
    case D.BOOL:
      return c.lo !== 0 ? 1 : 0;
    default:
      return c.lo | 0; // int32_data holds int8/uint8/int16/uint16/int32 as int32
  }
}

function elementWire(field: TensorPayloadField): number {
  return field === 'float_data' ? I32 : field === 'double_data' ? I64 : VARINT;
}

/** Decodes a typed-field payload; undefined when its count is not `n`. */
function decodeTyped(
  buf: Buffer,
  base: number,
  fileSize: number,
  field: TensorPayloadField,
  unpacked: boolean,
  dtype: number,
  n: number,
): (number | bigint)[] | undefined {
  const c = new Cursor(buf, base, fileSize);
  const out: (number | bigint)[] = [];
  const wire = elementWire(field);
  const run = (end: number) => {
    while (c.pos < end) {
      if (out.length >= n) return false;
      out.push(typedElement(c, dtype, wire, end));
    }
    return true;
  };
  try {
    if (!unpacked) {
      if (!run(buf.length)) return undefined;
    } else {
      const want = FIELD_NUMBER[field];
      while (c.pos < buf.length) {
        c.tagStart = c.pos;
        const tag = readTag(c, buf.length);
        const w = tag & 7;
        if (tag >>> 3 !== want) skipField(c, w, buf.length);
        else if (w === LEN) {
          const len = readLength(c, buf.length, base + buf.length);
          if (!run(c.pos + len)) return undefined;
        } else if (w === wire) {
          if (out.length >= n) return undefined;
          out.push(typedElement(c, dtype, wire, buf.length));
        } else return undefined;
      }
    }
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  return out.length === n ? out : undefined;
}

function readAt(fh: FileHandle, offset: number, length: number): Buffer | undefined {
  const buf = Buffer.allocUnsafe(length);
  return readAtMost(fh, buf, length, offset) === length ? buf : undefined;
}

/**
 * Reads a small tensor's values: int64/uint64 as bigint[], every other supported type as number[]
 * (FLOAT, DOUBLE, FLOAT16, BFLOAT16, BOOL as 0/1, (U)INT8/16/32). Returns undefined when the tensor has
 * more than `maxElements` elements, an unsupported type (STRING, complex, 8/4/2-bit), no data, data of
 * the wrong size, or external data that was not usable at load.
 */
export async function readTensorValues(model: OnnxModel, tensor: OnnxTensor, options: ReadTensorValuesOptions): Promise<number[] | bigint[] | undefined> {
  const n = tensor.elementCount;
  const dtype = tensor.dataType;
  if (n < 0 || n > options.maxElements || !isSupported(dtype)) return undefined;
  const rawBytes = storageBytes(dtype, n)!;
  if (tensor.external) {
    const ext = tensor.external;
    if (ext.path === undefined || (ext.length !== undefined && ext.length !== rawBytes)) return undefined;
    // O_NONBLOCK: should the path have become a FIFO since load, open must not wait for a writer.
    const fh = await open(ext.path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = await fh.stat();
      if (!st.isFile() || ext.offset + rawBytes > st.size) return undefined;
      const buf = readAt(fh, ext.offset, rawBytes);
      return buf && decodeRaw(new DataView(buf.buffer, buf.byteOffset, buf.byteLength), dtype, n);
    } finally {
      await fh.close();
    }
  }
  const p = tensor.payload;
  if (!p) return n === 0 ? (dtype === D.INT64 || dtype === D.UINT64 ? ([] as bigint[]) : []) : undefined;
  if (p.field === 'raw_data') {
    if (p.length !== rawBytes) return undefined;
  } else {
    if (p.field !== typedFieldFor(dtype)) return undefined;
    // Bound the read by what n elements can take (key + 10-byte varint each when unpacked).
    if (p.length > 64 + n * (p.unpacked ? 12 : 10)) return undefined;
  }
  let buf: Buffer | undefined;
  if (options.modelFile) buf = readAt(options.modelFile, p.offset, p.length);
  else {
    const fh = await open(model.path, 'r');
    try {
      buf = readAt(fh, p.offset, p.length);
    } finally {
      await fh.close();
    }
  }
  if (!buf) return undefined;
  if (p.field === 'raw_data') return decodeRaw(new DataView(buf.buffer, buf.byteOffset, buf.byteLength), dtype, n);
  const values = decodeTyped(buf, p.offset, model.fileBytes, p.field, p.unpacked === true, dtype, n);
  return values as number[] | bigint[] | undefined;
}
