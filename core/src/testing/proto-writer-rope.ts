/**
 * Ropes: encoded protobuf bytes interleaved with payloads that are produced only when written.
 *
 * A big model is mostly weight bytes. Holding them would make a 3 GB fixture cost 3 GB of memory, so
 * the encoder records a weight's bytes as a {@link Payload} (a length and, optionally, a generator) and
 * the writer streams it in chunks. Everything else (names, shapes, attributes) is small and kept as
 * real bytes.
 */

/** Bytes produced on demand: zeros when `fill` is absent, otherwise whatever `fill` writes. */
export interface Payload {
  /** Byte length of the payload. */
  readonly length: number;
  /**
   * Writes the payload bytes `[offset, offset + dst.length)` into `dst`. Called with chunks in any
   * order, so the generator must be a pure function of the offset.
   */
  readonly fill?: (dst: Uint8Array, offset: number) => void;
}

/** One piece of a rope: real bytes or a deferred payload. */
export type RopePiece = Uint8Array | Payload;

/** Encoded bytes as an ordered list of pieces with their total length. */
export interface Rope {
  readonly pieces: readonly RopePiece[];
  readonly length: number;
}

/** Byte length of one rope piece. */
export function pieceLength(piece: RopePiece): number {
  return piece instanceof Uint8Array ? piece.byteLength : piece.length;
}

/** Concatenates ropes without copying any bytes. */
export function concatRopes(...ropes: Rope[]): Rope {
  const pieces: RopePiece[] = [];
  let length = 0;
  for (const r of ropes) {
    for (const p of r.pieces) pieces.push(p);
    length += r.length;
  }
  return { pieces, length };
}

/** A rope of one byte array. */
export function bytesRope(bytes: Uint8Array): Rope {
  return { pieces: [bytes], length: bytes.byteLength };
}

/** Largest model `toBytes()` materialises; bigger ones must be streamed with `write()`. */
export const MAX_IN_MEMORY_BYTES = 2 ** 31 - 1;

/** Copies a whole rope into one array, running every payload's generator. */
export function ropeToBytes(rope: Rope): Uint8Array {
  if (rope.length > MAX_IN_MEMORY_BYTES) {
    throw new RangeError(
      `model is ${rope.length} bytes, over the 2 GiB that toBytes() holds in memory; stream it with write(path)`,
    );
  }
  const out = new Uint8Array(rope.length);
  let at = 0;
  for (const p of rope.pieces) {
    if (p instanceof Uint8Array) {
      out.set(p, at);
      at += p.byteLength;
    } else {
      // Zero payloads need nothing: the array starts zero-filled.
      if (p.fill) p.fill(out.subarray(at, at + p.length), 0);
      at += p.length;
    }
  }
  return out;
}
