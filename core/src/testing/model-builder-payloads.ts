/**
 * Payload generators for tensor bytes that are never held whole in memory.
 */
import type { DTypeName } from './model-builder-dtypes.js';
import { DTYPES } from './model-builder-dtypes.js';
import type { Payload } from './proto-writer-rope.js';

/** `length` zero bytes (the writer streams a shared zero chunk). */
export function zeroPayload(length: number): Payload {
  return { length };
}

/** 32-bit hash of (seed, index): a pure function, so any chunk can be generated independently. */
export function hash32(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x27d4eb2d, 0x85ebca6b) ^ Math.imul(index, 0x9e3779b1) ^ Math.floor(index / 2 ** 32);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Deterministic pseudo-random contents for `numelBytes` bytes of `dtype`: FLOAT and DOUBLE elements are
 * uniform in [-0.5, 0.5) (element i is `hash32(seed, i) / 2^32 - 0.5`); every other type gets
 * hashed bytes (for FLOAT16/BFLOAT16 this may include NaN patterns; use real data when that matters).
 */
export function seededPayload(dtype: DTypeName, length: number, seed: number): Payload {
  const bits = DTYPES[dtype].bits;
  const size = Math.max(1, bits / 8);
  const scratch = new Uint8Array(8);
  const view = new DataView(scratch.buffer);
  const element = (i: number): void => {
    const h = hash32(seed, i);
    if (dtype === 'FLOAT') view.setFloat32(0, h / 2 ** 32 - 0.5, true);
    else if (dtype === 'DOUBLE') view.setFloat64(0, h / 2 ** 32 - 0.5, true);
    else {
      view.setUint32(0, h, true);
      view.setUint32(4, hash32(seed + 1, i), true);
    }
  };
  const fill = (dst: Uint8Array, offset: number): void => {
    const end = offset + dst.length;
    for (let e = Math.floor(offset / size); e * size < end; e++) {
      element(e);
      const from = Math.max(offset, e * size);
      const to = Math.min(end, (e + 1) * size);
      for (let j = from; j < to; j++) dst[j - offset] = scratch[j - e * size];
    }
  };
  return { length, fill };
}
