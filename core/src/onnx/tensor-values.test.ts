/**
 * readTensorValues on hand-encoded payloads: every expected value is worked out by hand from the
 * bytes (little-endian raw data, varints, IEEE half / bfloat16 bit patterns) in the comments.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ProtoWriter } from '../testing/proto-writer.js';
import { readModel } from './read-model.js';
import { bfloat16ToNumber, float16ToNumber, readTensorValues } from './tensor-values.js';
import { tempDir } from './test-files.js';
import type { OnnxModel } from './types.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type TensorSpec = { name: string; dtype: number; dims: number[]; body?: (t: ProtoWriter) => void };

/** dims (field 1), data_type (2), a 1-byte doc string to shift offsets off alignment, name (8), then the data. */
function tensor(t: ProtoWriter, s: TensorSpec): void {
  for (const d of s.dims) t.varint(1, d);
  t.varint(2, s.dtype);
  t.string(8, s.name);
  s.body?.(t);
}

const u8 = (...b: number[]) => Uint8Array.from(b);

const specs: TensorSpec[] = [
  // INT64 raw [1, -1, 2^40 + 5]: 2^40 + 5 = 0x0000_0100_0000_0005 → LE 05 00 00 00 00 01 00 00.
  {
    name: 'i64raw',
    dtype: 7,
    dims: [3],
    body: (t) => t.bytes(9, u8(1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 5, 0, 0, 0, 0, 1, 0, 0)),
  },
  // INT64 int64_data packed [-3, 300]: -3 = 10-byte varint fd ff ff ff ff ff ff ff ff 01; 300 = 0b1_0010_1100 → ac 02.
  { name: 'i64packed', dtype: 7, dims: [2], body: (t) => t.bytes(7, u8(0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0xac, 0x02)) },
  // INT64 int64_data unpacked: two records (key 0x38 = field 7, varint) 5 and 6.
  { name: 'i64unpacked', dtype: 7, dims: [2], body: (t) => t.varint(7, 5).varint(7, 6) },
  // INT64 packed in two records [9] + [10]: protobuf concatenates them.
  { name: 'i64split', dtype: 7, dims: [2], body: (t) => t.bytes(7, u8(9)).bytes(7, u8(10)) },
  // FLOAT16 raw: 3C00 = 1.0; C000 = -2.0; 7BFF = 65504 (max half); 0001 = 2^-24; 7C00 = +Inf.
  { name: 'f16', dtype: 10, dims: [5], body: (t) => t.bytes(9, u8(0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00, 0x00, 0x7c)) },
  // FLOAT16 in int32_data (bit patterns as ints): 0x3C00 = 15360 → varint 80 78; 0x3800 (0.5) = 14336 → 80 70.
  { name: 'f16typed', dtype: 10, dims: [2], body: (t) => t.bytes(5, u8(0x80, 0x78, 0x80, 0x70)) },
  // BFLOAT16 raw: 3F80 = 1.0 (top half of float32 3F800000); C0A0 = -5.0 (C0A00000).
  { name: 'bf16', dtype: 16, dims: [2], body: (t) => t.bytes(9, u8(0x80, 0x3f, 0xa0, 0xc0)) },
  // FLOAT raw: 1.5 = 3FC00000 → 00 00 c0 3f; -0.25 = BE800000 → 00 00 80 be.
  { name: 'f32', dtype: 1, dims: [2], body: (t) => t.bytes(9, u8(0, 0, 0xc0, 0x3f, 0, 0, 0x80, 0xbe)) },
  // FLOAT float_data unpacked (fixed32 records): 2.5, -1.
  { name: 'f32typed', dtype: 1, dims: [2], body: (t) => t.float(4, 2.5).float(4, -1) },
  // DOUBLE double_data unpacked: 0.1 (fixed64).
  { name: 'f64typed', dtype: 11, dims: [1], body: (t) => t.double(10, 0.1) },
  // BOOL raw 1, 0, 1; INT8 raw ff 7f = -1, 127; UINT16 raw ff ff = 65535; INT16 raw 00 80 = -32768.
  { name: 'bool', dtype: 9, dims: [3], body: (t) => t.bytes(9, u8(1, 0, 1)) },
  { name: 'i8', dtype: 3, dims: [2], body: (t) => t.bytes(9, u8(0xff, 0x7f)) },
  { name: 'u16', dtype: 4, dims: [1], body: (t) => t.bytes(9, u8(0xff, 0xff)) },
  { name: 'i16', dtype: 5, dims: [1], body: (t) => t.bytes(9, u8(0x00, 0x80)) },
  // INT32 int32_data packed [-7]: int32 varints are sign-extended to 10 bytes: f9 ff ff ff ff ff ff ff ff 01.
  { name: 'i32typed', dtype: 6, dims: [1], body: (t) => t.bytes(5, u8(0xf9, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)) },
  // UINT32 raw ff ff ff ff = 4294967295; UINT32 in uint64_data: varint ff ff ff ff 0f = 2^32 - 1.
  { name: 'u32', dtype: 12, dims: [1], body: (t) => t.bytes(9, u8(0xff, 0xff, 0xff, 0xff)) },
  { name: 'u32typed', dtype: 12, dims: [1], body: (t) => t.bytes(11, u8(0xff, 0xff, 0xff, 0xff, 0x0f)) },
  // UINT64 uint64_data [2^63]: varint 80×9 then 01 (bit 63 set) → 9223372036854775808n.
  { name: 'u64typed', dtype: 13, dims: [1], body: (t) => t.bytes(11, u8(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)) },
  // Scalar INT64 (no dims: one element) raw 2a = 42.
  { name: 'scalar', dtype: 7, dims: [], body: (t) => t.bytes(9, u8(0x2a, 0, 0, 0, 0, 0, 0, 0)) },
  // Cases that give undefined:
  { name: 'empty', dtype: 7, dims: [0] },
  { name: 'nodata', dtype: 7, dims: [2] },
  { name: 'wrongsize', dtype: 7, dims: [3], body: (t) => t.bytes(9, new Uint8Array(16)) },
  { name: 'string', dtype: 8, dims: [1], body: (t) => t.string(6, 'hello') },
  { name: 'big', dtype: 1, dims: [100], body: (t) => t.bytes(9, new Uint8Array(400)) },
  { name: 'fp8', dtype: 17, dims: [2], body: (t) => t.bytes(9, u8(0x38, 0x40)) },
  { name: 'mismatchedfield', dtype: 7, dims: [1], body: (t) => t.float(4, 1) },
];

