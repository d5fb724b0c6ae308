/** The dtype table against the corpus README's list of TensorProto.DataType names (codes 0..26). */
import { describe, expect, it } from 'vitest';
import { DTYPES, DataType, dataTypeName, dtypeByName, storageBytes } from './dtypes.js';

describe('dtypes', () => {
  it('names every code 0..26 as onnx.proto does', () => {
    // From the corpus README: FLOAT … BFLOAT16, FLOAT8E4M3FN (17) … UINT4 (21), INT4, FLOAT4E2M1, FLOAT8E8M0 (24), UINT2, INT2 (26).
    const names = [
      'UNDEFINED',
      'FLOAT',
      'UINT8',
      'INT8',
      'UINT16',
      'INT16',
      'INT32',
      'INT64',
      'STRING',
      'BOOL',
      'FLOAT16',
      'DOUBLE',
      'UINT32',
      'UINT64',
      'COMPLEX64',
      'COMPLEX128',
      'BFLOAT16',
      'FLOAT8E4M3FN',
      'FLOAT8E4M3FNUZ',
      'FLOAT8E5M2',
      'FLOAT8E5M2FNUZ',
      'UINT4',
      'INT4',
      'FLOAT4E2M1',
      'FLOAT8E8M0',
      'UINT2',
      'INT2',
    ];
    expect(DTYPES.map((t) => t.name)).toEqual(names);
    expect(DTYPES.map((t) => t.code)).toEqual(names.map((_, i) => i));
    expect(dataTypeName(26)).toBe('INT2');
    expect(dataTypeName(99)).toBe('DTYPE_99');
    expect(dtypeByName('FLOAT8E8M0')?.code).toBe(24);
    expect(DataType.BFLOAT16).toBe(16);
  });
  it('bit widths: sub-byte types packed, STRING without a size', () => {
    const bits = Object.fromEntries(DTYPES.map((t) => [t.name, t.bits]));
    expect(bits).toMatchObject({
      FLOAT: 32,
      INT64: 64,
      BOOL: 8,
      FLOAT16: 16,
      BFLOAT16: 16,
      COMPLEX64: 64,
      COMPLEX128: 128,
      FLOAT8E5M2: 8,
      FLOAT4E2M1: 4,
      INT4: 4,
      UINT4: 4,
      INT2: 2,
      UINT2: 2,
    });
    expect(bits.STRING).toBeUndefined();
    expect(bits.UNDEFINED).toBeUndefined();
    expect(storageBytes(DataType.INT4, 3)).toBe(2); // 12 bits round up to 2 bytes
    expect(storageBytes(DataType.INT2, 5)).toBe(2); // 10 bits
    expect(storageBytes(DataType.FLOAT, 10)).toBe(40);
    expect(storageBytes(DataType.STRING, 1)).toBeUndefined();
  });
  it('classes: floats, integers, neither', () => {
    const floats = DTYPES.filter((t) => t.isFloat).map((t) => t.name);
    const ints = DTYPES.filter((t) => t.isInteger).map((t) => t.name);
    expect(floats).toEqual([
      'FLOAT',
      'FLOAT16',
      'DOUBLE',
      'BFLOAT16',
      'FLOAT8E4M3FN',
      'FLOAT8E4M3FNUZ',
      'FLOAT8E5M2',
      'FLOAT8E5M2FNUZ',
      'FLOAT4E2M1',
      'FLOAT8E8M0',
    ]);
    expect(ints).toEqual(['UINT8', 'INT8', 'UINT16', 'INT16', 'INT32', 'INT64', 'UINT32', 'UINT64', 'UINT4', 'INT4', 'UINT2', 'INT2']);
  });
});
