#!/usr/bin/env node
// Bundles each workspace package's compiled `dist/` into `bundle/` (one ESM module per export plus
// shared chunks), the files its package.json `exports` point to at run time.
//
// Why: Node resolves, reads and compiles every module file separately; the unbundled CLI loaded ~800
// files (typebox alone 373) and spent ~0.4 s of a 0.9 s run before reading the model. Each package
// stays one module instance of its own (other `@autodoc/*` packages are external), so a plugin that a
// user's config imports shares `@autodoc/core` with the CLI exactly as before. Third-party libraries a
// package uses only internally are bundled into it; those that are large and needed only by one
// output format (browser, charts, rasteriser) or by TS configs stay external and load on demand.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Loaded lazily by the code that needs them, or native: never inlined. */
const ALWAYS_EXTERNAL = ['@autodoc/*', 'playwright-core', 'vega', 'vega-lite', '@resvg/resvg-js', 'jiti', 'typescript', 'esbuild'];

// Bundled CommonJS dependencies call `require` for Node built-ins; ESM output needs one in scope.
const banner = "import { createRequire as __autodocCreateRequire } from 'node:module'; const require = __autodocCreateRequire(import.meta.url);";

function workspacePackages() {
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dirs = [];
  for (const pattern of workspaces) {
    if (!pattern.endsWith('/*')) {
      dirs.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    for (const entry of readdirSafe(path.join(root, parent))) dirs.push(`${parent}/${entry}`);
  }
  return dirs.map((dir) => ({ dir, pkg: readJson(path.join(root, dir, 'package.json')) })).filter((p) => p.pkg);
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `./bundle/x.js` targets of the exports map → their `./dist/x.js` inputs. */
function entryPoints(pkg) {
  const entries = [];
  for (const target of Object.values(pkg.exports ?? {})) {
    const runtime = typeof target === 'object' ? target.default : undefined;
    if (typeof runtime === 'string' && runtime.startsWith('./bundle/')) entries.push(runtime.replace('./bundle/', 'dist/'));
  }
  return entries;
}

async function bundlePackage({ dir, pkg }) {
  const entries = entryPoints(pkg);
  if (entries.length === 0) return 0;
  const cwd = path.join(root, dir);
  rmSync(path.join(cwd, 'bundle'), { recursive: true, force: true });
  await build({
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
    sourcemap: 'linked',
    sourcesContent: false,
    // Stack traces and profiles name the original functions.
    keepNames: true,
    logLevel: 'warning',
    // Chunks sit beside the top-level entries, so `new URL('../package.json', import.meta.url)` in
    // bundled code still means the package root.
    chunkNames: '[name]-[hash]',
  });
  return entries.length;
}

const packages = workspacePackages();
let total = 0;
for (const p of packages) total += await bundlePackage(p);
if (!process.argv.includes('--quiet')) console.log(`bundle: ${total} entry point(s) in ${packages.length} packages`);
