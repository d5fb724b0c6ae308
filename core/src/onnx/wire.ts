/**
 * Protobuf wire-format primitives over a byte window. A {@link Cursor} reads a buffer that holds the
 * file bytes `[base, base + buf.length)`; positions inside are buffer indices, `base + pos` is the
 * absolute file offset (a plain number, valid past 4 GB). Every read is bounded by an explicit limit;
 * running out of bytes is MODEL_TRUNCATED when the limit is the end of the file and MODEL_INVALID when
 * it is the end of an enclosing message (the lengths disagree).
 */
import { AutodocError } from '../diagnostics/autodoc-error.js';

/** Wire types used by onnx.proto (groups, 3 and 4, are not). */
export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

/** A read position in a window of the file. */
export class Cursor {
  buf: Buffer;
  view: DataView;
  /** Absolute file offset of buf[0]. */
  base: number;
  pos = 0;
  /** Buffer index of the current field's tag (set by the drivers; payload spans start there). */
  tagStart = 0;
  /** Low and high 32 bits of the last varint read by readVarint64. */
  lo = 0;
  hi = 0;

  constructor(
    buf: Buffer,
    base: number,
    /** Size of the whole file, to tell truncation from inconsistent lengths. */
    readonly fileSize: number,
  ) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.base = base;
  }

  /** Points the cursor at another buffer (after a window refill). */
  reset(buf: Buffer, base: number): void {
    if (buf !== this.buf) {
      this.buf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    this.base = base;
    this.pos = 0;
  }
}

/** Throws MODEL_INVALID with the absolute offset in the message. */
export function invalid(c: Cursor, at: number, what: string): never {
  throw new AutodocError(
    'MODEL_INVALID',
    `Not a valid ONNX model: ${what} at byte ${c.base + at}.`,
    'The file is corrupt or is not an ONNX ModelProto; re-export or re-download it.',
  );
}

/** Throws MODEL_TRUNCATED. */
export function truncated(fileSize: number, what: string): never {
  throw new AutodocError(
    'MODEL_TRUNCATED',
    `The model file ends early (${fileSize} bytes): ${what}.`,
    'The file was cut short (incomplete download or copy); fetch it again.',
  );
}

function outOfBytes(c: Cursor, limit: number, what: string): never {
  if (c.base + limit >= c.fileSize) truncated(c.fileSize, `${what} runs past the end of the file`);
  invalid(c, limit, `${what} runs past the end of its enclosing message`);
}

/** Reads a varint of at most 32 significant bits (tags, int32, enums, lengths < 2^32 fast path). */
export function readVarint32(c: Cursor, limit: number): number {
  const buf = c.buf;
  const p = c.pos;
  if (p < limit) {
    const b = buf[p];
    if (b < 0x80) {
      c.pos = p + 1;
      return b;
    }
  }
  // Slow path: full 64-bit read, keep the low 32 bits (protobuf truncates int32 this way).
  readVarint64(c, limit);
  return c.lo;
}

/**
 * Reads a varint of up to 10 bytes into c.lo / c.hi (unsigned halves) and returns it as a signed
 * int64 JS number (exact when |v| ≤ 2^53, otherwise the nearest double). An 11th byte is MODEL_INVALID.
 */
export function readVarint64(c: Cursor, limit: number): number {
  const buf = c.buf;
  let p = c.pos;
  let lo = 0;
  let hi = 0;
  let b: number;
  let i = 0;
  // Bytes 0..3 carry 28 bits of lo.
  for (; i < 4; i++) {
    if (p >= limit) outOfBytes(c, limit, 'a varint');
    b = buf[p++];
    lo |= (b & 0x7f) << (i * 7);
    if (b < 0x80) {
      c.pos = p;
      c.lo = lo >>> 0;
      c.hi = 0;
      return lo >>> 0;
    }
  }
  // Byte 4: 4 bits to lo, 3 bits to hi.
  if (p >= limit) outOfBytes(c, limit, 'a varint');
  b = buf[p++];
  lo |= (b & 0x0f) << 28;
  hi = (b & 0x7f) >> 4;
  if (b >= 0x80) {
    for (i = 0; i < 5; i++) {
      if (p >= limit) outOfBytes(c, limit, 'a varint');
      b = buf[p++];
      hi |= (b & 0x7f) << (i * 7 + 3);
      if (b < 0x80) break;
    }
    if (b >= 0x80) invalid(c, c.pos, 'a varint longer than 10 bytes');
  }
  c.pos = p;
  c.lo = lo >>> 0;
  c.hi = hi >>> 0;
  return (hi | 0) * 4294967296 + (lo >>> 0);
}

/** Reads a field key; field number 0 and wire types 3, 4, 6, 7 are MODEL_INVALID. */
export function readTag(c: Cursor, limit: number): number {
  const at = c.pos;
  const tag = readVarint32(c, limit);
  if (c.hi !== 0 && c.buf[at] >= 0x80) invalid(c, at, 'a field key wider than 32 bits');
  const wire = tag & 7;
  if (tag >>> 3 === 0) invalid(c, at, 'field number 0');
  if (wire !== VARINT && wire !== LEN && wire !== I32 && wire !== I64)
    invalid(c, at, `wire type ${wire} (groups and reserved wire types are not used by ONNX)`);
  return tag >>> 0;
}

/**
 * Reads a length prefix and checks it against the enclosing message's absolute end `msgEnd`: a
 * length past the message end is MODEL_INVALID, unless the message itself reaches the end of the
 * file, in which case running past the file is MODEL_TRUNCATED. Lengths ≥ 2^53 are MODEL_INVALID.
 */
export function readLength(c: Cursor, limit: number, msgEnd: number): number {
  const at = c.pos;
  const len = readVarint64(c, limit);
  if (c.hi >= 0x200000) invalid(c, at, 'a length beyond 2^53 (wraps)');
  const start = c.base + c.pos;
  if (start + len > msgEnd) {
    if (msgEnd >= c.fileSize && start + len > c.fileSize) {
      truncated(c.fileSize, `a field at byte ${c.base + at} declares ${len} bytes up to byte ${start + len}`);
    }
    invalid(c, at, `a field of ${len} bytes runs past the end of its enclosing message (byte ${msgEnd})`);
  }
  return len;
}

/** Skips one field value of wire type `wire` (the key already read). */
export function skipField(c: Cursor, wire: number, limit: number): void {
  switch (wire) {
    case VARINT:
      readVarint64(c, limit);
      return;
    case I64:
      if (c.pos + 8 > limit) outOfBytes(c, limit, 'a fixed64 value');
      c.pos += 8;
      return;
    case I32:
      if (c.pos + 4 > limit) outOfBytes(c, limit, 'a fixed32 value');
      c.pos += 4;
      return;
    case LEN: {
      const len = readLength(c, limit, c.base + limit);
      c.pos += len;
      return;
    }
  }
}

/** Reads a little-endian float32 (wire type 5). */
export function readFloat(c: Cursor, limit: number): number {
  if (c.pos + 4 > limit) outOfBytes(c, limit, 'a float value');
  const v = c.view.getFloat32(c.pos, true);
  c.pos += 4;
  return v;
}
