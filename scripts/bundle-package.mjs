// Bundles one package (see scripts/bundle.mjs for why). Exported for scripts/bundle.mjs and for tests.
//
// esbuild first bundles the package's `dist/` as ES modules with code splitting (one file per
// `exports` entry plus shared chunks; lazily imported code stays in chunks loaded on demand). Each of
// those files X.js is then split in two:
// - the body, `X-<content hash>.cjs`: the module's code, its `import` statements blanked and its
//   `export { … }` turned into a `return`, wrapped in a function; core's bundle/load-body.cjs compiles
//   it with V8's code cache (scripts/bundle-runtime/load-body.cjs);
// - the shell, X.js itself: the module's `import` statements, then one call that loads the body with
//   the imported bindings, then the module's exports.
// Lines are kept, so esbuild's source map of X.js still maps the body to the TypeScript sources.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { init, parse } from 'es-module-lexer';

const LOADER = fileURLToPath(new URL('./bundle-runtime/load-body.cjs', import.meta.url));
/**
 * The package whose bundle holds the loader; every other package's shells import it from there
 * (core is a peer dependency of them all; see `loaderImport`). One module for all: Node 20 compiles
 * and links each ES module afresh on every run, ~0.4 ms for a copy of the loader per package.
 */
const CORE = '@autodoc/core';

/**
 * Never inlined: our packages (each its own instance), native or platform-bound code (resvg,
 * playwright, esbuild, `canvas`, which vega tries and does without), and what loads only for a
 * config file (jiti, typescript). vega and vega-lite are inlined: format-html imports them lazily,
 * so they become a chunk loaded only to draw charts, one body with a code cache instead of ~500 ES
 * modules that Node 20 compiled afresh on every HTML report (~0.2 s).
 */
const ALWAYS_EXTERNAL = ['@autodoc/*', 'playwright-core', '@resvg/resvg-js', 'canvas', 'jiti', 'typescript', 'esbuild'];

/**
 * Starts the shell's second line: its body and its imports as JSON, read by load-body's
 * `requireShell`, which loads the package without Node's ES module loader.
 */
const SHELL_MARK = '// autodoc-shell ';

// Bundled CommonJS dependencies call `require` for Node built-ins; ESM output needs one in scope.
const banner = "import { createRequire as __autodocCreateRequire } from 'node:module'; const require = __autodocCreateRequire(import.meta.url);";

/** `./bundle/x.js` targets of the exports map → their `./dist/x.js` inputs. */
function entryPoints(pkg) {
  const entries = [];
  for (const target of Object.values(pkg.exports ?? {})) {
    const runtime = typeof target === 'object' ? target.default : undefined;
    if (typeof runtime === 'string' && runtime.startsWith('./bundle/')) entries.push(runtime.replace('./bundle/', 'dist/'));
  }
  return [...new Set(entries)]; // two exports may name one file
}

/** Writes `<packageDir>/bundle/` from its `dist/`; returns the number of entries (0: nothing to bundle). */
export async function bundlePackage(cwd, pkg) {
  const entries = entryPoints(pkg);
  if (entries.length === 0) return 0;
  const out = path.join(cwd, 'bundle');
  rmSync(out, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: cwd,
    entryPoints: entries,
    outdir: 'bundle',
    outbase: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ALWAYS_EXTERNAL,
    banner: { js: banner },
    sourcemap: 'external',
    sourcesContent: false,
    // No `keepNames`: it wraps every named function and class in a `__name()` call (a defineProperty
    // of `name`) run each time the definition is evaluated, closures made per call included: ~750 KB
    // kept alive at start-up and ~35 ms of a GPT-2-medium analysis. Without it esbuild renames the few
    // names that collide across a bundle's modules (`stageName2`); stack traces and profiles show
    // those names, and positions still map to the sources.
    keepNames: false,
    logLevel: 'warning',
    // Chunks sit beside the top-level entries, so `new URL('../package.json', import.meta.url)` in
    // bundled code still means the package root.
    chunkNames: '[name]-[hash]',
    write: false,
  });
  await init;
  const maps = new Map(result.outputFiles.filter((f) => f.path.endsWith('.map')).map((f) => [f.path.slice(0, -4), f.text]));
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue;
    const { shell, body, bodyName } = split(file.text, path.relative(out, file.path), pkg.name === CORE);
    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(file.path, shell);
    writeFileSync(path.join(path.dirname(file.path), bodyName), `${body}\n//# sourceMappingURL=${bodyName}.map\n`);
    writeFileSync(path.join(path.dirname(file.path), `${bodyName}.map`), maps.get(file.path) ?? '');
  }
  if (pkg.name === CORE) copyFileSync(LOADER, path.join(out, 'load-body.cjs'));
  return entries.length;
}

