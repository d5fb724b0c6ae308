import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpus, ModelBuilder } from '@autodoc/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

// `autodoc analyze a.onnx b.onnx …`: several models in one process, on the built binary.
let work: string;

/** A chain of `nodes` Relu nodes, saved as `file` under the work folder. */
async function chain(file: string, nodes: number, options: { undefinedInput?: boolean } = {}): Promise<void> {
  const b = new ModelBuilder({ opset: 17 });
  let prev = b.input('x', 'FLOAT', [1, 4]);
  for (let i = 0; i < nodes; i++) [prev] = b.node('Relu', [prev]);
  // An input nothing defines: a GRAPH_UNDEFINED_INPUT warning, for --fail-on.
  if (options.undefinedInput) [prev] = b.node('Add', [prev, 'nowhere']);
  b.output(prev, 'FLOAT', [1, 4]);
  mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
  await b.write(path.join(work, file));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'autodoc-several-'));
  await chain('a/net.onnx', 1);
  await chain('b/net.onnx', 2);
  await chain('warned.onnx', 1, { undefinedInput: true });
  const whole = readFileSync(path.join(work, 'a/net.onnx'));
  writeFileSync(path.join(work, 'bad.onnx'), whole.subarray(0, whole.length >> 1));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(['analyze', ...args], { cwd: work });

describe('autodoc analyze with several models', () => {
  it('writes a report per model, numbering repeated file names, and names the model that failed', () => {
    const run = cli(['a/net.onnx', 'b/net.onnx', 'bad.onnx', '--format', 'json,md', '--out-dir', 'out']);
    expect(run.stderr).toMatch(/^autodoc: Analyzing b\/net.onnx \(2\/3\) \(\d+ ms\)$/m);
    expect(run.code).toBe(3); // the truncated model's, the highest of the three
    expect(readdirSync(path.join(work, 'out')).sort()).toEqual(['net-2.json', 'net-2.md', 'net.json', 'net.md']);
    const report = (name: string) => JSON.parse(readFileSync(path.join(work, 'out', name), 'utf8'));
    expect(report('net.json').graph.nodeCount).toBe(1);
    expect(report('net-2.json').graph.nodeCount).toBe(2);
    const lines = run.stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('autodoc: bad.onnx: error MODEL_TRUNCATED: '));
    expect(at).toBeGreaterThan(-1);
    expect(lines[at + 1]).toMatch(/^ {2}hint: /);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('--json prints one JSON array: each report, or the error where a model failed', () => {
    const run = cli(['a/net.onnx', 'bad.onnx', 'b/net.onnx', '--json', '--summary']);
    expect(run.code).toBe(3);
    const items = JSON.parse(run.stdout);
    expect(items).toHaveLength(3);
    expect(items[0].graph.nodeCount).toBe(1);
    expect(items[1]).toEqual({ model: 'bad.onnx', error: { code: 'MODEL_TRUNCATED', message: expect.any(String), hint: expect.any(String) } });
    expect(items[2].graph.nodeCount).toBe(2);
    expect(items[2].layers).toBeUndefined(); // flags apply to every model
  });

  it('analyses every .onnx file of a folder, as several models even when it holds one', () => {
    mkdirSync(path.join(work, 'zoo'));
    writeFileSync(path.join(work, 'zoo', 'second.onnx'), readFileSync(path.join(work, 'b/net.onnx')));
    writeFileSync(path.join(work, 'zoo', 'first.onnx'), readFileSync(path.join(work, 'a/net.onnx')));
    const run = cli(['zoo', '--json', '--summary']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((r: { graph: { nodeCount: number } }) => r.graph.nodeCount)).toEqual([1, 2]); // first, second
    rmSync(path.join(work, 'zoo', 'second.onnx'));
    expect(JSON.parse(cli(['zoo', '--json', '--summary']).stdout)).toHaveLength(1);
  });

  it('exits with the highest exit code of its models', () => {
    const ok = cli(['a/net.onnx', 'b/net.onnx', '--json', '--fail-on', 'warning']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveLength(2);
    const findings = cli(['a/net.onnx', 'warned.onnx', '--json', '--fail-on', 'warning']);
    expect(findings.code).toBe(1);
    expect(JSON.parse(findings.stdout)[1].diagnostics.map((d: { code: string }) => d.code)).toContain('GRAPH_UNDEFINED_INPUT');
    expect(cli(['warned.onnx', 'bad.onnx', '--json', '--fail-on', 'warning']).code).toBe(3);
  });

  it('progress and "wrote" lines show a file name with control characters replaced, not as terminal codes', () => {
    const evil = 'evil\u001b[2J.onnx';
    writeFileSync(path.join(work, evil), readFileSync(path.join(work, 'a/net.onnx')));
    const run = cli([evil, 'bad.onnx', '--format', 'json', '--out-dir', 'evil-out']);
    expect(run.stderr).toContain('autodoc: Analyzing evil\uFFFD[2J.onnx (1/2)');
    expect(run.stderr).toContain('autodoc: wrote evil-out/evil\uFFFD[2J.json');
    expect(run.stderr).not.toContain('\u001b');
  });

  it('heads each terminal summary with the model\'s path and place', () => {
    const run = cli(['a/net.onnx', 'b/net.onnx', '--format', 'terminal', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('[1/2] a/net.onnx\nnet.onnx ')).toBe(true);
    expect(run.stdout).toContain('\n\n[2/2] b/net.onnx\nnet.onnx ');
  });

  it('--charts-dir gets a folder per model, so charts of one name do not overwrite each other', () => {
    const run = cli(['a/net.onnx', 'b/net.onnx', '--format', 'html', '--charts-dir', 'charts', '--out-dir', 'html', '--quiet']);
    expect(run.code).toBe(0);
    expect(readdirSync(path.join(work, 'charts')).sort()).toEqual(['net', 'net-2']);
    for (const folder of ['net', 'net-2']) expect(readdirSync(path.join(work, 'charts', folder)).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
    expect(readdirSync(path.join(work, 'html')).sort()).toEqual(['net-2.html', 'net.html']);
  });
});

const corpusDir = corpus();

describe.skipIf(!corpusDir)('autodoc analyze with many corpus models', () => {
  it('gives each model the same report whichever models ran before it in the process', { timeout: 120_000 }, () => {
    // Every 6th conformance model (~300, all op kinds spread): analysed forwards, then backwards,
    // in one process each. Caches shared across runs (interned names and expressions, the arithmetic
    // memo, compiled validators) must not change what a report says.
    const dirs = readdirSync(path.join(corpusDir as string, 'node')).sort();
    const models = dirs.filter((_, i) => i % 6 === 0).map((d) => path.join(corpusDir as string, 'node', d, 'model.onnx'));
    const forwards = runCli(['analyze', ...models, '--json', '--summary'], { timeoutMs: 120_000 });
    const backwards = runCli(['analyze', ...[...models].reverse(), '--json', '--summary'], { timeoutMs: 120_000 });
    expect(forwards.code).toBe(0);
    expect(backwards.code).toBe(0);
    const a: unknown[] = JSON.parse(forwards.stdout);
    const b: unknown[] = JSON.parse(backwards.stdout).reverse();
    expect(a).toHaveLength(models.length);
    const differing = models.filter((_, i) => JSON.stringify(a[i]) !== JSON.stringify(b[i]));
    expect(differing).toEqual([]);
  });
});
