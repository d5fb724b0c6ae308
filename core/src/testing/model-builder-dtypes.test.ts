import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DTYPES, DTYPE_NAMES, type DTypeName, type TensorData, bfloat16Bits, float16Bits, rawByteLength } from './model-builder-dtypes.js';
import { findOnnxPython, inspectWithPython } from './model-builder-pycheck.js';
import { ModelBuilder } from './model-builder.js';

const python = findOnnxPython();
if (!python) console.warn('Python onnx absent: dtype cross-checks against onnx are skipped');
const dir = mkdtempSync(join(tmpdir(), 'autodoc-dtypes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * raw_data bytes of 5 elements, worked by hand from the bit widths in onnx.proto:
 * 32-bit → 20, 16-bit → 10, 8-bit → 5, 64-bit → 40, complex64 (2×32) → 40, complex128 → 80,
 * 4-bit → ceil(20/8) = 3, 2-bit → ceil(10/8) = 2.
 */
const RAW_OF_5: Partial<Record<DTypeName, number>> = {
  FLOAT: 20, UINT8: 5, INT8: 5, UINT16: 10, INT16: 10, INT32: 20, INT64: 40, BOOL: 5, FLOAT16: 10, DOUBLE: 40,
  UINT32: 20, UINT64: 40, COMPLEX64: 40, COMPLEX128: 80, BFLOAT16: 10, FLOAT8E4M3FN: 5, FLOAT8E4M3FNUZ: 5,
  FLOAT8E5M2: 5, FLOAT8E5M2FNUZ: 5, UINT4: 3, INT4: 3, FLOAT4E2M1: 3, FLOAT8E8M0: 5, UINT2: 2, INT2: 2,
};

describe('dtype table', () => {
  it('numbers the types as TensorProto.DataType does (0..26)', () => {
    expect(DTYPE_NAMES.map((n) => DTYPES[n].code)).toEqual(Array.from({ length: 27 }, (_, i) => i));
    expect([DTYPES.FLOAT8E4M3FN.code, DTYPES.UINT4.code, DTYPES.FLOAT8E8M0.code, DTYPES.INT2.code]).toEqual([17, 21, 24, 26]);
  });

  it('sizes raw_data with sub-byte packing', () => {
    for (const [name, bytes] of Object.entries(RAW_OF_5)) expect([name, rawByteLength(name as DTypeName, 5)]).toEqual([name, bytes]);
    expect(() => rawByteLength('STRING', 1)).toThrow();
    expect(rawByteLength('INT4', 0)).toBe(0);
  });

  it('converts to float16 with round-to-nearest-even', () => {
    // 1.0 = 0x3c00; -2 = 0xc000; 65504 is the largest half (0x7bff); 65520 is the halfway point to
    // 65536 and rounds to even, i.e. to infinity (0x7c00); 2^-24 is the smallest subnormal (0x0001);
    // 1e-7 / 2^-24 = 1.68 rounds to 2 (0x0002); 1/3 = 0x3555 (0.333251953125).
    expect([1, -2, 65504, 65520, 2 ** -24, 1e-7, 1 / 3].map(float16Bits)).toEqual([0x3c00, 0xc000, 0x7bff, 0x7c00, 0x0001, 0x0002, 0x3555]);
    expect(float16Bits(Infinity)).toBe(0x7c00);
    expect(float16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(float16Bits(NaN) & 0x3ff).not.toBe(0);
  });

  it('converts to bfloat16 with round-to-nearest-even', () => {
    // 1/3 as float32 is 0x3eaaaaab: top half 0x3eaa, low half 0xaaab > 0x8000 rounds up to 0x3eab.
    expect([1, -2, 1 / 3].map(bfloat16Bits)).toEqual([0x3f80, 0xc000, 0x3eab]);
  });
});

/** Inline data per type and what numpy should read back (hand-derived). */
const CASES: { dtype: DTypeName; data: TensorData; dims: number[]; expect: unknown[] }[] = [
  { dtype: 'FLOAT', data: [1.5, -2, 0, 3.25, 1e30], dims: [5], expect: [1.5, -2, 0, 3.25, 1.0000000150474662e30] },
  { dtype: 'UINT8', data: [0, 1, 255, 7, 8], dims: [5], expect: [0, 1, 255, 7, 8] },
  { dtype: 'INT8', data: [-128, 127, 0, -1, 5], dims: [5], expect: [-128, 127, 0, -1, 5] },
  { dtype: 'UINT16', data: [65535, 0, 1, 2, 3], dims: [5], expect: [65535, 0, 1, 2, 3] },
  { dtype: 'INT16', data: [-32768, 32767, 0, -1, 5], dims: [5], expect: [-32768, 32767, 0, -1, 5] },
  { dtype: 'INT32', data: [-(2 ** 31), 2 ** 31 - 1, 0, -1, 5], dims: [5], expect: [-(2 ** 31), 2 ** 31 - 1, 0, -1, 5] },
  { dtype: 'INT64', data: [-(2n ** 53n) + 1n, 2n ** 53n - 1n, 0n, -1n, 5n], dims: [5], expect: [-(2 ** 53) + 1, 2 ** 53 - 1, 0, -1, 5] },
  { dtype: 'BOOL', data: [true, false, true, true, false], dims: [5], expect: [true, false, true, true, false] },
  // float16: see the conversions above; 1e-7 becomes 2 × 2^-24.
  { dtype: 'FLOAT16', data: [0.5, -2, 65504, 1e-7, 1 / 3], dims: [5], expect: [0.5, -2, 65504, 2 * 2 ** -24, 0.333251953125] },
  { dtype: 'DOUBLE', data: [0.1, -2, 1e300, 0, 5], dims: [5], expect: [0.1, -2, 1e300, 0, 5] },
  { dtype: 'UINT32', data: [4294967295, 0, 1, 2, 3], dims: [5], expect: [4294967295, 0, 1, 2, 3] },
  { dtype: 'UINT64', data: [2n ** 53n - 1n, 0n, 1n, 2n, 3n], dims: [5], expect: [2 ** 53 - 1, 0, 1, 2, 3] },
  { dtype: 'COMPLEX64', data: [1, 2, 3.5, -4], dims: [2], expect: [[1, 2], [3.5, -4]] },
  { dtype: 'COMPLEX128', data: [0.1, 2, 3, -4], dims: [2], expect: [[0.1, 2], [3, -4]] },
  // bfloat16 of 1/3 = 0x3eab = 0.333984375.
  { dtype: 'BFLOAT16', data: [1 / 3, 1, -2], dims: [3], expect: [0.333984375, 1, -2] },
  { dtype: 'STRING', data: ['a', 'bc', 'é'], dims: [3], expect: ['a', 'bc', 'é'] },
];

describe.skipIf(!python)('tensor payloads read back by Python onnx', () => {
  it('gives every non-string type the packed raw_data size', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const names = Object.keys(RAW_OF_5) as DTypeName[];
    for (const n of names) b.initializer(`z_${n}`, n, [5]);
    const path = join(dir, 'sizes.onnx');
    await b.write(path);
    const m = inspectWithPython(path);
    expect(m.initializers.map((t) => [t.name, t.dataType, t.dims, t.rawLength])).toEqual(
      names.map((n) => [`z_${n}`, DTYPES[n].code, [5], RAW_OF_5[n]]),
    );
  });

  it('packs sub-byte values first element in the low bits', async () => {
    const b = new ModelBuilder({ opset: 17 });
    // INT4 [1, -2, 3, -8, 7] → nibbles 1, e, 3, 8, 7 → bytes e1 83 07.
    b.initializer('i4', 'INT4', [5], { data: [1, -2, 3, -8, 7] });
    // UINT2 [1, 2, 3, 0, 1] → 1 | 2<<2 | 3<<4 | 0<<6 = 0x39, then 0x01.
    b.initializer('u2', 'UINT2', [5], { data: [1, 2, 3, 0, 1] });
    // INT2 [-1, 1, -2, 0] → 3 | 1<<2 | 2<<4 | 0<<6 = 0x27.
    b.initializer('i2', 'INT2', [4], { data: [-1, 1, -2, 0] });
    // The same INT4 data in int32_data: one packed byte per entry (0xe1, 0x83, 0x07).
    b.initializer('i4t', 'INT4', [5], { data: [1, -2, 3, -8, 7], field: 'int32_data' });
    const path = join(dir, 'packed.onnx');
    await b.write(path);
    const m = inspectWithPython(path);
    expect(m.initializers.slice(0, 3).map((t) => t.rawHex)).toEqual(['e18307', '3901', '27']);
    expect(m.initializers[3].typed).toEqual({ int32_data: 3 });
  });

  for (const field of ['raw', 'typed'] as const) {
    it(`round-trips values of every numpy-readable type through ${field} fields`, async () => {
      const b = new ModelBuilder({ opset: 17, irVersion: 8 });
      for (const c of CASES) {
        const f = field === 'raw' && c.dtype !== 'STRING' ? 'raw_data' : DTYPES[c.dtype].field;
        b.initializer(c.dtype, c.dtype, c.dims, { data: c.data, field: f });
      }
      const path = join(dir, `values-${field}.onnx`);
      await b.write(path);
      const m = inspectWithPython(path);
      expect(m.checker).toBe('ok');
      for (const [i, c] of CASES.entries()) expect([c.dtype, m.initializers[i].values]).toEqual([c.dtype, c.expect]);
      if (field === 'typed') {
        // onnx.proto: FLOAT/COMPLEX64 → float_data, INT64 → int64_data, DOUBLE/COMPLEX128 → double_data,
        // UINT32/UINT64 → uint64_data, STRING → string_data, the rest → int32_data.
        const typed = Object.fromEntries(m.initializers.map((t) => [t.name, Object.keys(t.typed)[0]]));
        expect([typed.FLOAT, typed.COMPLEX64, typed.INT64, typed.COMPLEX128, typed.UINT32, typed.BOOL, typed.STRING]).toEqual([
          'float_data', 'float_data', 'int64_data', 'double_data', 'uint64_data', 'int32_data', 'string_data',
        ]);
        expect(m.initializers.every((t) => !t.hasRaw)).toBe(true);
      }
    });
  }

  it('writes no payload at all with noData, raw bytes as given with rawBytes', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.initializer('none', 'FLOAT', [4], { noData: true });
    b.initializer('short', 'FLOAT', [4], { rawBytes: new Uint8Array([1, 2, 3]) });
    const path = join(dir, 'nodata.onnx');
    await b.write(path);
    const m = inspectWithPython(path);
    expect(m.initializers.map((t) => [t.hasRaw, t.rawLength, t.typed, t.dataLocation])).toEqual([
      [false, 0, {}, 0],
      [true, 3, {}, 0],
    ]);
  });

  it('fills seeded payloads deterministically in [-0.5, 0.5)', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.initializer('a', 'FLOAT', [100], { seed: 7 });
    b.initializer('b', 'FLOAT', [100], { seed: 7 });
    b.initializer('c', 'FLOAT', [100], { seed: 8 });
    const path = join(dir, 'seeded.onnx');
    await b.write(path);
    const [a, bb, c] = inspectWithPython(path).initializers.map((t) => t.values as number[]);
    expect(a).toEqual(bb);
    expect(a).not.toEqual(c);
    expect(a.every((v) => v >= -0.5 && v < 0.5)).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(90);
  });
});
