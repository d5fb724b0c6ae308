import { describe, expect, it } from 'vitest';
import { ProtoWriter, WireType, nestedMessages, overlongVarintBytes } from './proto-writer.js';
import { Encoder } from './proto-writer-encoder.js';
import { ropeToBytes } from './proto-writer-rope.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ProtoWriter', () => {
  it('writes the examples of the protobuf encoding guide', () => {
    // Guide: "message Test1 { int32 a = 1; }" with a = 150 is 08 96 01.
    expect(hex(new ProtoWriter().varint(1, 150).finish())).toBe('089601');
    // Test2 { string b = 2; } with b = "testing" is 12 07 74 65 73 74 69 6e 67.
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67');
    // Test3 { Test1 c = 3; } with c.a = 150 is 1a 03 08 96 01.
    expect(hex(new ProtoWriter().message(3, (w) => w.varint(1, 150)).finish())).toBe('1a03089601');
  });

  it('writes negative varints as ten-byte two’s complement and bigints up to 2^64', () => {
    expect(hex(new ProtoWriter().varint(1, -1).finish())).toBe('08ffffffffffffffffff01');
    expect(hex(new ProtoWriter().varint(1, 2n ** 63n).finish())).toBe('0880808080808080808001');
    // 2^53 + 1 is not a safe number, so it must be given as a bigint: 0x20000000000001.
    expect(hex(new ProtoWriter().varint(1, 2n ** 53n + 1n).finish())).toBe('0881808080808080 10'.replace(' ', ''));
  });

  it('writes fixed-width fields little-endian', () => {
    // 1.0f = 0x3f800000; 1.0 (double) = 0x3ff0000000000000.
    expect(hex(new ProtoWriter().float(1, 1).finish())).toBe('0d0000803f');
    expect(hex(new ProtoWriter().double(1, 1).finish())).toBe('09000000000000f03f');
    expect(hex(new ProtoWriter().fixed32(2, 0x01020304).finish())).toBe('1504030201');
    expect(hex(new ProtoWriter().fixed64(2, -1n).finish())).toBe('11ffffffffffffffff');
  });

  it('writes hostile shapes: wrong wire types, overlong varints, lengths past the end', () => {
    // A string field (2) carried as a varint: key (2 << 3 | 0) = 0x10.
    expect(hex(new ProtoWriter().tag(2, WireType.VARINT).rawVarint(5).finish())).toBe('1005');
    // Wire type 7 does not exist; the key is still (1 << 3 | 7) = 0x0f.
    expect(hex(new ProtoWriter().tag(1, 7).finish())).toBe('0f');
    // 1 padded to 3 bytes: 81 80 00.
    expect(hex(new ProtoWriter().overlongVarint(1, 1, 3).finish())).toBe('08818000');
    expect(hex(overlongVarintBytes(0, 11))).toBe('8080808080808080808000');
    expect(() => overlongVarintBytes(300, 1)).toThrow(/needs 2/);
    // A message declaring 1000 bytes (e8 07) that carries one.
    expect(hex(new ProtoWriter().lengthPastEnd(7, 1000, new Uint8Array([0x0a])).finish())).toBe('3ae8070a');
    expect(hex(new ProtoWriter().raw([1, 2, 3]).packedVarints(4, [1, 300]).finish())).toBe('010203220301ac02');
  });

  it('patches two-byte lengths of nested messages', () => {
    const s = 'x'.repeat(200);
    const bytes = new ProtoWriter().message(1, (w) => w.string(2, s)).finish();
    // Inner: 12 c8 01 + 200 bytes = 203 bytes = varint cb 01.
    expect(hex(bytes.subarray(0, 6))).toBe('0acb0112c801');
    expect(bytes.byteLength).toBe(3 + 203);
  });

  it('nests messages to any depth in one pass', () => {
    // Innermost 0a 00, then 0a 02 0a 00, then 0a 04 0a 02 0a 00.
    expect(hex(nestedMessages(1, 3))).toBe('0a040a020a00');
    const deep = nestedMessages(1, 100_000);
    expect(deep[0]).toBe(0x0a);
    expect(deep.byteLength).toBeGreaterThan(200_000);
  });
});

describe('Encoder', () => {
  it('keeps payloads out of the buffer and shifts them with their message', () => {
    const e = new Encoder();
    const fill = (dst: Uint8Array, off: number): void => {
      for (let i = 0; i < dst.length; i++) dst[i] = (off + i) % 251;
    };
    const payload = { length: 300, fill };
    e.message(1, (m) => {
      m.string(1, 'w');
      m.piece(9, payload);
    });
    const rope = e.finish();
    expect(rope.pieces.some((p) => p === payload)).toBe(true);
    const bytes = ropeToBytes(rope);
    // Inner = 0a 01 77 (3) + 4a ac 02 (3) + 300 = 306 = b2 02.
    expect(hex(bytes.subarray(0, 9))).toBe('0ab2020a01774aac02');
    expect(bytes.byteLength).toBe(3 + 306);
    expect(bytes[9 + 260]).toBe(260 % 251);
  });

  it('stays valid when written to after finish', () => {
    const e = new Encoder();
    e.string(1, 'a');
    const first = ropeToBytes(e.finish());
    e.message(2, (m) => m.string(1, 'y'.repeat(300)));
    expect(hex(first)).toBe('0a0161');
    expect(ropeToBytes(e.finish()).byteLength).toBe(3 + 3 + 303);
  });
});
