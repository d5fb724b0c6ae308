// Copied by scripts/bundle.mjs into every package's bundle/ as load-body.js; its ESM entry shells
// call it. Not part of any package's source: it must load before the package's own code.
//
// Why: Node 20 compiles every ES module from scratch on every run (no compile cache before Node
// 22.1), ~80 ms of a 0.5 s CLI run. A package's code is therefore bundled as one CommonJS-style
// script ("body") and compiled with vm.Script, whose V8 code cache is kept beside it
// (`<body>.v8`). The shells stay ES modules, so every importer — the CLI, a user's config, a
// user's plugin — shares one instance of each package exactly as before.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * Shared by the copies of this file in every package's bundle/ (each is its own module instance):
 * every body loaded (`file → { exports, cache }`, `cache` = what V8 did with the code cache:
 * 'accepted', 'rejected' or 'none'), and `saveOnExit`, set by a run that exercised the code later
 * runs need (the CLI after an analysis, cli/src/code-cache-hint.ts): a cache written at the end of
 * `--help` would leave the analysis code uncached for good.
 */
const registry = (globalThis[Symbol.for('autodoc.bundleBodies')] ??= { bodies: new Map(), saveOnExit: false });

/**
 * Runs the body at `bodyUrl` once and returns its exports (`{ e0, e1, … }`, one namespace per entry).
 * `workspace` maps the `@autodoc/*` packages the body imports to their ES module namespaces;
 * `importModule` is the shell's `import()`, used for the body's dynamic imports of other packages.
 */
export function loadBody(bodyUrl, workspace, importModule) {
  const file = fileURLToPath(bodyUrl);
  const known = registry.bodies.get(file);
  if (known) return known.exports;
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
  // Bodies are ASCII (scripts/bundle.mjs escapes the rest): Latin-1 decodes them fastest.
  const source = readFileSync(file, 'latin1');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __autodocMetaUrl, __autodocImport) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const fallback = createRequire(file);
  const workspaceModules = new Map(Object.entries(workspace).map(([name, ns]) => [name, { __esModule: true, ...ns }]));
  const require = (id) => workspaceModules.get(id) ?? fallback(id);
  const module = { exports: {} };
  const body = { exports: module.exports, cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted' };
  registry.bodies.set(file, body);
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file), bodyUrl.href, importModule);
  body.exports = module.exports;
  if (useCache && body.cache !== 'accepted') {
    if (!registry.unsaved) {
      registry.unsaved = [];
      process.once('exit', saveCaches);
    }
    registry.unsaved.push({ script, cacheFile });
  }
  return body.exports;
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
