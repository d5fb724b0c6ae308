import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

// Under vitest, `import()` goes through vitest's own loader, which hides which route a config took:
// tests/cli.test.ts runs the same cases through the built CLI.
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'autodoc-config-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A fresh folder holding `files` (name → text). */
async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}

describe('loadConfig', () => {
  it('loads an ES module config and finds it by name', async () => {
    const cwd = await folder('mjs', { 'autodoc.config.mjs': "export default { output: { formats: ['json'] } };\n" });
    const loaded = await loadConfig({ cwd });
    expect(loaded.config).toEqual({ output: { formats: ['json'] } });
    expect(loaded.filePath).toBe(path.join(cwd, 'autodoc.config.mjs'));
  });

  it('loads a CommonJS .js config', async () => {
    const cwd = await folder('cjs', { 'autodoc.config.js': "module.exports = { output: { outDir: 'reports' } };\n" });
    expect((await loadConfig({ cwd })).config).toEqual({ output: { outDir: 'reports' } });
  });

  it('loads a .js config written as an ES module in a CommonJS folder', async () => {
    const cwd = await folder('esm-in-cjs', {
      'package.json': '{ "type": "commonjs" }\n',
      'autodoc.config.js': "export default { output: { outDir: 'esm' } };\n",
    });
    expect((await loadConfig({ cwd })).config).toEqual({ output: { outDir: 'esm' } });
  });

  it('loads a JavaScript config that imports a local .ts file', async () => {
    const cwd = await folder('mjs-imports-ts', {
      'formats.ts': "export const formats: string[] = ['md'];\n",
      'autodoc.config.mjs': "import { formats } from './formats.ts';\nexport default { output: { formats } };\n",
    });
    expect((await loadConfig({ cwd })).config).toEqual({ output: { formats: ['md'] } });
  });

  it('loads a TypeScript config', async () => {
    const cwd = await folder('ts', { 'autodoc.config.ts': "const outDir: string = 'typed';\nexport default { output: { outDir } };\n" });
    expect((await loadConfig({ cwd })).config).toEqual({ output: { outDir: 'typed' } });
  });

  it('sees an edited config when the same process loads it again', async () => {
    const cwd = await folder('edited', { 'autodoc.config.mjs': "export default { output: { outDir: 'first' } };\n" });
    expect((await loadConfig({ cwd })).config).toEqual({ output: { outDir: 'first' } });
    await writeFile(path.join(cwd, 'autodoc.config.mjs'), "export default { output: { outDir: 'second-edit' } };\n");
    expect((await loadConfig({ cwd })).config).toEqual({ output: { outDir: 'second-edit' } });
  });

  it('reports a syntax error in an ES module config as CONFIG_LOAD_FAILED', async () => {
    const cwd = await folder('broken', { 'autodoc.config.mjs': 'export default { output: ;\n' });
    await expect(loadConfig({ cwd })).rejects.toMatchObject({ code: 'CONFIG_LOAD_FAILED', hint: expect.stringContaining('syntax') });
  });

  it('reports an import of a missing package as CONFIG_LOAD_FAILED', async () => {
    const cwd = await folder('missing-import', { 'autodoc.config.mjs': "import x from '@autodoc/no-such-package';\nexport default { plugins: [x] };\n" });
    await expect(loadConfig({ cwd })).rejects.toMatchObject({ code: 'CONFIG_LOAD_FAILED', message: expect.stringContaining('no-such-package') });
  });

  it('validates what it loads', async () => {
    const cwd = await folder('invalid', { 'autodoc.config.mjs': 'export default { plugns: [] };\n' });
    await expect(loadConfig({ cwd })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('accepts a format plugin named lazily, alone or with options', async () => {
    const lazy = "{ kind: 'autodoc-lazy-format-plugin', name: 'acme:summary', formats: [], load: () => import('node:path') }";
    const cwd = await folder('lazy', { 'autodoc.config.mjs': `const lazy = ${lazy};\nexport default { plugins: [lazy, [lazy, { level: 1 }]] };\n` });
    const { config } = await loadConfig({ cwd });
    expect(config.plugins).toHaveLength(2);
    const bogus = await folder('lazy-bogus', { 'autodoc.config.mjs': "export default { plugins: [{ kind: 'autodoc-lazy-format-plugn', name: 'x' }] };\n" });
    await expect(loadConfig({ cwd: bogus })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('gives an empty config when no file is found', async () => {
    const cwd = await folder('none', {});
    expect(await loadConfig({ cwd })).toEqual({ config: {}, filePath: undefined });
  });
});
