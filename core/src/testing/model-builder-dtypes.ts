/**
 * ONNX tensor element types (`TensorProto.DataType`, 0..26) and how their values become bytes.
 */

/** Element type names exactly as `TensorProto.DataType` spells them. */
export type DTypeName =
  | 'UNDEFINED'
  | 'FLOAT'
  | 'UINT8'
  | 'INT8'
  | 'UINT16'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'STRING'
  | 'BOOL'
  | 'FLOAT16'
  | 'DOUBLE'
  | 'UINT32'
  | 'UINT64'
  | 'COMPLEX64'
  | 'COMPLEX128'
  | 'BFLOAT16'
  | 'FLOAT8E4M3FN'
  | 'FLOAT8E4M3FNUZ'
  | 'FLOAT8E5M2'
  | 'FLOAT8E5M2FNUZ'
  | 'UINT4'
  | 'INT4'
  | 'FLOAT4E2M1'
  | 'FLOAT8E8M0'
  | 'UINT2'
  | 'INT2';

/** The typed TensorProto fields a payload can live in instead of `raw_data`. */
export type TensorDataField = 'raw_data' | 'float_data' | 'int32_data' | 'string_data' | 'int64_data' | 'double_data' | 'uint64_data';

interface DTypeInfo {
  readonly code: number;
  /** Bits per element in raw_data (0 for STRING and UNDEFINED, which have no fixed size). */
  readonly bits: number;
  /** The typed field onnx.proto assigns to this type. */
  readonly field: Exclude<TensorDataField, 'raw_data'> | undefined;
}

/** Every element type by name: code, bits per element, typed field (from onnx.proto's comments). */
export const DTYPES: Readonly<Record<DTypeName, DTypeInfo>> = {
  UNDEFINED: { code: 0, bits: 0, field: undefined },
  FLOAT: { code: 1, bits: 32, field: 'float_data' },
  UINT8: { code: 2, bits: 8, field: 'int32_data' },
  INT8: { code: 3, bits: 8, field: 'int32_data' },
  UINT16: { code: 4, bits: 16, field: 'int32_data' },
  INT16: { code: 5, bits: 16, field: 'int32_data' },
  INT32: { code: 6, bits: 32, field: 'int32_data' },
  INT64: { code: 7, bits: 64, field: 'int64_data' },
  STRING: { code: 8, bits: 0, field: 'string_data' },
  BOOL: { code: 9, bits: 8, field: 'int32_data' },
  FLOAT16: { code: 10, bits: 16, field: 'int32_data' },
  DOUBLE: { code: 11, bits: 64, field: 'double_data' },
  UINT32: { code: 12, bits: 32, field: 'uint64_data' },
  UINT64: { code: 13, bits: 64, field: 'uint64_data' },
  COMPLEX64: { code: 14, bits: 64, field: 'float_data' },
  COMPLEX128: { code: 15, bits: 128, field: 'double_data' },
  BFLOAT16: { code: 16, bits: 16, field: 'int32_data' },
  FLOAT8E4M3FN: { code: 17, bits: 8, field: 'int32_data' },
  FLOAT8E4M3FNUZ: { code: 18, bits: 8, field: 'int32_data' },
  FLOAT8E5M2: { code: 19, bits: 8, field: 'int32_data' },
  FLOAT8E5M2FNUZ: { code: 20, bits: 8, field: 'int32_data' },
  UINT4: { code: 21, bits: 4, field: 'int32_data' },
  INT4: { code: 22, bits: 4, field: 'int32_data' },
  FLOAT4E2M1: { code: 23, bits: 4, field: 'int32_data' },
  FLOAT8E8M0: { code: 24, bits: 8, field: 'int32_data' },
  UINT2: { code: 25, bits: 2, field: 'int32_data' },
  INT2: { code: 26, bits: 2, field: 'int32_data' },
};

/** All element type names in code order. */
export const DTYPE_NAMES = Object.keys(DTYPES) as DTypeName[];

/** `TensorProto.DataType` code of a type name. */
export function dtypeCode(dtype: DTypeName): number {
  const info = DTYPES[dtype];
  if (!info) throw new TypeError(`unknown ONNX element type '${dtype}'`);
  return info.code;
}

/** Element count of a shape (1 for a scalar). */
export function numelOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/**
 * Bytes `raw_data` holds for `numel` elements: `ceil(numel × bits / 8)`, so sub-byte types are packed
 * (2 int4 per byte, 4 int2 per byte). STRING has no raw form.
 */
export function rawByteLength(dtype: DTypeName, numel: number): number {
  const { bits } = DTYPES[dtype];
  if (bits === 0) throw new TypeError(`${dtype} tensors have no raw_data size`);
  return Math.ceil((numel * bits) / 8);
}

