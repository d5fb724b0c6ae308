// Copied by scripts/bundle-package.mjs into core's bundle/ as load-body.cjs; the ES module shells of
// every package call it, through core's main entry (`__autodocLoadBody`) or its `./load-body`
// export, and the CLI's bin loads the packages with it. Not part of any package's source: it must
// load before the package's code. CommonJS, so that the bin (CommonJS too) starts without Node's ES
// module loader.
//
// Why: Node 20 compiles every ES module from scratch on every run (no module compile cache before
// Node 22.1). Each bundled module's code is therefore a script ("body") that this loader compiles
// with vm.Script and V8's code cache kept beside it (`<body>.v8`). The shells stay ES modules with
// the original imports and exports, so every importer — the CLI, a user's config, a user's plugin —
// shares one instance of each package, and lazily imported chunks still load only when needed.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire, isBuiltin } = require('node:module');
const path = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');
const vm = require('node:vm');

/**
 * Kept on globalThis, so that two installed copies of core share it too: every body loaded
 * (`file → { cache }`, what V8 did with its code cache: 'accepted', 'rejected' or 'none'), the
 * scripts whose cache is to be written, and `saveOnExit`, set by a run that exercised
 * the code later runs need (the CLI after an analysis, cli/src/code-cache-hint.ts): a cache written
 * at the end of `--help` would leave the analysis code uncompiled for good. Also each module's
 * exports by its shell's URL (a body runs once, whether its shell or `requireShell` loads it first)
 * and each evaluated shell's `import()`.
 */
const registry = (globalThis[Symbol.for('autodoc.bundleBodies')] ??= { bodies: new Map(), unsaved: [], saveOnExit: false });
registry.exports ??= new Map();
registry.importers ??= new Map();

/**
 * Runs the body `bodyPath` (relative to the shell's `shellUrl`) with the shell's imported `bindings`
 * and returns the module's exports. `importModule` is the shell's `import()`, for the body's dynamic
 * imports; `import.meta` in the body is the shell's, so relative URLs resolve as before.
 */
function loadBody(shellUrl, bodyPath, importModule, bindings) {
  registry.importers.set(shellUrl, importModule);
  return registry.exports.get(shellUrl) ?? runBody(shellUrl, bodyPath, importModule, bindings);
}

function runBody(shellUrl, bodyPath, importModule, bindings) {
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
  registry.exports.set(shellUrl, exports);
  if (useCache && cache !== 'accepted') {
    if (registry.unsaved.length === 0) process.once('exit', saveCaches);
    registry.unsaved.push({ script, cacheFile });
  }
  return exports;
}

/** A module on the way must load as an ES module: `requireShell` gives up (nothing is lost). */
class NeedsEsm extends Error {}

/**
 * The exports of the bundled module whose shell is the file `shellFile`, loaded without Node's ES
 * module loader: each shell's second line (scripts/bundle-package.mjs) names its body and what the
 * body imports, so the bodies are run here, dependencies first, as the shells would run them. On
 * Node 20 resolving, linking and evaluating the CLI's ~30 shells as ES modules took ~25–40 ms of
 * every run. Bodies loaded either way run once and are shared: a user's config importing
 * `@autodoc/core` later gets the same instance. Undefined when some module on the way cannot load
 * so (a top-level await, a re-export, an import of a module that is not a shell): import it then.
 */
function requireShell(shellFile) {
  try {
    return loadShell(shellFile, new Set());
  } catch (error) {
    if (error instanceof NeedsEsm) return undefined;
    throw error;
  }
}

function loadShell(file, loading) {
  const url = pathToFileURL(file).href;
  const known = registry.exports.get(url);
  if (known) return known;
  const entry = shellEntry(file);
  if (loading.has(file)) throw new NeedsEsm(); // a cycle, which ES modules resolve and this does not
  loading.add(file);
  const require = createRequire(file);
  const bindings = [];
  for (const [specifier, ...names] of entry.imports) {
    if (isBuiltin(specifier)) {
      const builtin = require(specifier);
      for (const name of names) bindings.push(name === 'default' ? builtin : name === '*' ? { ...builtin, default: builtin } : builtin[name]);
      continue;
    }
    const exports = loadShell(resolveFile(require, specifier, file), loading);
    for (const name of names) bindings.push(name === '*' ? exports : exports[name]);
  }
  return runBody(url, `./${entry.body}`, (specifier) => importFrom(file, url, require, specifier), bindings);
}

/** Starts a shell's second line, as scripts/bundle-package.mjs writes it (its SHELL_MARK). */
const SHELL_MARK = '\n// autodoc-shell ';

/** The JSON line a shell starts with after its comment; NeedsEsm when it has none or cannot load so. */
function shellEntry(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new NeedsEsm();
  }
  const start = text.indexOf(SHELL_MARK);
  if (start < 0) throw new NeedsEsm();
  const entry = JSON.parse(text.slice(start + SHELL_MARK.length, text.indexOf('\n', start + 1)));
  if (entry.async || entry.reexports) throw new NeedsEsm();
  return entry;
}

/** Packages resolved, by the folder that asked and the name (a shell imports core up to ~5 times). */
const resolved = new Map();

/** The file a shell's import names: relative to the shell, or a package resolved from it. */
function resolveFile(require, specifier, file) {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return path.resolve(path.dirname(file), specifier);
  if (specifier.startsWith('file:')) return fileURLToPath(specifier);
  const key = `${path.dirname(file)}\0${specifier}`;
  let target = resolved.get(key);
  if (target === undefined) {
    try {
      // Our packages' exports have no "import" condition: require's resolution finds what import's would.
      target = require.resolve(specifier);
    } catch {
      throw new NeedsEsm();
    }
    resolved.set(key, target);
  }
  return target;
}

/**
 * A body's `import()`: a shell loads as above; anything else (a builtin, a user's config, a
 * package of others) through Node, a bare name through the shell's own `import()`, which resolves
 * it from where the shell lies.
 */
function importFrom(file, url, require, specifier) {
  if (!isBuiltin(specifier) && !/[?#]/.test(specifier)) {
    try {
      const exports = requireShell(resolveFile(require, specifier, file));
      if (exports) return Promise.resolve(exports);
    } catch (error) {
      if (!(error instanceof NeedsEsm)) return Promise.reject(error);
    }
  }
  if (specifier.startsWith('./') || specifier.startsWith('../')) return import(new URL(specifier, url).href);
  if (isBuiltin(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return import(specifier);
  return import(url).then(() => registry.importers.get(url)(specifier));
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

module.exports = { loadBody, requireShell };
