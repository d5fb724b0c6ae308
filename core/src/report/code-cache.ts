import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { markUsed, writeCached } from './cache-file.js';

export interface CodeCachedModule {
  readonly exports: unknown;
  /**
   * Writes V8's code cache for the file once its code has run: when there was none or V8 rejected it,
   * or when `stale` (the caller saw the cached code run slowly: a cache written while V8 had already
   * dropped some compiled functions). Once per load.
   */
  saveCache(stale?: boolean): void;
}

/**
 * Loads a CommonJS file the way `require` does, with V8's code cache kept beside it (`<file>.v8`).
 * The cached report validator is ~1 MB of generated code; compiling it, then lazily compiling its
 * functions on the first call, cost ~0.15 s per run. Saving the cache after the first call captures
 * those lazily compiled functions too. A cache V8 rejects (another Node version) is rewritten.
 */
export function loadWithCodeCache(file: string): CodeCachedModule {
  const source = readFileSync(file, 'utf8');
  const cacheFile = `${file}.v8`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  const missing = cachedData === undefined || script.cachedDataRejected === true;
  markUsed(file);
  if (!missing) markUsed(cacheFile);
  let saved = false;
  return {
    exports: module.exports,
    saveCache(stale = false) {
      if (saved || !(missing || stale)) return;
      saved = true;
      const data = script.createCachedData();
      // A slow first call on a large value is not a stale cache: rewrite only when this one holds
      // more compiled code than the one loaded (else every big report rewrote 0.5 MB per run).
      if (!missing && data.length <= (cachedData?.length ?? 0)) return;
      writeCached(cacheFile, data);
    },
  };
}