/** Values a tensor can be built from. */
export type TensorData =
  | readonly number[]
  | readonly bigint[]
  | readonly boolean[]
  | readonly string[]
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half-precision bits of `x`, rounded to nearest even. */
export function float16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  const mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    // Subnormal: shift the implicit-1 mantissa into place, rounding to nearest even.
    const m = mant | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rem = m & ((1 << shift) - 1);
    let r = m >>> shift;
    if (rem > half || (rem === half && r & 1)) r++;
    return sign | r;
  }
  let r = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && r & 1)) r++; // may carry into the exponent, which is right
  return sign | r;
}

/** bfloat16 bits of `x` (the top half of the float32, rounded to nearest even; NaN stays NaN). */
export function bfloat16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0];
  if (Number.isNaN(x)) return (b >>> 16) | 0x40;
  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;
}

function elementCount(dtype: DTypeName, numel: number): number {
  return dtype === 'COMPLEX64' || dtype === 'COMPLEX128' ? numel * 2 : numel;
}

function num(v: number | bigint | boolean | string): number {
  if (typeof v === 'string') throw new TypeError('string values belong in STRING tensors');
  return Number(v);
}

function big(v: number | bigint | boolean | string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') throw new TypeError('string values belong in STRING tensors');
  return BigInt(v);
}

/**
 * The value of each element as it is stored in an integer field: float16/bfloat16 as bits, float8,
 * float4 and e8m0 as the given codes (these builders take codes, not real numbers), others as-is.
 */
function storedInteger(dtype: DTypeName, v: number | bigint | boolean | string): number {
  if (dtype === 'FLOAT16') return float16Bits(num(v));
  if (dtype === 'BFLOAT16') return bfloat16Bits(num(v));
  return num(v);
}

/**
 * Little-endian `raw_data` bytes of `data` as `dtype`. Sub-byte types are packed first element in the
 * least significant bits. COMPLEX types take interleaved (real, imaginary) pairs.
 */
export function encodeRawData(dtype: DTypeName, data: TensorData, numel: number): Uint8Array {
  const count = elementCount(dtype, numel);
  if (data.length !== count) {
    throw new RangeError(`${dtype} tensor of ${numel} elements needs ${count} values, got ${data.length}`);
  }
  const bits = DTYPES[dtype].bits;
  const out = new Uint8Array(rawByteLength(dtype, numel));
  const view = new DataView(out.buffer);
  const at = (i: number) => data[i] as number | bigint | boolean | string;
  if (bits < 8) {
    const mask = (1 << bits) - 1;
    const perByte = 8 / bits;
    for (let i = 0; i < numel; i++) {
      out[Math.floor(i / perByte)] |= (num(at(i)) & mask) << ((i % perByte) * bits);
    }
    return out;
  }
  for (let i = 0; i < count; i++) {
    const v = at(i);
    switch (dtype) {
      case 'FLOAT':
      case 'COMPLEX64':
        view.setFloat32(i * 4, num(v), true);
        break;
      case 'DOUBLE':
      case 'COMPLEX128':
        view.setFloat64(i * 8, num(v), true);
        break;
      case 'INT64':
        view.setBigInt64(i * 8, big(v), true);
        break;
      case 'UINT64':
        view.setBigUint64(i * 8, big(v), true);
        break;
      case 'INT32':
        view.setInt32(i * 4, num(v), true);
        break;
      case 'UINT32':
        view.setUint32(i * 4, num(v), true);
        break;
      case 'INT16':
        view.setInt16(i * 2, num(v), true);
        break;
      case 'UINT16':
      case 'FLOAT16':
      case 'BFLOAT16':
        view.setUint16(i * 2, storedInteger(dtype, v), true);
        break;
      case 'INT8':
        view.setInt8(i, num(v));
        break;
      default: // UINT8, BOOL, float8 codes, e8m0 codes
        view.setUint8(i, num(v));
    }
  }
  return out;
}

/**
 * The values of a typed field (`float_data`, `int32_data`, `int64_data`, `double_data`,
 * `uint64_data`) for `data`: sub-byte types packed into bytes, one byte per `int32_data` entry;
 * float16/bfloat16 as bits.
 */
export function typedFieldValues(dtype: DTypeName, data: TensorData, numel: number): (number | bigint)[] {
  const bits = DTYPES[dtype].bits;
  if (bits > 0 && bits < 8) return Array.from(encodeRawData(dtype, data, numel));
  const count = elementCount(dtype, numel);
  if (data.length !== count) {
    throw new RangeError(`${dtype} tensor of ${numel} elements needs ${count} values, got ${data.length}`);
  }
  const out: (number | bigint)[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const v = data[i] as number | bigint | boolean | string;
    if (dtype === 'INT64' || dtype === 'UINT64') out[i] = big(v);
    else if (dtype === 'UINT32') out[i] = num(v);
    else out[i] = storedInteger(dtype, v);
  }
  return out;
}
