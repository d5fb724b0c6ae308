import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script (JavaScript), tested through its exported function.
import { bundlePackage } from '../scripts/bundle-package.mjs';

// The bundled form every CLI run uses (scripts/bundle-package.mjs, scripts/bundle-runtime/load-body.cjs):
// ES module shells over script bodies compiled with V8's code cache. Built with the real bundler from
// a small package laid out like ours, and loaded in fresh processes (the cache is written at exit).
let work: string;
let pkgDir: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'autodoc-bundle-'));
  pkgDir = path.join(work, 'fake');
  // Only the fake package sees it: a bare import() of it must resolve from where its shell lies.
  const dep = path.join(pkgDir, 'node_modules/@autodoc/fake-dep');
  write(path.join(dep, 'package.json'), JSON.stringify({ name: '@autodoc/fake-dep', type: 'module', exports: './index.js' }));
  write(path.join(dep, 'index.js'), "export default { kind: 'plugin object' };\nexport const named = 42;\n");
  const pkg = {
    name: '@autodoc/fake',
    type: 'module',
    exports: {
      '.': { default: './bundle/index.js' },
      './extra': { default: './bundle/sub/extra.js' },
      './waits': { default: './bundle/waits.js' },
      './core-user': { default: './bundle/core-user.js' },
      './same-as-root': { default: './bundle/index.js' }, // a second name for one entry
      './lazy': { default: './bundle/lazy.js' },
    },
  };
  write(path.join(pkgDir, 'package.json'), JSON.stringify(pkg));
  write(
    path.join(pkgDir, 'dist/index.js'),
    [
      "import dep, { named } from '@autodoc/fake-dep';",
      "import { shared } from './shared.js';",
      'export const depKind = dep.kind;',
      'export const depNamed = named;',
      "export const pathSep = () => import('node:path').then((m) => m.sep);",
      'export const metaUrl = import.meta.url;',
      'export const sharedFromIndex = shared;',
      "// an arrow in a comment → and in a string:\nexport const arrow = '\u2192';",
      "export default 'index default';",
    ].join('\n'),
  );
  write(path.join(pkgDir, 'dist/sub/extra.js'), "import { shared } from '../shared.js';\nexport const sharedFromExtra = shared;\n");
  write(path.join(pkgDir, 'dist/shared.js'), 'export const shared = { made: Math.random() };\n');
  // A top-level await (as vega-canvas has): its body becomes an async function its shell awaits.
  write(path.join(pkgDir, 'dist/waits.js'), "let found = 'none';\ntry {\n  found = (await import('node:path')).sep;\n} catch {}\nexport const waited = found;\n");
  // A module that imports core anyway takes the loader from core's main entry.
  write(path.join(pkgDir, 'dist/core-user.js'), "import { core } from '@autodoc/core';\nexport const sawCore = core;\n");
  // Loaded without the shells (`requireShell`): its dynamic imports reach a shell of this package,
  // a plain ES module package by name, and a builtin.
  write(
    path.join(pkgDir, 'dist/lazy.js'),
    [
      "import { core } from '@autodoc/core';",
      "import { shared } from './shared.js';",
      'export const sawCore = core;',
      'export const sharedFromLazy = shared;',
      "export const extra = () => import('./sub/extra.js');",
      "export const dep = () => import('@autodoc/fake-dep');",
      "export const sep = () => import('node:path').then((m) => m.sep);",
    ].join('\n'),
  );
  // Core's bundle holds the loader every other package's shells import (`@autodoc/core/load-body`).
  const coreDir = path.join(work, 'core');
  const corePkg = { name: '@autodoc/core', type: 'module', exports: { '.': { default: './bundle/index.js' }, './load-body': './bundle/load-body.cjs' } };
  write(path.join(coreDir, 'package.json'), JSON.stringify(corePkg));
  write(path.join(coreDir, 'dist/index.js'), 'export const core = true;\n');
  expect(await bundlePackage(coreDir, corePkg)).toBe(1);
  mkdirSync(path.join(work, 'node_modules/@autodoc'), { recursive: true });
  symlinkSync(coreDir, path.join(work, 'node_modules/@autodoc/core'), 'dir');
  expect(await bundlePackage(pkgDir, pkg)).toBe(5);
  write(
    path.join(work, 'probe.mjs'),
    [
      "const m = await import('@autodoc/fake');",
      "const x = await import('@autodoc/fake/extra');",
      "const w = await import('@autodoc/fake/waits');",
      "const c = await import('@autodoc/fake/core-user');",
      "await import('@autodoc/fake/lazy');",
      "const registry = globalThis[Symbol.for('autodoc.bundleBodies')];",
      "if (process.argv[2] === 'save') registry.saveOnExit = true;",
      'console.log(JSON.stringify({',
      '  depKind: m.depKind, depNamed: m.depNamed, sep: await m.pathSep(), metaUrl: m.metaUrl,',
      '  shared: m.sharedFromIndex === x.sharedFromExtra, arrow: m.arrow, default: m.default, waited: w.waited, sawCore: c.sawCore,',
      // The fake package's bodies only (core's body loads too, for core-user).
      `  cache: [...registry.bodies].filter(([file]) => file.startsWith(${JSON.stringify(realpathSync(pkgDir) + path.sep)})).map(([, b]) => b.cache),`,
      '}));',
    ].join('\n'),
  );
  write(
    path.join(work, 'probe-sync.mjs'),
    [
      "import { fileURLToPath } from 'node:url';",
      "import { requireShell } from '@autodoc/core/load-body';",
      "const registry = globalThis[Symbol.for('autodoc.bundleBodies')];",
      "const shell = (name) => fileURLToPath(import.meta.resolve(name));",
      "const lazy = requireShell(shell('@autodoc/fake/lazy'));",
      // Evaluated as ES modules afterwards: the same instances, their bodies not run again.
      "const lazyEsm = await import('@autodoc/fake/lazy');",
      "const extra = await lazy.extra();",
      "const extraEsm = await import('@autodoc/fake/extra');",
      "const dep = await lazy.dep();",
      'console.log(JSON.stringify({',
      '  sawCore: lazy.sawCore, sep: await lazy.sep(), depNamed: dep.named, depDefault: dep.default.kind,',
      '  sameLazy: lazyEsm.sharedFromLazy === lazy.sharedFromLazy, sameShared: extra.sharedFromExtra === lazy.sharedFromLazy, sameExtra: extraEsm.sharedFromExtra === extra.sharedFromExtra,',
      "  waits: requireShell(shell('@autodoc/fake/waits')) ?? 'undefined', index: requireShell(shell('@autodoc/fake')) ?? 'undefined',",
      // Shells evaluated as ES modules: the ones imported above, and lazy.js's for its bare `import()`.
      `  esmShells: [...registry.importers.keys()].filter((u) => u.startsWith(${JSON.stringify(pathToFileURL(realpathSync(pkgDir)).href)})).map((u) => u.slice(u.indexOf('/bundle/') + 8)).sort(),`,
      `  bodies: [...registry.bodies.keys()].filter((f) => f.startsWith(${JSON.stringify(realpathSync(pkgDir) + path.sep)})).map((f) => f.slice(f.indexOf('/bundle/') + 8).replace(/-[0-9A-Z]+-[0-9a-f]{12}\\.cjs$|-[0-9a-f]{12}\\.cjs$/, '')).sort(),`,
      '}));',
    ].join('\n'),
  );
  // The probe imports the package by name, as a user's config does (a workspace link, as npm makes).
  symlinkSync(pkgDir, path.join(work, 'node_modules/@autodoc/fake'), 'dir');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function probe(mode: 'save' | 'no-save', env: Record<string, string> = {}) {
  const out = execFileSync(process.execPath, [path.join(work, 'probe.mjs'), mode], { cwd: work, env: { ...process.env, ...env }, encoding: 'utf8' });
  return JSON.parse(out) as { depKind: string; depNamed: number; sep: string; metaUrl: string; shared: boolean; arrow: string; default: string; waited: string; sawCore: boolean; cache: string[] };
}