/** Blanks `[start, end)` of `text`, keeping its line breaks (so the source map stays valid). */
function blank(text, start, end) {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/**
 * What an `import … from` statement binds (esbuild's output forms): each local name with the name it
 * imports, `default` for a default import and `*` for a namespace.
 */
function importedBindings(statement) {
  const from = statement.lastIndexOf(' from ');
  if (from < 0) return []; // `import "x"`: side effects only
  const names = [];
  for (const part of statement.slice('import'.length, from).split(/,(?![^{]*\})/)) {
    const clause = part.trim();
    if (clause.startsWith('{')) {
      for (const spec of clause.slice(1, -1).split(',')) {
        if (spec.trim() === '') continue; // trailing comma
        const m = /^\s*([\w$]+|"[^"]*")\s+as\s+([\w$]+)\s*$|^\s*([\w$]+)\s*$/.exec(spec);
        if (!m) throw new Error(`bundle: cannot read the import specifier "${spec}"`);
        names.push(m[3] ? { imported: m[3], local: m[3] } : { imported: m[1].startsWith('"') ? JSON.parse(m[1]) : m[1], local: m[2] });
      }
    } else if (clause.startsWith('*')) {
      names.push({ imported: '*', local: /^\*\s+as\s+([\w$]+)$/.exec(clause)[1] });
    } else {
      names.push({ imported: 'default', local: clause });
    }
  }
  return names;
}

/**
 * Splits one ES module of esbuild's output into its shell and body (see the top of this file).
 * `relPath` is the module's path inside bundle/, for the shell's import of the loader, which is
 * beside it in core's bundle (`ownsLoader`) and imported from core elsewhere.
 */
function split(code, relPath, ownsLoader) {
  const [imports, exports] = parse(code);
  const shellImports = [];
  const bindings = [];
  /** The body's imports for loaders that skip the shell: `[specifier, ...imported names]`, in order. */
  const loads = [];
  let reexports = false;
  let body = code.replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n');
  // Edits from the end, so earlier positions stay valid.
  const edits = [];
  for (const i of imports) {
    if (i.d === -1) {
      const statement = code.slice(i.ss, i.se);
      shellImports.push(`${statement.replace(/\s*\n\s*/g, ' ')};`);
      // `export … from` re-exports stay in the shell as they are; imports bind names the body uses.
      if (statement.startsWith('export')) reexports = true;
      else {
        const bound = importedBindings(statement);
        bindings.push(...bound.map((b) => b.local));
        loads.push([i.n, ...bound.map((b) => b.imported)]);
      }
      edits.push({ start: i.ss, end: code[i.se] === ';' ? i.se + 1 : i.se, text: null });
    } else if (i.d === -2) {
      edits.push({ start: i.ss, end: i.se, text: '__autodocMeta' }); // import.meta
    } else {
      edits.push({ start: i.ss, end: i.ss + 'import'.length, text: '__autodocImport' }); // import(…)
    }
  }
  let returned = '{}';
  const own = exports.filter((e) => e.ln !== undefined); // re-exports have no local name
  if (own.length > 0) {
    const first = Math.min(...own.map((e) => e.s));
    const last = Math.max(...own.map((e) => e.e));
    const start = code.lastIndexOf('export', first);
    const end = code.indexOf(';', last) + 1;
    if (!/^export\s*\{/.test(code.slice(start, end)) || end === 0) throw new Error(`bundle: ${relPath}: expected one "export { … };" clause`);
    returned = `{ ${own.map((e) => `${JSON.stringify(e.n)}: ${e.ln}`).join(', ')} }`;
    edits.push({ start, end, text: null });
  }
  for (const e of edits.sort((a, b) => b.start - a.start)) body = e.text === null ? blank(body, e.start, e.end) : body.slice(0, e.start) + e.text + body.slice(e.end);
  const params = ['__autodocMeta', '__autodocImport', ...bindings];
  const wrap = (kind) => asciiOnly(`(${kind} (${params.join(', ')}) { 'use strict'; ${body}\nreturn ${returned};\n})`);
  // A module with a top-level `await` (vega-canvas waits for an optional `canvas`) becomes an
  // async function, which its shell awaits: a top-level await in the shell keeps the module's
  // importers waiting for it, as they waited for the module itself.
  const isAsync = !compiles(wrap('function'));
  body = wrap(isAsync ? 'async function' : 'function');
  if (isAsync && !compiles(body)) throw new Error(`bundle: ${relPath}: the module body does not compile as a function`);
  const bodyName = `${path.basename(relPath, '.js')}-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.cjs`;
  const shell = [
    '// Generated by scripts/bundle-package.mjs: the code of this module is in the body script beside it.',
    // What `requireShell` (load-body) needs to load the body without evaluating this module.
    `${SHELL_MARK}${JSON.stringify({ body: bodyName, async: isAsync, reexports, imports: loads })}`,
    ...loaderImport(relPath, ownsLoader, shellImports),
    ...shellImports,
    `const __autodocModule = ${isAsync ? 'await ' : ''}__autodocLoadBody(import.meta.url, './${bodyName}', (specifier) => import(specifier), [${bindings.join(', ')}]);`,
    // Fresh local names: an export may carry the name of one of the shell's imports.
    ...own.map((e, k) => `const __autodocExport${k} = __autodocModule[${JSON.stringify(e.n)}];`),
    ...(own.length > 0 ? [`export { ${own.map((e, k) => `__autodocExport${k} as ${e.n}`).join(', ')} };`] : []),
    '',
  ].join('\n');
  return { shell, body, bodyName };
}

/**
 * The shell's import of the loader. Core's shells import it from beside them, and core's main entry
 * re-exports it as `__autodocLoadBody`. Another package's shell that imports `@autodoc/core` anyway
 * takes it from there: a bare specifier costs Node 20 ~0.4 ms to resolve per importing module, and
 * ~20 shells per run import core. The others import core's `./load-body` export.
 */
function loaderImport(relPath, ownsLoader, shellImports) {
  if (ownsLoader) {
    const up = path.posix.relative(path.posix.dirname(relPath.split(path.sep).join('/')), '.') || '.';
    const own = `import { loadBody as __autodocLoadBody } from '${up}/load-body.cjs';`;
    return relPath === 'index.js' ? [own, 'export { __autodocLoadBody };'] : [own];
  }
  if (shellImports.some((statement) => statement.endsWith(` from "${CORE}";`))) return [`import { __autodocLoadBody } from '${CORE}';`];
  return [`import { loadBody as __autodocLoadBody } from '${CORE}/load-body';`];
}

/** Whether `code` parses as a script (compiled, not run). */
function compiles(code) {
  try {
    new vm.Script(code);
    return true;
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

/**
 * esbuild escapes non-ASCII in strings but keeps comments as written; escaped there too, the body is
 * pure ASCII and loads as a one-byte string.
 */
function asciiOnly(code) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the class is all of ASCII, control characters included
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
