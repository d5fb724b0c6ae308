import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const bin = path.join(repoRoot, 'cli', 'bin', 'autodoc.js');

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI in a fresh process (as a user would), with a time limit. */
export function runCli(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): CliRun {
  // maxBuffer: spawnSync's default (1 MiB) kills a run whose reports are larger.
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: options.cwd ?? repoRoot, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, maxBuffer: 512 * 2 ** 20, env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** A coded one-line error and its hint, and no stack trace. */
export function expectCodedError(run: CliRun, code: string): void {
  const lines = run.stderr.trim().split('\n');
  const at = lines.findIndex((line) => line.startsWith('autodoc: error '));
  if (at < 0 || !lines[at].startsWith(`autodoc: error ${code}: `)) throw new Error(`expected error ${code}, got stderr:\n${run.stderr}`);
  if (!lines[at + 1]?.startsWith('  hint: ')) throw new Error(`expected a hint line, got:\n${run.stderr}`);
  if (lines.length > at + 2) throw new Error(`expected nothing after the hint, got:\n${run.stderr}`);
  if (/\n\s+at .+:\d+:\d+/.test(run.stderr)) throw new Error(`stack trace printed:\n${run.stderr}`);
}