const bundleDir = () => path.join(pkgDir, 'bundle');
/** Every body (index, sub/extra and the chunk they share), relative to bundle/. */
const bodies = () => (readdirSync(bundleDir(), { recursive: true }) as string[]).filter((f) => /-[0-9a-f]{12}\.cjs$/.test(f)).sort();
const cacheFiles = () => (readdirSync(bundleDir(), { recursive: true }) as string[]).filter((f) => f.endsWith('.v8')).sort();
const all = (state: string) => bodies().map(() => state);

describe('bundled packages (body script + ES module shells)', () => {
  it('behave like the ES modules they replace', () => {
    const r = probe('no-save');
    expect(r.depKind).toBe('plugin object'); // a default import of a workspace package is its default export
    expect(r.depNamed).toBe(42);
    expect(r.sep).toBe('/'); // a dynamic import inside the body works
    expect(r.shared).toBe(true); // code shared by two entries exists once
    expect(r.arrow).toBe('\u2192');
    expect(r.default).toBe('index default');
    expect(r.metaUrl).toBe(`file://${path.join(bundleDir(), 'index.js')}`); // the module's own URL, as before bundling
    expect(r.waited).toBe('/'); // a top-level await is awaited before the module's exports are read
    expect(r.sawCore).toBe(true); // a body that imports core gets core's exports
    expect(readFileSync(path.join(bundleDir(), 'waits.js'), 'utf8')).toMatch(/^const __autodocModule = await __autodocLoadBody\(/m);
    expect(readFileSync(path.join(bundleDir(), 'index.js'), 'utf8')).toMatch(/^const __autodocModule = __autodocLoadBody\(/m);
  });

  it('load without their shells where they can, sharing one instance with the shells', () => {
    const r = JSON.parse(execFileSync(process.execPath, [path.join(work, 'probe-sync.mjs')], { cwd: work, encoding: 'utf8' }));
    expect(r.sawCore).toBe(true); // core's body, loaded for lazy.js, gave its exports
    expect(r.sep).toBe('/'); // a builtin imported by a body
    expect([r.depNamed, r.depDefault]).toEqual([42, 'plugin object']); // a plain ES module package, by name
    // One instance: the shells evaluated later and the chunk both reach the bodies already run.
    expect([r.sameLazy, r.sameShared, r.sameExtra]).toEqual([true, true, true]);
    // A top-level await, and an import of a package that is not a shell: left to the ES module loader.
    expect([r.waits, r.index]).toEqual(['undefined', 'undefined']);
    // Shells evaluated: lazy.js's for its bare import() and both by the imports above (with the
    // chunk they share); the identities above show that no body ran twice.
    expect(r.esmShells.filter((s: string) => !s.startsWith('chunk-'))).toEqual(['lazy.js', 'sub/extra.js']);
    // The bodies run: none for the two requireShell gave up on, nor for core-user.js, not imported.
    expect(r.bodies).toEqual(['chunk', 'lazy', 'sub/extra']);
  });

  it('keep every module an ES module shell and its code in an ASCII body named by its content', () => {
    expect(bodies().map((b) => b.replace(/-[0-9a-f]{12}\.cjs$/, ''))).toEqual(expect.arrayContaining(['index', path.join('sub', 'extra')]));
    const index = readFileSync(path.join(bundleDir(), bodies().find((b) => b.startsWith('index-')) as string));
    expect(index.every((b) => b < 0x80)).toBe(true);
    expect(index.toString('latin1')).toContain('\\u2192');
    expect(readFileSync(path.join(bundleDir(), 'index.js'), 'utf8')).toMatch(/^import .* from ["']@autodoc\/fake-dep["'];$/m);
    // No esbuild keepNames: a `__name()` call would run at every function definition.
    expect(index.toString('latin1')).not.toContain('__name(');
  });

  it('load every body through the one loader in core, which alone has a copy of it', () => {
    const loaderImport = /^import \{ loadBody as __autodocLoadBody \} from '([^']+)';$/m;
    expect(readFileSync(path.join(bundleDir(), 'index.js'), 'utf8').match(loaderImport)?.[1]).toBe('@autodoc/core/load-body');
    expect(readFileSync(path.join(bundleDir(), 'sub', 'extra.js'), 'utf8').match(loaderImport)?.[1]).toBe('@autodoc/core/load-body');
    expect(readdirSync(bundleDir())).not.toContain('load-body.cjs');
    const core = path.join(work, 'core', 'bundle');
    expect(readFileSync(path.join(core, 'index.js'), 'utf8').match(loaderImport)?.[1]).toBe('./load-body.cjs');
    expect(readdirSync(core)).toContain('load-body.cjs');
    // A shell that imports core anyway takes the loader from core's main entry, which re-exports it.
    expect(readFileSync(path.join(core, 'index.js'), 'utf8')).toMatch(/^export \{ __autodocLoadBody \};$/m);
    const coreUser = readFileSync(path.join(bundleDir(), 'core-user.js'), 'utf8');
    expect(coreUser).toMatch(/^import \{ __autodocLoadBody \} from '@autodoc\/core';$/m);
    expect(coreUser).not.toMatch(loaderImport);
  });

  it('write the V8 code cache only when a run asks for it, then use it', () => {
    for (const f of cacheFiles()) rmSync(path.join(bundleDir(), f));
    expect(probe('no-save').cache).toEqual(all('none'));
    expect(cacheFiles()).toEqual([]);
    expect(probe('save').cache).toEqual(all('none'));
    expect(cacheFiles()).toEqual(bodies().map((b) => `${b}.v8`));
    expect(probe('no-save').cache).toEqual(all('accepted'));
  });

  it('survive a corrupt cache: rejected, same results, rewritten by the next run that asks', () => {
    const cache = path.join(bundleDir(), `${bodies().find((b) => b.startsWith('index-'))}.v8`);
    writeFileSync(cache, 'not a V8 code cache');
    const r = probe('save');
    expect(r.cache.filter((c) => c === 'rejected')).toHaveLength(1);
    expect(r.depNamed).toBe(42);
    expect(readFileSync(cache, 'utf8')).not.toBe('not a V8 code cache');
    expect(probe('no-save').cache).toEqual(all('accepted'));
  });

  it('neither read nor write a cache under AUTODOC_NO_CACHE=1', () => {
    for (const f of cacheFiles()) rmSync(path.join(bundleDir(), f));
    expect(probe('save', { AUTODOC_NO_CACHE: '1' }).cache).toEqual(all('none'));
    expect(cacheFiles()).toEqual([]);
  });
});
