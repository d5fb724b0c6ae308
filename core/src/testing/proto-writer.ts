/**
 * A raw protobuf writer for hostile tests: it writes whatever it is told, including wrong wire types,
 * overlong varints, lengths that run past the end of the buffer and absurdly deep nesting.
 *
 * @example
 * ```ts
 * const bytes = new ProtoWriter()
 *   .varint(1, 8)                                   // ModelProto.ir_version = 8
 *   .message(7, (g) => g.message(1, (n) => n.string(4, 'Relu')))  // graph.node[0].op_type
 *   .lengthPastEnd(7, 1000, new Uint8Array([0x0a])) // a graph that claims 1000 bytes but has 1
 *   .finish();
 * ```
 */
import { Encoder, WireType, varintSize } from './proto-writer-encoder.js';
import { ropeToBytes } from './proto-writer-rope.js';

export { WireType } from './proto-writer-encoder.js';

/** Fluent raw protobuf writer; every method returns `this`. */
export class ProtoWriter {
  private readonly enc = new Encoder();

  /** Bytes written so far. */
  get length(): number {
    return this.enc.length;
  }

  /** A field key with any wire type (0–7; 6 and 7 are invalid on purpose when a test asks). */
  tag(field: number, wireType: number): this {
    this.enc.tag(field, wireType);
    return this;
  }

  /** A varint field. Negative numbers and bigints are written as 64-bit two's complement (ten bytes). */
  varint(field: number, n: number | bigint): this {
    this.enc.varint(field, n);
    return this;
  }

  /** A varint with no tag. */
  rawVarint(n: number | bigint): this {
    this.enc.rawVarint(n);
    return this;
  }

  /**
   * A varint field padded to `bytes` bytes with continuation bits (valid protobuf up to ten bytes;
   * more is an overlong varint that readers must reject).
   */
  overlongVarint(field: number, n: number | bigint, bytes: number): this {
    this.enc.tag(field, WireType.VARINT);
    return this.raw(overlongVarintBytes(n, bytes));
  }

  /** A length-delimited bytes field. */
  bytes(field: number, bytes: Uint8Array): this {
    this.enc.bytes(field, bytes);
    return this;
  }

  /** A UTF-8 string field. */
  string(field: number, s: string): this {
    this.enc.string(field, s);
    return this;
  }

  /** A nested message written by `write`. */
  message(field: number, write: (w: ProtoWriter) => void): this {
    const child = new ProtoWriter();
    write(child);
    this.enc.bytes(field, child.finish());
    return this;
  }

  /**
   * A length-delimited field that declares `declaredLength` bytes but carries only `content`
   * (use a declared length larger than what follows to run past the end of the buffer).
   */
  lengthPastEnd(field: number, declaredLength: number | bigint, content: Uint8Array = new Uint8Array(0)): this {
    this.enc.tag(field, WireType.LEN).rawVarint(declaredLength);
    return this.raw(content);
  }

  /** A fixed32 field (wire type 5). */
  fixed32(field: number, n: number): this {
    this.enc.fixed32(field, n);
    return this;
  }

  /** A fixed64 field (wire type 1). */
  fixed64(field: number, n: number | bigint): this {
    this.enc.fixed64(field, n);
    return this;
  }

  /** A 32-bit float field (wire type 5). */
  float(field: number, x: number): this {
    this.enc.float(field, x);
    return this;
  }

  /** A 64-bit float field (wire type 1). */
  double(field: number, x: number): this {
    this.enc.double(field, x);
    return this;
  }

  /** Packed repeated varints in one length-delimited field. */
  packedVarints(field: number, values: ArrayLike<number | bigint>): this {
    this.enc.packedVarints(field, values);
    return this;
  }

  /** Arbitrary bytes, appended as they are. */
  raw(bytes: Uint8Array | ArrayLike<number>): this {
    this.enc.raw(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
    return this;
  }

  /** The bytes written. The writer may be used further afterwards. */
  finish(): Uint8Array {
    return ropeToBytes(this.enc.finish());
  }
}

/** Varint bytes of `n` padded with continuation bytes to exactly `bytes` bytes. */
export function overlongVarintBytes(n: number | bigint, bytes: number): Uint8Array {
  let v = BigInt(n) & ((1n << 64n) - 1n);
  const out: number[] = [];
  do {
    out.push(Number(v & 0x7fn));
    v >>= 7n;
  } while (v > 0n);
  if (bytes < out.length) throw new RangeError(`${n} needs ${out.length} varint bytes, more than ${bytes}`);
  while (out.length < bytes) out.push(0);
  for (let i = 0; i < out.length - 1; i++) out[i] |= 0x80;
  return Uint8Array.from(out);
}

/**
 * `depth` messages nested in field `field`, innermost carrying `inner` — for recursion-limit tests.
 * Built inside out with lengths computed arithmetically, so a depth of 100,000 costs one pass.
 */
export function nestedMessages(field: number, depth: number, inner: Uint8Array = new Uint8Array(0)): Uint8Array {
  const tagLen = new Encoder().tag(field, WireType.LEN).length;
  // Sizes from the inside out, then one allocation and a front-to-back fill.
  const sizes: number[] = new Array(depth);
  let len = inner.byteLength;
  for (let i = depth - 1; i >= 0; i--) {
    sizes[i] = len;
    len += tagLen + varintSize(len);
  }
  const out = new Uint8Array(len);
  const enc = new Encoder();
  for (let i = 0; i < depth; i++) enc.tag(field, WireType.LEN).rawVarint(sizes[i]);
  const header = ropeToBytes(enc.finish());
  out.set(header, 0);
  out.set(inner, header.byteLength);
  return out;
}
