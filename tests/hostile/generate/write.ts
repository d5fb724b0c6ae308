/** Small helpers for writing case files. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelBuilder } from '@autodoc/core/testing';
import type { Expected, HostileCase, HostileClass, Made, MakeContext } from './types.js';

/** Writes `bytes` as `model.onnx` in the case folder. */
export function writeModel(ctx: MakeContext, bytes: Uint8Array | string, name = 'model.onnx'): Made {
  const model = path.join(ctx.dir, name);
  writeFileSync(model, bytes);
  return { model };
}

/** A case whose input is a fixed byte string. */
export function bytesCase(cls: HostileClass, id: string, title: string, expect: Expected, bytes: () => Uint8Array | string, extra: Partial<HostileCase> = {}): HostileCase {
  return { cls, id, title, expect, make: (ctx) => writeModel(ctx, bytes()), ...extra };
}

/** A case built with the ModelBuilder (only the .onnx bytes are written unless `write` is set). */
export function builderCase(cls: HostileClass, id: string, title: string, expect: Expected, build: () => ModelBuilder, extra: Partial<HostileCase> = {}): HostileCase {
  return { cls, id, title, expect, make: (ctx) => writeModel(ctx, build().toBytes()), ...extra };
}

/** Deterministic pseudo-random bytes (xorshift32), so every run sees the same "random" file. */
export function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s & 0xff;
  }
  return out;
}

/** Concatenates byte arrays. */
export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  return Buffer.concat(parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p))));
}
