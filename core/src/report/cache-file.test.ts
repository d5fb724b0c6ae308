import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_MAX_AGE_MS, CACHE_MAX_FILES, markUsed, pruneCache, writeCached } from './cache-file.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 26);
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'autodoc-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A cache file last modified `ageMs` before NOW. */
function entry(name: string, ageMs: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, name);
  utimesSync(file, (NOW - ageMs) / 1000, (NOW - ageMs) / 1000);
  return file;
}

describe('the run-to-run cache folder', () => {
  it('loses the files unused for 30 days and keeps the others', () => {
    entry('validate-old.cjs', CACHE_MAX_AGE_MS + DAY);
    entry('validate-old.cjs.v8', CACHE_MAX_AGE_MS + 1000);
    entry('schema-recent.json', CACHE_MAX_AGE_MS - DAY);
    entry('validate-new.cjs', 0);
    pruneCache(dir, NOW);
    expect(readdirSync(dir).sort()).toEqual(['schema-recent.json', 'validate-new.cjs']);
  });

  it(`keeps the ${CACHE_MAX_FILES} most recently used files`, () => {
    for (let i = 0; i < CACHE_MAX_FILES + 3; i++) entry(`f${i}`, i * 1000); // f0 is the newest
    pruneCache(dir, NOW);
    expect(readdirSync(dir)).toHaveLength(CACHE_MAX_FILES);
    for (const gone of [CACHE_MAX_FILES, CACHE_MAX_FILES + 1, CACHE_MAX_FILES + 2]) expect(existsSync(path.join(dir, `f${gone}`))).toBe(false);
    expect(existsSync(path.join(dir, `f${CACHE_MAX_FILES - 1}`))).toBe(true);
  });

  it('marks a file used by its time, touching it only when last marked over a day ago', () => {
    const old = entry('old', 10 * DAY);
    const fresh = entry('fresh', DAY / 2);
    markUsed(old, NOW);
    markUsed(fresh, NOW);
    expect(statSync(old).mtimeMs).toBe(NOW);
    expect(statSync(fresh).mtimeMs).toBe(NOW - DAY / 2);
    markUsed(path.join(dir, 'missing'), NOW); // nothing to mark, no error
  });

  it('prunes when it writes an entry (a miss)', () => {
    const stale = path.join(dir, 'stale.json');
    writeFileSync(stale, '{}');
    const then = (Date.now() - CACHE_MAX_AGE_MS - DAY) / 1000; // writeCached prunes by the clock
    utimesSync(stale, then, then);
    writeCached(path.join(dir, 'new.json'), '{}');
    expect(readdirSync(dir)).toEqual(['new.json']);
  });
});
