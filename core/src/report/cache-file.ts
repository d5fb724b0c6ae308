import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * A file of the run-to-run cache, `node_modules/.cache/autodoc/<name>` beside ajv (so generated
 * validators' `require('ajv/dist/runtime/…')` resolves); undefined under AUTODOC_NO_CACHE=1 or
 * when ajv cannot be found.
 */
export function cacheFile(name: string): string | undefined {
  if (process.env.AUTODOC_NO_CACHE === '1') return undefined;
  try {
    return path.join(path.dirname(require.resolve('ajv/package.json')), '..', '.cache', 'autodoc', name);
  } catch {
    return undefined;
  }
}

/** The file's text, or undefined when it cannot be read. */
export function readCached(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Writes atomically (a concurrent run never reads half a file); a read-only install just skips it.
 * A write means a miss, rare once a version has run: that is when the folder is pruned.
 */
export function writeCached(file: string, contents: string | Uint8Array): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, contents);
    renameSync(tmp, file);
  } catch {
    return; // no cache
  }
  pruneCache(path.dirname(file));
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A cache file neither written nor used for this long is removed. */
export const CACHE_MAX_AGE_MS = 30 * DAY_MS;
/** At most this many files are kept, the most recently used. */
export const CACHE_MAX_FILES = 256;

/**
 * Records that a cache file was used, by its modification time (`pruneCache` goes by it). Only an
 * entry last marked over a day ago is touched, so a run costs a `stat` per file, not a write.
 */
export function markUsed(file: string, now = Date.now()): void {
  try {
    if (now - statSync(file).mtimeMs > DAY_MS) utimesSync(file, now / 1000, now / 1000);
  } catch {
    // gone or read-only: nothing to mark
  }
}

/**
 * Removes the files of the cache folder unused for CACHE_MAX_AGE_MS, then the least recently used
 * beyond CACHE_MAX_FILES. Every new schema (another version, another plugin set) adds entries that
 * nothing removed: one development machine had gathered 102 files. A file another run is reading
 * may go; that run then compiles again, as on any miss.
 */
export function pruneCache(dir: string, now = Date.now()): void {
  let entries: { file: string; mtimeMs: number }[];
  try {
    entries = readdirSync(dir).map((name) => {
      const file = path.join(dir, name);
      return { file, mtimeMs: statSync(file).mtimeMs };
    });
  } catch {
    return;
  }
  entries.sort((a, b) => b.mtimeMs - a.mtimeMs);
  entries.forEach(({ file, mtimeMs }, i) => {
    if (i < CACHE_MAX_FILES && now - mtimeMs <= CACHE_MAX_AGE_MS) return;
    try {
      rmSync(file, { force: true });
    } catch {
      // read-only, or removed meanwhile
    }
  });
}
