// Copied by scripts/bundle-package.mjs into core's bundle/ as load-body.js; the ES module shells of
// every package call it, through core's main entry (`__autodocLoadBody`) or its `./load-body`
// export. Not part of any package's source: it must load before the package's code.
//
// Why: Node 20 compiles every ES module from scratch on every run (no module compile cache before
// Node 22.1). Each bundled module's code is therefore a script ("body") that this loader compiles
// with vm.Script and V8's code cache kept beside it (`<body>.v8`). The shells stay ES modules with
// the original imports and exports, so every importer — the CLI, a user's config, a user's plugin —
// shares one instance of each package, and lazily imported chunks still load only when needed.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * Kept on globalThis, so that two installed copies of core share it too: every body loaded
 * (`file → { cache }`, what V8 did with its code cache: 'accepted', 'rejected' or 'none'), the
 * scripts whose cache is to be written, and `saveOnExit`, set by a run that exercised
 * the code later runs need (the CLI after an analysis, cli/src/code-cache-hint.ts): a cache written
 * at the end of `--help` would leave the analysis code uncompiled for good.
 */
const registry = (globalThis[Symbol.for('autodoc.bundleBodies')] ??= { bodies: new Map(), unsaved: [], saveOnExit: false });

/**
 * Runs the body `bodyPath` (relative to the shell's `shellUrl`) with the shell's imported `bindings`
 * and returns the module's exports. `importModule` is the shell's `import()`, for the body's dynamic
 * imports; `import.meta` in the body is the shell's, so relative URLs resolve as before.
 */
export function loadBody(shellUrl, bodyPath, importModule, bindings) {
  const file = fileURLToPath(new URL(bodyPath, shellUrl));
  const cacheFile = `${file}.v8`;
  const useCache = process.env.AUTODOC_NO_CACHE !== '1';
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // Bodies are ASCII (scripts/bundle-package.mjs escapes the rest): Latin-1 decodes them fastest.
  const script = new vm.Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  registry.bodies.set(file, { cache });
  const exports = script.runInThisContext()({ url: shellUrl }, importModule, ...bindings);
  if (useCache && cache !== 'accepted') {
    if (registry.unsaved.length === 0) process.once('exit', saveCaches);
    registry.unsaved.push({ script, cacheFile });
  }
  return exports;
}

/**
 * At exit the cache also holds the functions this run compiled lazily, not only the top level.
 * Written atomically; a read-only install simply compiles every time.
 */
function saveCaches() {
  if (!registry.saveOnExit) return;
  for (const { script, cacheFile } of registry.unsaved) {
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // read-only or full disk: no cache
    }
  }
}
