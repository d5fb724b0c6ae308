import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { format, sym } from '../dims/index.js';
import type { Value } from '../ir/graph.js';
import { tensorType } from '../ir/value-type.js';
import { valueBytes } from './bytes.js';
import { loadWithCodeCache } from './code-cache.js';

function value(type: Value['type']): Value {
  return { name: 't', kind: 'intermediate', declared: undefined, type, value: undefined, initializer: undefined, producer: undefined, consumers: [] };
}

describe('valueBytes', () => {
  it('is elements × bits / 8, symbolic where a dim is, at a precision for floats only', () => {
    const v = value(tensorType('FLOAT', [sym('batch'), 16]));
    expect(format(valueBytes(v) as never)).toBe('64*batch'); // 16 elements × 4 bytes per batch row
    expect(format(valueBytes(v, 'fp16') as never)).toBe('32*batch'); // 16 × 2
    expect(format(valueBytes(v) as never)).toBe('64*batch'); // the last answer was for fp16: not reused
    expect(valueBytes(value(tensorType('INT64', [3])), 'fp16')).toBe(24); // integers keep their 8 bytes
    expect(valueBytes(value(tensorType('INT4', [3])))).toBe(2); // 12 bits, rounded up to whole bytes
    expect(valueBytes(value(tensorType('FLOAT', undefined)))).toBeUndefined(); // unknown, never 0
  });

  it('answers for the current type after inference replaces it (the cache is keyed by the type)', () => {
    const v = value(tensorType('FLOAT', [4, 4]));
    expect(valueBytes(v)).toBe(64);
    v.type = tensorType('FLOAT', [4, 8]);
    expect(valueBytes(v)).toBe(128);
  });
});

describe('loadWithCodeCache', () => {
  it('loads a CommonJS file like require, writes a V8 cache once, and reuses it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'autodoc-code-cache-'));
    try {
      const file = path.join(dir, 'm.cjs');
      writeFileSync(file, "const path = require('node:path'); module.exports = (x) => path.basename(x) + x.length;");
      const first = loadWithCodeCache(file);
      expect((first.exports as (x: string) => string)('/a/bc')).toBe('bc5');
      first.saveCache();
      const written = statSync(`${file}.v8`).mtimeMs;
      const second = loadWithCodeCache(file);
      expect((second.exports as (x: string) => string)('xy')).toBe('xy2');
      second.saveCache(); // the cache was accepted: nothing to rewrite
      expect(statSync(`${file}.v8`).mtimeMs).toBe(written);
      // A caller that saw the cached code run slowly asks for a fresh cache; it is written only
      // when it holds more compiled code than the one loaded.
      const third = loadWithCodeCache(file);
      third.saveCache(true);
      expect(statSync(`${file}.v8`).mtimeMs).toBe(written);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rewrites a cache that lacks functions the code ran since', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'autodoc-code-cache-'));
    try {
      const file = path.join(dir, 'two.cjs');
      const body = Array.from({ length: 40 }, (_, i) => `s += x * ${i} + (x % ${i + 2});`).join(' ');
      writeFileSync(file, `exports.a = (x) => x + 1; exports.b = (x) => { let s = 0; ${body} return s; };`);
      const first = loadWithCodeCache(file);
      const m1 = first.exports as { a(x: number): number; b(x: number): number };
      expect(m1.a(1)).toBe(2); // b never runs: V8 compiles it lazily, so the cache lacks it
      first.saveCache();
      const small = statSync(`${file}.v8`).size;
      const second = loadWithCodeCache(file);
      expect((second.exports as typeof m1).b(3)).toBeGreaterThan(0);
      second.saveCache(true);
      expect(statSync(`${file}.v8`).size).toBeGreaterThan(small);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
