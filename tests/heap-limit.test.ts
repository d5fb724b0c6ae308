import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chain } from '@autodoc/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCodedError, repoRoot } from './helpers.js';

// V8 aborts a process whose heap is full (native stack trace, exit 134) instead of throwing. The
// run budget stops a run at a share of Node's heap limit with a coded error, and `--max-memory`
// above that limit restarts the CLI in a Node with a heap to match. Fresh processes with a small
// heap stand in for a large model on a machine whose default heap is too small for it.
const bin = path.join(repoRoot, 'cli', 'bin', 'autodoc.js');
const SMALL_HEAP = '--max-old-space-size=96';
let work: string;
let model: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'autodoc-heap-'));
  model = path.join(work, 'chain-500k.onnx');
  // Its `--summary` run keeps up to ~123 MB of heap live (after a collection; measured 2026-11-27),
  // far more than the guard's 85 % of a 96 MiB old space. A 300k-node chain, used before, had come
  // down to ~80 MB as the IR grew leaner: at the guard, so some runs completed.
  await chain(500_000).write(model);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI under a small Node heap: `autodoc analyze <model> --summary …args`. */
function analyze(...args: string[]) {
  const run = spawnSync(process.execPath, [SMALL_HEAP, bin, 'analyze', model, '--summary', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

describe("Node's heap limit", () => {
  it('a model that needs more heap than Node has is RESOURCE_LIMIT (exit 3), never a V8 abort', () => {
    const run = analyze('--json');
    expect(run.stderr).not.toContain('FATAL ERROR');
    expect(run.signal).toBeNull();
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'RESOURCE_LIMIT', message: expect.stringContaining("Node's heap limit"), hint: expect.stringContaining('--max-memory') });
  }, 120_000);

  it('--max-memory above the heap limit restarts the CLI with a heap to match, and the same run succeeds', () => {
    const run = analyze('--json', '--max-memory', '1GiB');
    expect(run.stderr).not.toContain('FATAL ERROR');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.graph.nodeCount).toBe(500_000);
  }, 120_000);

  it('without --json the error is one coded line and a hint', () => {
    expectCodedError(analyze('--quiet', '--out-dir', work), 'RESOURCE_LIMIT');
  }, 120_000);
});
