import { type Dim, ceilDiv, mul, numel } from '../dims/index.js';
import { tensorOf, type Value } from '../ir/graph.js';
import { dtypeByName } from '../onnx/dtypes.js';
import type { Precision } from '../pipeline/run-options.js';

/** Bits per element a precision stores floats at (tf32 is stored as fp32). */
export const precisionBits: Readonly<Record<Precision, number>> = { fp32: 32, tf32: 32, fp16: 16, bf16: 16, fp8: 8, int8: 8, int4: 4 };

/**
 * The one definition of a tensor's bytes (docs/definitions.md): elements × bits / 8 at its dtype,
 * packed sub-byte types rounded up; float tensors at `precision` when one is given. Undefined when
 * the shape or dtype is unknown — never a guessed zero. Symbolic when a dim is.
 */
export function valueBytes(value: Value, precision?: Precision): Dim | undefined {
  const type = value.type;
  if (!type) return undefined;
  // Several plugins ask for the same tensor's bytes (layers, liveness, largest tensors, risks); a
  // value's type object is never mutated once set, so the answer is cached on it.
  const key = precision ?? 'native';
  // Runs of values share one type object (pass-through rules hand it on): the last answer first.
  if (type === last.type && key === last.key) return last.bytes;
  let cache = cachedBytes.get(key);
  if (!cache) cachedBytes.set(key, (cache = new WeakMap()));
  // One lookup per call (has + get was two, and every plugin asks for every value).
  const known = cache.get(type);
  let bytes: Dim | undefined;
  if (known !== undefined) bytes = known === UNKNOWN ? undefined : known;
  else {
    bytes = computeBytes(value, precision);
    cache.set(type, bytes ?? UNKNOWN);
  }
  last.type = type;
  last.key = key;
  last.bytes = bytes;
  return bytes;
}

/** The last answer of valueBytes (the type object is kept only until the next question). */
const last: { type: object | undefined; key: string | undefined; bytes: Dim | undefined } = { type: undefined, key: undefined, bytes: undefined };

/** Cached for a type whose bytes are unknown. */
const UNKNOWN = Symbol('unknown bytes');
const cachedBytes = new Map<Precision | 'native', WeakMap<object, Dim | typeof UNKNOWN>>();

function computeBytes(value: Value, precision: Precision | undefined): Dim | undefined {
  const { dtype, shape } = tensorOf(value);
  if (!dtype || !shape) return undefined;
  const info = dtypeByName(dtype);
  if (!info?.bits) return undefined;
  const bits = precision && info.isFloat ? precisionBits[precision] : info.bits;
  const elements = numel(shape);
  return bits % 8 === 0 ? mul(elements, bits / 8) : ceilDiv(mul(elements, bits), 8);
}
