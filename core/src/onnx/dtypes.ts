/**
 * TensorProto.DataType codes 0..26 (onnx.proto, IR 13): name, storage bit width and class.
 * Names are the enum names the corpus JSON uses (FLOAT, …, FLOAT8E8M0 = 24, UINT2 = 25, INT2 = 26).
 */

/** Facts about one TensorProto.DataType. */
export interface DTypeInfo {
  readonly code: number;
  readonly name: string;
  /** Bits per element as stored (packed for 4/2-bit types); undefined for STRING and UNDEFINED. */
  readonly bits: number | undefined;
  /** A real floating-point type (float8/float4/e8m0 included; complex excluded). */
  readonly isFloat: boolean;
  /** An integer type (signed or unsigned, 2 to 64 bits; BOOL excluded). */
  readonly isInteger: boolean;
  /** A signed type (signed integers and floats). */
  readonly isSigned: boolean;
}

function d(code: number, name: string, bits: number | undefined, cls: 'f' | 'i' | 'u' | 'o'): DTypeInfo {
  return Object.freeze({ code, name, bits, isFloat: cls === 'f', isInteger: cls === 'i' || cls === 'u', isSigned: cls === 'f' || cls === 'i' });
}

/** Every data type, indexed by code. */
export const DTYPES: readonly DTypeInfo[] = Object.freeze([
  d(0, 'UNDEFINED', undefined, 'o'),
  d(1, 'FLOAT', 32, 'f'),
  d(2, 'UINT8', 8, 'u'),
  d(3, 'INT8', 8, 'i'),
  d(4, 'UINT16', 16, 'u'),
  d(5, 'INT16', 16, 'i'),
  d(6, 'INT32', 32, 'i'),
  d(7, 'INT64', 64, 'i'),
  d(8, 'STRING', undefined, 'o'),
  d(9, 'BOOL', 8, 'o'),
  d(10, 'FLOAT16', 16, 'f'),
  d(11, 'DOUBLE', 64, 'f'),
  d(12, 'UINT32', 32, 'u'),
  d(13, 'UINT64', 64, 'u'),
  d(14, 'COMPLEX64', 64, 'o'),
  d(15, 'COMPLEX128', 128, 'o'),
  d(16, 'BFLOAT16', 16, 'f'),
  d(17, 'FLOAT8E4M3FN', 8, 'f'),
  d(18, 'FLOAT8E4M3FNUZ', 8, 'f'),
  d(19, 'FLOAT8E5M2', 8, 'f'),
  d(20, 'FLOAT8E5M2FNUZ', 8, 'f'),
  d(21, 'UINT4', 4, 'u'),
  d(22, 'INT4', 4, 'i'),
  d(23, 'FLOAT4E2M1', 4, 'f'),
  d(24, 'FLOAT8E8M0', 8, 'f'),
  d(25, 'UINT2', 2, 'u'),
  d(26, 'INT2', 2, 'i'),
]);

/** Well-known codes, for readable comparisons. */
export const DataType = Object.freeze({
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
  UINT2: 25,
  INT2: 26,
} as const);

const byName = new Map(DTYPES.map((t) => [t.name, t]));

/** Info for a code, or undefined for a code this reader does not know (newer than IR 13). */
export function dtypeInfo(code: number): DTypeInfo | undefined {
  return DTYPES[code];
}

/** Info for an enum name such as `'FLOAT16'`. */
export function dtypeByName(name: string): DTypeInfo | undefined {
  return byName.get(name);
}

/** The enum name of a code; unknown codes print as `DTYPE_<n>`. */
export function dataTypeName(code: number): string {
  return DTYPES[code]?.name ?? `DTYPE_${code}`;
}

/**
 * Bytes that `elements` values of `code` take as raw data (sub-byte types packed, rounded up);
 * undefined for STRING/UNDEFINED/unknown codes or a negative count.
 */
export function storageBytes(code: number, elements: number): number | undefined {
  const bits = DTYPES[code]?.bits;
  if (bits === undefined || elements < 0) return undefined;
  return bits >= 8 ? elements * (bits / 8) : Math.ceil((elements * bits) / 8);
}
