import { type Dim, dims, dtypeByName, type Precision, tensorOf, type Value } from '@autodoc/core';

/** Bits per element a precision stores floats at (tf32 is stored as fp32). */
export const precisionBits: Record<Precision, number> = { fp32: 32, tf32: 32, fp16: 16, bf16: 16, fp8: 8, int8: 8, int4: 4 };

/**
 * Bytes of a value at its dtype (docs/definitions.md: elements × bits / 8, packed sub-byte types
 * rounded up); float tensors at `precision` when one is given. Undefined when the shape or dtype is
 * unknown — never a guessed zero.
 */
export function valueBytes(value: Value, precision?: Precision): Dim | undefined {
  const { dtype, shape } = tensorOf(value);
  if (!dtype || !shape) return undefined;
  const info = dtypeByName(dtype);
  if (!info?.bits) return undefined;
  const bits = precision && info.isFloat ? precisionBits[precision] : info.bits;
  const elements = dims.numel(shape);
  return bits % 8 === 0 ? dims.mul(elements, bits / 8) : dims.ceilDiv(dims.mul(elements, bits), 8);
}
