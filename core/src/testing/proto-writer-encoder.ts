/**
 * The protobuf encoder behind {@link ProtoWriter} and the model builder.
 *
 * One growing buffer, written front to back. A nested message reserves one byte for its length,
 * is written in place, and is shifted right only when its length needs more than one varint byte
 * (rare for nodes and attributes, once per graph), so nesting costs no per-message allocation.
 * Payloads and foreign ropes are not copied in: they are recorded as inserts at a buffer offset and
 * become separate rope pieces in {@link Encoder.finish}.
 */
import { type Payload, type Rope, type RopePiece, pieceLength } from './proto-writer-rope.js';

/** Protobuf wire types. */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;

interface Insert {
  at: number;
  piece: RopePiece;
}

const U64_MASK = (1n << 64n) - 1n;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the class is all of ASCII, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/** Number of bytes of the canonical varint encoding of a non-negative integer below 2^53. */
export function varintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Encodes strings, varints, fixed-width numbers and nested messages into a rope. */
export class Encoder {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private pos = 0;
  private readonly inserts: Insert[] = [];
  private insertedBytes = 0;

  /** Bytes encoded so far, payloads included. */
  get length(): number {
    return this.pos + this.insertedBytes;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    // The old buffer stays alive for ropes already handed out by finish(); only new bytes go here.
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Writes a varint with no tag: numbers below 2^53 directly, negative ones as 64-bit two's complement. */
  rawVarint(n: number | bigint): this {
    if (typeof n === 'bigint') return this.rawVarintBig(n);
    if (!Number.isInteger(n)) throw new RangeError(`varint value ${n} is not an integer`);
    if (n < 0 || n > Number.MAX_SAFE_INTEGER) return this.rawVarintBig(BigInt(n));
    this.ensure(8);
    const b = this.buf;
    while (n >= 128) {
      b[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    b[this.pos++] = n;
    return this;
  }

  private rawVarintBig(n: bigint): this {
    let v = n & U64_MASK;
    this.ensure(10);
    while (v >= 128n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  /** Writes a field key (`field << 3 | wireType`). */
  tag(field: number, wireType: number): this {
    return this.rawVarint(field * 8 + wireType);
  }

  /** Writes raw bytes with no tag or length. */
  raw(bytes: Uint8Array): this {
    this.ensure(bytes.byteLength);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.byteLength;
    return this;
  }

  /** A varint field (int32/int64/uint64/enum/bool); negatives take ten bytes, as protobuf does. */
  varint(field: number, n: number | bigint): this {
    return this.tag(field, WireType.VARINT).rawVarint(n);
  }

  /** A 32-bit float field (wire type I32). */
  float(field: number, x: number): this {
    this.tag(field, WireType.I32).ensure(4);
    this.view.setFloat32(this.pos, x, true);
    this.pos += 4;
    return this;
  }

  /** A 64-bit float field (wire type I64). */
  double(field: number, x: number): this {
    this.tag(field, WireType.I64).ensure(8);
    this.view.setFloat64(this.pos, x, true);
    this.pos += 8;
    return this;
  }

  /** A fixed32 field; the value is written as its low 32 bits. */
  fixed32(field: number, n: number): this {
    this.tag(field, WireType.I32).ensure(4);
    this.view.setUint32(this.pos, n >>> 0, true);
    this.pos += 4;
    return this;
  }

  /** A fixed64 field; the value is written as its low 64 bits. */
  fixed64(field: number, n: number | bigint): this {
    this.tag(field, WireType.I64).ensure(8);
    this.view.setBigUint64(this.pos, BigInt(n) & U64_MASK, true);
    this.pos += 8;
    return this;
  }

  /** A length-delimited bytes field, copied in. */
  bytes(field: number, bytes: Uint8Array): this {
    this.tag(field, WireType.LEN).rawVarint(bytes.byteLength);
    return this.raw(bytes);
  }

  /** A UTF-8 string field. */
  string(field: number, s: string): this {
    this.tag(field, WireType.LEN);
    if (ASCII.test(s)) {
      const n = s.length;
      this.rawVarint(n).ensure(n);
      const b = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
      this.pos = p;
      return this;
    }
    const utf8 = Buffer.from(s, 'utf8');
    return this.rawVarint(utf8.byteLength).raw(utf8);
  }

  /**
   * A length-delimited field whose content is a payload or a large byte array, recorded by reference
   * (never copied into the buffer).
   */
  piece(field: number, piece: RopePiece): this {
    this.tag(field, WireType.LEN).rawVarint(pieceLength(piece));
    return this.insert(piece);
  }

  /** A length-delimited field whose content is a previously encoded rope (a nested message). */
  rope(field: number, rope: Rope): this {
    this.tag(field, WireType.LEN).rawVarint(rope.length);
    return this.appendRope(rope);
  }

  /** Appends a rope's pieces with no tag or length (concatenation of encoded fields). */
  appendRope(rope: Rope): this {
    for (const p of rope.pieces) this.insert(p);
    return this;
  }

  /** Appends a payload with no tag or length. */
  payload(payload: Payload): this {
    return this.insert(payload);
  }

  private insert(piece: RopePiece): this {
    const len = pieceLength(piece);
    if (len === 0) return this;
    // Small arrays are cheaper copied than tracked.
    if (piece instanceof Uint8Array && len <= 256) return this.raw(piece);
    this.inserts.push({ at: this.pos, piece });
    this.insertedBytes += len;
    return this;
  }

  /** A nested message written in place by `write`; its length is patched in afterwards. */
  message(field: number, write: (e: this) => void): this {
    this.tag(field, WireType.LEN).ensure(1);
    const lenPos = this.pos++;
    const start = this.pos;
    const firstInsert = this.inserts.length;
    const insertedBefore = this.insertedBytes;
    write(this);
    const len = this.pos - start + (this.insertedBytes - insertedBefore);
    const size = varintSize(len);
    if (size > 1) {
      const shift = size - 1;
      this.ensure(shift);
      this.buf.copyWithin(start + shift, start, this.pos);
      this.pos += shift;
      for (let i = firstInsert; i < this.inserts.length; i++) this.inserts[i].at += shift;
    }
    const end = this.pos;
    this.pos = lenPos;
    this.rawVarint(len);
    this.pos = end;
    return this;
  }

  /** Packed repeated varints (`[packed = true]` int32/int64/uint64 fields). */
  packedVarints(field: number, values: ArrayLike<number | bigint>): this {
    return this.message(field, (e) => {
      for (let i = 0; i < values.length; i++) e.rawVarint(values[i]);
    });
  }

  /** Packed repeated 32-bit floats. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    this.tag(field, WireType.LEN).rawVarint(values.length * 4).ensure(values.length * 4);
    for (let i = 0; i < values.length; i++, this.pos += 4) this.view.setFloat32(this.pos, values[i], true);
    return this;
  }

  /** Packed repeated 64-bit floats. */
  packedDoubles(field: number, values: ArrayLike<number>): this {
    this.tag(field, WireType.LEN).rawVarint(values.length * 8).ensure(values.length * 8);
    for (let i = 0; i < values.length; i++, this.pos += 8) this.view.setFloat64(this.pos, values[i], true);
    return this;
  }

  /**
   * The encoded bytes as a rope. Non-destructive: later writes only append, so ropes handed out
   * earlier stay valid and a builder can be encoded again after more content is added.
   */
  finish(): Rope {
    const pieces: RopePiece[] = [];
    let prev = 0;
    for (const ins of this.inserts) {
      if (ins.at > prev) pieces.push(this.buf.subarray(prev, ins.at));
      pieces.push(ins.piece);
      prev = ins.at;
    }
    if (this.pos > prev) pieces.push(this.buf.subarray(prev, this.pos));
    return { pieces, length: this.length };
  }
}