function build(): Uint8Array {
  return new ProtoWriter()
    .varint(1, 8)
    .message(7, (g) => {
      g.message(1, (nd) => nd.string(4, 'Identity').string(1, 'x').string(2, 'y'));
      for (const s of specs) g.message(5, (t) => tensor(t, s));
    })
    .message(8, (o) => o.varint(2, 17))
    .finish();
}

describe('readTensorValues', () => {
  const file = tmp.file('values.onnx', build());
  const models: [string, Promise<OnnxModel>][] = [
    ['one window', readModel(file)],
    ['64-byte windows', readModel(file, { chunkBytes: 64 })],
  ];
  for (const [label, loading] of models) {
    describe(label, () => {
      const values = async (name: string, maxElements = 16) => {
        const m = await loading;
        const t = m.graph.initializers.find((x) => x.name === name);
        if (!t) throw new Error(`no tensor ${name}`);
        return readTensorValues(m, t, { maxElements });
      };
      it('INT64 raw data, packed, unpacked and split int64_data → bigint[]', async () => {
        expect(await values('i64raw')).toEqual([1n, -1n, 2n ** 40n + 5n]);
        expect(await values('i64packed')).toEqual([-3n, 300n]);
        expect(await values('i64unpacked')).toEqual([5n, 6n]);
        expect(await values('i64split')).toEqual([9n, 10n]);
        expect(await values('scalar')).toEqual([42n]);
        expect(await values('empty')).toEqual([]);
      });
      it('FLOAT16 and BFLOAT16 (raw and int32_data)', async () => {
        expect(await values('f16')).toEqual([1, -2, 65504, 2 ** -24, Infinity]);
        expect(await values('f16typed')).toEqual([1, 0.5]);
        expect(await values('bf16')).toEqual([1, -5]);
      });
      it('FLOAT and DOUBLE (raw and typed fields)', async () => {
        expect(await values('f32')).toEqual([1.5, -0.25]);
        expect(await values('f32typed')).toEqual([2.5, -1]);
        expect(await values('f64typed')).toEqual([0.1]);
      });
      it('bool and small integer types', async () => {
        expect(await values('bool')).toEqual([1, 0, 1]);
        expect(await values('i8')).toEqual([-1, 127]);
        expect(await values('u16')).toEqual([65535]);
        expect(await values('i16')).toEqual([-32768]);
        expect(await values('i32typed')).toEqual([-7]);
        expect(await values('u32')).toEqual([4294967295]);
        expect(await values('u32typed')).toEqual([4294967295]);
        expect(await values('u64typed')).toEqual([2n ** 63n]);
      });
      it('undefined for absent data, wrong sizes, unsupported types, mismatched fields and large tensors', async () => {
        expect(await values('nodata')).toBeUndefined();
        expect(await values('wrongsize')).toBeUndefined();
        expect(await values('string')).toBeUndefined();
        expect(await values('fp8')).toBeUndefined();
        expect(await values('mismatchedfield')).toBeUndefined();
        expect(await values('big', 99)).toBeUndefined();
        expect(await values('big', 100)).toHaveLength(100);
      });
      it('payloads are recorded at unaligned absolute offsets that hold exactly the data bytes', async () => {
        const m = await loading;
        const bytes = readFileSync(file);
        const f32 = m.graph.initializers.find((t) => t.name === 'f32')!;
        expect(f32.payload?.field).toBe('raw_data');
        expect(f32.payload?.length).toBe(8);
        expect([...bytes.subarray(f32.payload!.offset, f32.payload!.offset + 8)]).toEqual([0, 0, 0xc0, 0x3f, 0, 0, 0x80, 0xbe]);
        const misaligned = m.graph.initializers.filter((t) => t.payload?.field === 'raw_data' && t.payload.offset % 8 !== 0);
        expect(misaligned.length).toBeGreaterThan(5);
        const unpacked = m.graph.initializers.find((t) => t.name === 'i64unpacked')!;
        expect(unpacked.payload).toMatchObject({ field: 'int64_data', unpacked: true, length: 4 }); // 38 05 38 06
      });
    });
  }
});

describe('half-precision decoders', () => {
  it('float16: zero, negative zero, subnormal, normal, NaN', () => {
    expect(float16ToNumber(0x0000)).toBe(0);
    expect(Object.is(float16ToNumber(0x8000), -0)).toBe(true);
    expect(float16ToNumber(0x03ff)).toBe(1023 * 2 ** -24); // largest subnormal
    expect(float16ToNumber(0x0400)).toBe(2 ** -14); // smallest normal
    expect(float16ToNumber(0x3555)).toBeCloseTo(0.333251953125, 12); // (1 + 341/1024) × 2^-2
    expect(float16ToNumber(0x7e00)).toBeNaN();
  });
  it('bfloat16: 1, -2, 3.140625', () => {
    expect(bfloat16ToNumber(0x3f80)).toBe(1);
    expect(bfloat16ToNumber(0xc000)).toBe(-2);
    expect(bfloat16ToNumber(0x4049)).toBe(3.140625); // 0x40490000: 1.5703125 × 2
  });
});
