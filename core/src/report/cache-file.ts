import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** Writes atomically (a concurrent run never reads half a file); a read-only install just skips it. */
export function writeCached(file: string, contents: string | Uint8Array): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, contents);
    renameSync(tmp, file);
  } catch {
    // no cache
  }
}
