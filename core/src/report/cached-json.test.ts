import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedJson, jsonCacheFile } from './cached-json.js';

/** A key no other run has used, and the files it made. */
const keys: string[] = [];
function freshKey(): string {
  const key = `cached-json test ${randomUUID()}`;
  keys.push(key);
  return key;
}

afterEach(() => {
  vi.unstubAllEnvs();
  for (const key of keys.splice(0)) {
    const file = jsonCacheFile(key);
    if (file) rmSync(file, { force: true });
  }
});

describe('cachedJson', () => {
  it('makes the value once, then reads it back from the cache folder', () => {
    const key = freshKey();
    const make = vi.fn(() => ({ devices: [{ id: 'a', peak: 1.5e15 }], note: 'é' }));
    const first = cachedJson(key, make);
    const second = cachedJson(key, make);
    expect(make).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    // Read back, not the same object: it came from the file.
    expect(second).not.toBe(first);
  });

  it('keeps values of different keys apart', () => {
    const a = freshKey();
    const b = freshKey();
    cachedJson(a, () => 'A');
    expect(cachedJson(b, () => 'B')).toBe('B');
    expect(cachedJson(a, () => 'changed')).toBe('A');
  });

  it('makes the value again when the entry is damaged, and rewrites it', () => {
    const key = freshKey();
    cachedJson(key, () => [1, 2, 3]);
    writeFileSync(jsonCacheFile(key) as string, '[1, 2,');
    const make = vi.fn(() => [4]);
    expect(cachedJson(key, make)).toEqual([4]);
    expect(cachedJson(key, make)).toEqual([4]);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('caches nothing when make throws', () => {
    const key = freshKey();
    expect(() =>
      cachedJson(key, () => {
        throw new Error('invalid file');
      }),
    ).toThrow('invalid file');
    expect(cachedJson(key, () => 'made')).toBe('made');
  });

  it('is off under AUTODOC_NO_CACHE=1', () => {
    const key = freshKey();
    cachedJson(key, () => 'cached');
    vi.stubEnv('AUTODOC_NO_CACHE', '1');
    expect(jsonCacheFile(key)).toBeUndefined();
    expect(cachedJson(key, () => 'made')).toBe('made');
  });
});
