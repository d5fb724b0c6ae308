import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelBuilder } from '@autodoc/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../tests/helpers.js';

// Runs the built CLI (npm test builds first). Proves that a third-party op plugin and a custom format take effect through autodoc.config.ts
// alone: the config in this folder is found by cosmiconfig, loaded through jiti (TypeScript, with
// local .ts imports), and changes what the CLI produces.
const examplesDir = fileURLToPath(new URL('.', import.meta.url));
let work: string;
let modelPath: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'autodoc-examples-'));
  modelPath = path.join(work, 'acme.onnx');
  const b = new ModelBuilder({ opset: 17, opsetImports: { 'com.acme': 1 } });
  const x = b.input('x', 'FLOAT', ['batch', 16]);
  const [normed] = b.node('FancyNorm', [x], { domain: 'com.acme', name: 'norm' });
  const [y] = b.node('Relu', [normed], { name: 'relu' });
  b.output(y);
  await b.write(modelPath);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('examples/autodoc.config.ts', () => {
  it('adds the com.acme FancyNorm shape rule and the summary format', async () => {
    // A fresh process, as a user runs it: cosmiconfig finds the config in the working folder.
    const outDir = path.join(work, 'report');
    const run = runCli(['analyze', modelPath, '--format', 'json,summary', '--out-dir', outDir, '--quiet'], { cwd: examplesDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const summary = await readFile(path.join(outDir, 'acme.txt'), 'utf8');
    expect(summary).toContain('model: acme.onnx');
    expect(summary).toContain('nodes: 2');
    expect(summary).toMatch(/top ops: .*com\.acme::FancyNorm×1/);

    const report = JSON.parse(await readFile(path.join(outDir, 'acme.json'), 'utf8'));
    const normed = report.graph.tensors.find((t: { name: string }) => t.name === 'norm_output_0' || t.name.startsWith('norm'));
    expect(normed).toBeDefined();
    // The plugin's rule gives FancyNorm the input's type, so Relu downstream is known too.
    for (const t of report.graph.tensors) expect(t.shape).toEqual(['batch', 16]);
    expect(report.diagnostics.filter((d: { code: string }) => d.code === 'SHAPE_UNKNOWN_OP')).toEqual([]);
  });

  it('without the config, the same op is reported as unknown', async () => {
    const run = runCli(['analyze', modelPath, '--json', '--quiet'], { cwd: work });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const unknown = report.diagnostics.find((d: { code: string }) => d.code === 'SHAPE_UNKNOWN_OP');
    expect(unknown?.message).toContain('FancyNorm');
  });
});
