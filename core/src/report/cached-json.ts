import { createHash } from 'node:crypto';
import { cacheFile, markUsed, readCached, writeCached } from './cache-file.js';

/** The file `cachedJson` keeps `key`'s value in (undefined when the cache is off or has no folder): for cleaning up after tests. */
export function jsonCacheFile(key: string): string | undefined {
  return cacheFile(`json-${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`);
}

/**
 * The JSON value `make()` returns, kept between runs in the autodoc cache folder (beside the
 * compiled validators) under `key`: for work that is slow to repeat and whose inputs rarely change,
 * such as validating a folder of data files. `key` must change whenever the value would, e.g. the
 * names, sizes and modification times of the files it comes from, and the version of the code
 * that reads them: a cached value is returned as parsed, unchecked. A miss, an entry that cannot
 * be read or parsed, or AUTODOC_NO_CACHE=1 calls `make`; when `make` throws, nothing is cached.
 * The value must survive JSON (no undefined, Map or class instances).
 *
 * @example
 * ```ts
 * const devices = cachedJson(`my-devices v1\n${fileStats}`, () => readAndValidate(dir));
 * ```
 */
export function cachedJson<T>(key: string, make: () => T): T {
  const file = jsonCacheFile(key);
  const text = file === undefined ? undefined : readCached(file);
  if (file !== undefined && text !== undefined) {
    try {
      const value = JSON.parse(text) as T;
      markUsed(file);
      return value;
    } catch {
      // a damaged entry: made again and rewritten below
    }
  }
  const value = make();
  if (file !== undefined) writeCached(file, JSON.stringify(value));
  return value;
}
