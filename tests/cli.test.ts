import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelBuilder } from '@autodoc/core/testing';
import { listDevices } from '@autodoc/hardware-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCodedError, repoRoot, runCli } from './helpers.js';

// The CLI contract of DESIGN.md §3, exercised on the built binary in fresh processes.
let work: string;
let goodModel: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'autodoc-cli-'));
  goodModel = path.join(work, 'good.onnx');
  const b = new ModelBuilder({ opset: 17, producerName: 'cli-test' });
  const x = b.input('x', 'FLOAT', ['batch', 8]);
  const w = b.initializer('w', 'FLOAT', [8, 4]);
  const [y] = b.node('MatMul', [x, w]);
  b.output(y);
  await b.write(goodModel);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('autodoc CLI', () => {
  it('prints the version and help', () => {
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli(['analyze', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--dim <name=value>');
    const top = runCli(['--help']);
    expect(top.stdout).toContain('Exit codes:');
  });

  it('--json prints the report, and only it, on stdout', () => {
    const run = runCli(['analyze', goodModel, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.model.producer).toBe('cli-test');
    expect(report.model.inputs[0]).toEqual({ name: 'x', dtype: 'FLOAT', shape: ['batch', 8] });
    expect(report.graph.nodeCount).toBe(1);
    expect(report.graph.tensors).toEqual([expect.objectContaining({ dtype: 'FLOAT', shape: ['batch', 4] })]);
  });

  it('--dim binds a symbol and --summary drops per-node arrays', () => {
    const run = runCli(['analyze', goodModel, '--json', '--dim', 'batch=3', '--summary']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.dims.bindings).toEqual({ batch: 3 });
    expect(report.layers).toBeUndefined();
    expect(report.graph.tensors).toBeUndefined();
  });

  it('--no-layers drops layers[] and keeps every tensor in graph.tensors[]', () => {
    const run = runCli(['analyze', goodModel, '--json', '--no-layers']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.layers).toBeUndefined();
    expect(report.graph.tensors).toEqual([expect.objectContaining({ dtype: 'FLOAT', shape: ['batch', 4] })]);
  });

  it('writes report files to --out-dir with progress on stderr', () => {
    const outDir = path.join(work, 'out');
    const run = runCli(['analyze', goodModel, '--format', 'json', '--out-dir', outDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('wrote');
    expect(JSON.parse(readFileSync(path.join(outDir, 'good.json'), 'utf8')).graph.nodeCount).toBe(1);
  });

  it('a reader that closes the pipe early ends the run quietly: exit 0, no stack trace', async () => {
    // 3,000 nodes give a report far larger than a pipe's 64 KiB buffer, so the CLI is still writing
    // when the reader goes away (as with `autodoc analyze m.onnx --json | head -c 100`).
    const big = path.join(work, 'long-chain.onnx');
    const b = new ModelBuilder({ opset: 17 });
    let prev = b.input('x', 'FLOAT', [1, 8]);
    for (let i = 0; i < 3000; i++) [prev] = b.node('Relu', [prev]);
    b.output(prev);
    await b.write(big);
    const child = spawn(process.execPath, [path.join(repoRoot, 'cli', 'bin', 'autodoc.js'), 'analyze', big, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let first = '';
    await new Promise<void>((resolve) =>
      child.stdout.once('data', (d: Buffer) => {
        first = d.toString();
        child.stdout.destroy();
        resolve();
      }),
    );
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first.startsWith('{"schemaVersion"')).toBe(true);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at .+:\d+:\d+/);
    expect(code).toBe(0);
  });

  it('exits 2 on usage errors', () => {
    expect(runCli(['analyze', goodModel, '--dim', 'batch']).code).toBe(2);
    expect(runCli(['analyze', goodModel, '--no-such-flag']).code).toBe(2);
    const unknownFormat = runCli(['analyze', goodModel, '--format', 'docx']);
    expect(unknownFormat.code).toBe(2);
    expectCodedError(unknownFormat, 'FORMAT_UNKNOWN');
  });

  /** Runs `analyze goodModel --json` (and `extra`) in a fresh folder holding `files` (name → text). */
  function analyzeIn(folder: string, files: Record<string, string>, extra: string[] = []) {
    const dir = path.join(work, folder);
    mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return runCli(['analyze', goodModel, '--json', ...extra], { cwd: dir });
  }

  it('loads its own packages without evaluating their ES module shells, and shares them with a config', () => {
    // Made before the loader makes it: counts each module's runs and keeps the first core the CLI ran.
    // At exit: the shells Node evaluated as ES modules, the modules run (and any run twice), and
    // whether the config's `@autodoc/core` is that first instance (load-body's requireShell, ADR 0005).
    const probe = path.join(work, 'bundle-probe.cjs');
    writeFileSync(
      probe,
      [
        'const runs = new Map();',
        'let firstCore;',
        'class Counting extends Map {',
        '  set(url, exports) {',
        '    runs.set(url, (runs.get(url) ?? 0) + 1);',
        "    if (firstCore === undefined && url.endsWith('/core/bundle/index.js')) firstCore = exports;",
        '    return super.set(url, exports);',
        '  }',
        '}',
        "const registry = { bodies: new Map(), unsaved: [], saveOnExit: false, exports: new Counting(), importers: new Map() };",
        "globalThis[Symbol.for('autodoc.bundleBodies')] = registry;",
        "process.on('exit', () => {",
        '  const configCore = globalThis.__autodocConfigCore;',
        '  process.stderr.write(JSON.stringify({',
        '    shells: [...registry.importers.keys()], modules: runs.size, ranTwice: [...runs].filter(([, n]) => n > 1).map(([url]) => url),',
        '    sameCore: configCore ? configCore.definePlugin === firstCore?.definePlugin : null,',
        '  }));',
        '});',
      ].join('\n'),
    );
    const run = (folder: string, files: Record<string, string>) => {
      const dir = path.join(work, folder);
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
      const result = spawnSync(process.execPath, ['--require', probe, path.join(repoRoot, 'cli', 'bin', 'autodoc.js'), 'analyze', goodModel, '--json'], { cwd: dir, encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout).graph.nodeCount).toBe(1);
      return JSON.parse(result.stderr) as { shells: string[]; modules: number; ranTwice: string[]; sameCore: boolean | null };
    };
    const plain = run('no-esm-shells', {});
    expect(plain.shells).toEqual([]);
    // cli, core and its chunks, the preset, the analysis and op plugins, the device database.
    expect(plain.modules).toBeGreaterThan(15);
    expect(plain.ranTwice).toEqual([]);
    const config = "import * as core from '@autodoc/core';\nglobalThis.__autodocConfigCore = core;\nexport default { options: { bindings: { batch: 3 } } };\n";
    // The config finds core where a user's project would have it installed.
    mkdirSync(path.join(work, 'config-imports-core', 'node_modules', '@autodoc'), { recursive: true });
    symlinkSync(path.join(repoRoot, 'core'), path.join(work, 'config-imports-core', 'node_modules', '@autodoc', 'core'), 'dir');
    const withConfig = run('config-imports-core', { 'package.json': '{ "type": "module" }\n', 'autodoc.config.js': config });
    expect(withConfig.sameCore).toBe(true);
    expect(withConfig.ranTwice).toEqual([]);
    // Core's shell was evaluated for the config's import: it gave the body already run.
    expect(withConfig.shells.some((url) => url.endsWith('/core/bundle/index.js'))).toBe(true);
  });

  it('exits 2 with a coded error for an invalid config', () => {
    const run = analyzeIn('badconfig', { 'autodoc.config.mjs': 'export default { plugns: [] };\n' });
    expect(run.code).toBe(2);
    expectCodedError(run, 'CONFIG_INVALID');
    expect(run.stderr).toContain('plugns');
    expect(JSON.parse(run.stdout).error.code).toBe('CONFIG_INVALID');
  });

  // Node loads ES module configs itself, jiti the rest (vitest's own loader would hide the
  // difference, so this runs the built CLI).
  const commonjs = { 'package.json': '{ "type": "commonjs" }\n' };
  const esm = { 'package.json': '{ "type": "module" }\n' };
  const exportDefault = 'export default { options: { bindings: { batch: 3 } } };\n';
  it.each([
    ['an ES module (.mjs)', { ...commonjs, 'autodoc.config.mjs': exportDefault }],
    ['a .js ES module of a "type": "module" package', { ...esm, 'autodoc.config.js': exportDefault }],
    ['a CommonJS .js file', { ...commonjs, 'autodoc.config.js': 'module.exports = { options: { bindings: { batch: 3 } } };\n' }],
    ['ES module syntax in a .js file of a CommonJS package', { ...commonjs, 'autodoc.config.js': exportDefault }],
    [
      'an ES module importing a local .ts file',
      {
        ...esm,
        'bindings.ts': 'export const bindings: Record<string, number> = { batch: 3 };\n',
        'autodoc.config.mjs': "import { bindings } from './bindings.ts';\nexport default { options: { bindings } };\n",
      },
    ],
  ])('loads a config written as %s', (label, files) => {
    const run = analyzeIn(`config-${label.replaceAll(/\W+/g, '-')}`, files, ['--summary']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).dims.bindings).toEqual({ batch: 3 });
  });

  it('exits 2 with CONFIG_LOAD_FAILED for a config with a syntax error', () => {
    const run = analyzeIn('syntax-error', { 'autodoc.config.mjs': 'export default { options: ;\n' });
    expect(run.code).toBe(2);
    expectCodedError(run, 'CONFIG_LOAD_FAILED');
  });

  it('hardware list and show include the devices a config adds, validated like analyze --hardware does', () => {
    const dir = path.join(work, 'devices');
    mkdirSync(dir);
    const l4 = listDevices().find((d) => d.id === 'l4');
    const siteL4 = { ...structuredClone(l4), id: 'site-l4', name: 'L4 (site-measured)', aliases: [] };
    writeFileSync(path.join(dir, 'autodoc.config.mjs'), `export default { devices: [${JSON.stringify(siteL4)}] };\n`);
    const list = runCli(['hardware', 'list', '--json'], { cwd: dir });
    expect(list.code).toBe(0);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((d) => d.id);
    expect(ids).toContain('site-l4');
    expect(ids).toHaveLength(listDevices().length + 1);
    const show = runCli(['hardware', 'show', 'site-l4'], { cwd: dir });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('L4 (site-measured)');
    // Without the config the device is unknown; an invalid one is a coded usage error.
    expect(runCli(['hardware', 'show', 'site-l4']).code).toBe(2);
    writeFileSync(path.join(dir, 'broken.config.mjs'), "export default { devices: [{ id: 'broken' }] };\n");
    const broken = runCli(['hardware', 'list', '--config', 'broken.config.mjs'], { cwd: dir });
    expect(broken.code).toBe(2);
    expectCodedError(broken, 'DEVICE_INVALID');
  });

  describe('bad input exits 3 with a coded one-line error', () => {
    const cases: [string, () => string, string][] = [
      ['missing file', () => path.join(work, 'nope.onnx'), 'FILE_NOT_FOUND'],
      ['empty file', () => file('empty.onnx', new Uint8Array()), 'FILE_NOT_ONNX'],
      ['random bytes', () => file('random.onnx', seededBytes(4096, 7)), 'MODEL_INVALID'],
      ['a PNG', () => file('image.onnx', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), 'FILE_NOT_ONNX'],
      ['JSON text', () => file('text.onnx', new TextEncoder().encode('{"model": "not really"}\n')), 'FILE_NOT_ONNX'],
    ];
    for (const [title, make, code] of cases) {
      it(title, () => {
        const run = runCli(['analyze', make(), '--json']);
        expect(run.code).toBe(3);
        expectCodedError(run, code);
        expect(JSON.parse(run.stdout)).toEqual({ error: { code, message: expect.any(String), hint: expect.any(String) } });
      });
    }

    it('a truncated model', async () => {
      const bytes = readFileSync(goodModel);
      const run = runCli(['analyze', file('truncated.onnx', bytes.subarray(0, Math.floor(bytes.length * 0.6)))]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/error (MODEL_TRUNCATED|MODEL_INVALID):/);
    });

    for (const location of ['../outside.bin', '/etc/passwd', 'link.bin']) {
      it(`external data at ${location}`, async () => {
        const dir = mkdtempSync(path.join(work, 'ext-'));
        writeFileSync(path.join(work, 'outside.bin'), new Uint8Array(64));
        if (location === 'link.bin') symlinkSync(path.join(work, 'outside.bin'), path.join(dir, 'link.bin'));
        const b = new ModelBuilder({ opset: 17 });
        const x = b.input('x', 'FLOAT', [1, 4]);
        const w = b.initializer('w', 'FLOAT', [4, 4], { external: { location } });
        const [y] = b.node('MatMul', [x, w]);
        b.output(y);
        const modelPath = path.join(dir, 'model.onnx');
        await writeModelOnly(b, modelPath);
        const run = runCli(['analyze', modelPath, '--json']);
        expect(run.code).toBe(3);
        expectCodedError(run, 'EXTERNAL_DATA_OUTSIDE_FOLDER');
      });
    }
  });
});

function file(name: string, bytes: Uint8Array): string {
  const p = path.join(work, name);
  writeFileSync(p, bytes);
  return p;
}

function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** Writes only the .onnx bytes: the hostile external location must not be written by the builder. */
async function writeModelOnly(b: ModelBuilder, modelPath: string): Promise<void> {
  writeFileSync(modelPath, b.toBytes());
}
