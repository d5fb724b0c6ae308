#!/usr/bin/env node
// Bundles each workspace package's compiled `dist/` into `bundle/`: the files its package.json
// `exports` point to at run time.
//
// Why one bundle per package: Node resolves, reads and compiles every module file separately; the
// unbundled CLI loaded ~800 files (typebox alone 373) and spent ~0.4 s of a 0.9 s run before reading
// the model. Other `@autodoc/*` packages stay external, so each package is one instance that the CLI,
// a user's config and a user's plugins share. Third-party libraries a package uses only internally
// are bundled into it; those that are large and needed only by one output format (browser, charts,
// rasteriser) or by TS configs stay external and load on demand.
//
// Why each module is an ES module shell over a script body: Node 20 has no compile cache for ES
// modules; scripts can use V8's code cache (scripts/bundle-package.mjs, ADR 0005).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePackage } from './bundle-package.mjs';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

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

const packages = workspacePackages();
let total = 0;
for (const { dir, pkg } of packages) total += await bundlePackage(path.join(root, dir), pkg);
if (!process.argv.includes('--quiet')) console.log(`bundle: ${total} entry point(s) in ${packages.length} packages`);
