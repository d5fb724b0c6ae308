/**
 * Issue #9 acceptance, fresh processes: a sample of ≤ 150 generated hostile inputs, each run as
 * `autodoc analyze <model> --json --format json[,markdown,html]` in its own Node process (two at a
 * time), wrapped in /usr/bin/time for CPU time and max RSS. Each must exit 0 or 3 as its expectation
 * says (never a signal, never 4), print one coded error line or a report, leak neither the canary nor
 * terminal escapes, and stay within 5 s CPU / 1 GiB (60 s / 3 GiB for scale cases). The rest of the
 * generated set runs in-process (hostile-inprocess.test.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './fuzz/run-in-process.js';
import { CANARY_TEXT, type HostileCase, type Made, allCases, materialise } from './generate/index.js';

const bin = path.join(repoRoot, 'cli', 'bin', 'autodoc.js');
const built = existsSync(path.join(repoRoot, 'cli', 'dist', 'main.js'));
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const formats = ['json', ...['markdown', 'html'].filter((id) => existsSync(path.join(repoRoot, 'plugins', `format-${id}`, 'dist', 'index.js')))];
if (!built) console.warn('hostile CLI suite skipped: cli/dist is missing (run npx tsc -b first)');
if (!timeBin) console.warn('hostile CLI suite: /usr/bin/time missing, RSS and CPU assertions skipped');
if (formats.length < 3) console.warn(`hostile CLI suite: only ${formats.join(',')} built; markdown/html skipped`);

/**
 * The CI sample (≤ 150): every external, text and graph case (the security-relevant ones), 30 of
 * the other wire cases, 6 truncation points spread over the file, 8 other formats, 11 numbers cases
 * (each pick spread evenly over its list). Known findings (owned elsewhere) are left out; the in-process suite lists them.
 */
function sample(cases: HostileCase[]): HostileCase[] {
  const usable = cases.filter((c) => !c.knownFinding);
  const truncations = usable.filter((c) => c.id.startsWith('truncated-at-'));
  const pick = <T>(xs: T[], n: number) => (xs.length <= n ? xs : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]));
  return [
    ...usable.filter((c) => c.cls === 'external' || c.cls === 'text' || c.cls === 'graph' || c.cls === 'fuzz'),
    ...pick(usable.filter((c) => c.cls === 'wire' && !c.id.startsWith('truncated-at-')), 30),
    ...pick(truncations, 6),
    ...pick(usable.filter((c) => c.cls === 'format'), 8),
    ...pick(usable.filter((c) => c.cls === 'numbers'), 11),
  ];
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  cpuS?: number;
  rssKiB?: number;
}

function runCli(args: string[], timeoutMs: number, statsFile: string): Promise<Run> {
  const started = performance.now();
  const cmd = timeBin ?? process.execPath;
  const argv = timeBin ? ['-o', statsFile, '-f', '%M %U %S', process.execPath, bin, ...args] : [bin, ...args];
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: repoRoot, env: { ...process.env, FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const run: Run = { code, signal, stdout, stderr, wallMs: performance.now() - started };
      if (timeBin && existsSync(statsFile)) {
        // GNU time prints "Command exited with non-zero status N" before the format line.
        const last = readFileSync(statsFile, 'utf8').trim().split('\n').pop() ?? '';
        const [rss, user, sys] = last.split(' ').map(Number);
        if (Number.isFinite(rss)) Object.assign(run, { rssKiB: rss, cpuS: user + sys });
        // time reports a signal-killed child as "Command terminated by signal N".
        const m = /terminated by signal (\d+)/.exec(readFileSync(statsFile, 'utf8'));
        if (m) run.signal = `SIG${m[1]}` as NodeJS.Signals;
      }
      resolve(run);
    });
  });
}

function problemsOf(c: HostileCase, made: Made, run: Run, outDir: string): string[] {
  const p: string[] = [];
  if (run.signal) p.push(`killed by ${run.signal} (wall ${Math.round(run.wallMs)} ms)`);
  const wanted = c.expect.outcome === 'error' ? 3 : 0;
  if (run.code !== wanted) p.push(`exit ${run.code}, expected ${wanted}: ${run.stderr.slice(0, 400)}`);
  if (/\n\s+at .+:\d+:\d+/.test(run.stderr)) p.push('stack trace on stderr');
  if (['\u001b', '\u202e', '\u2066'].some((ch) => run.stderr.includes(ch))) p.push('terminal escape or bidi control on stderr');
  const outputs = [run.stdout, run.stderr, ...(existsSync(outDir) ? readdirSync(outDir).map((f) => readFileSync(path.join(outDir, f), 'utf8')) : [])];
  if (outputs.some((o) => o.includes(CANARY_TEXT))) p.push('canary contents in an output');
  if (c.expect.outcome === 'error' && run.code === 3) {
    const line = run.stderr.split('\n').find((l) => l.startsWith('autodoc: error '));
    const code = /^autodoc: error ([A-Z0-9_]+):/.exec(line ?? '')?.[1];
    if (!code || !c.expect.codes.includes(code)) p.push(`error ${code}, expected ${c.expect.codes.join('|')}`);
    try {
      if (JSON.parse(run.stdout).error?.code !== code) p.push('stdout JSON error code differs');
    } catch {
      p.push('stdout is not the JSON error');
    }
  }
  if (c.expect.outcome === 'report' && run.code === 0) {
    try {
      const report = JSON.parse(run.stdout) as { diagnostics: { code: string; severity: string }[] };
      for (const code of c.expect.codes) {
        const ok = code === '*' ? report.diagnostics.some((d) => d.severity === 'warning') : report.diagnostics.some((d) => d.code === code);
        if (!ok) p.push(`diagnostic ${code} missing`);
      }
      const extra = c.check?.(report as unknown as Record<string, unknown>);
      if (extra) p.push(extra);
    } catch {
      p.push('stdout is not a report');
    }
    const files = existsSync(outDir) ? readdirSync(outDir) : [];
    if (files.length !== formats.length) p.push(`wrote ${files.join(',') || 'nothing'}, expected ${formats.length} files`);
  }
  const cpuLimit = c.scale ? 60 : 5;
  const rssLimit = (c.scale ? 3 : 1) * 1024 * 1024;
  if (run.cpuS !== undefined && run.cpuS > cpuLimit) p.push(`CPU ${run.cpuS.toFixed(1)} s > ${cpuLimit} s`);
  if (run.rssKiB !== undefined && run.rssKiB > rssLimit) p.push(`max RSS ${Math.round(run.rssKiB / 1024)} MiB > ${rssLimit / 1024} MiB`);
  void made;
  return p;
}

const cases = sample(allCases());
let root: string;
const results = new Map<string, Run>();

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'autodoc-hostile-cli-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  const runs = [...results.values()];
  if (runs.length === 0) return;
  const entries = [...results];
  const max = (f: (r: Run) => number | undefined) => {
    let best: [string, number] = ['-', 0];
    for (const [id, r] of entries) if ((f(r) ?? 0) > best[1]) best = [id, f(r) ?? 0];
    return best;
  };
  const [wallId, wall] = max((r) => r.wallMs);
  const [cpuId, cpu] = max((r) => r.cpuS);
  const [rssId, rss] = max((r) => r.rssKiB);
  const byCls = new Map<string, number>();
  for (const c of cases) if (results.has(c.id)) byCls.set(c.cls, (byCls.get(c.cls) ?? 0) + 1);
  console.log(
    `hostile CLI: ${runs.length} fresh processes (${[...byCls].map(([k, v]) => `${k} ${v}`).join(', ')}), formats ${formats.join(',')}; ` +
      `exit 0: ${runs.filter((r) => r.code === 0).length}, exit 3: ${runs.filter((r) => r.code === 3).length}, other: ${runs.filter((r) => r.code !== 0 && r.code !== 3).length}; ` +
      `max wall ${Math.round(wall)} ms (${wallId}), max CPU ${cpu.toFixed(2)} s (${cpuId}), max RSS ${Math.round(rss / 1024)} MiB (${rssId})`,
  );
});

describe.skipIf(!built)(`hostile inputs in fresh CLI processes (${cases.length})`, () => {
  it('the sample stays within the CI budget', () => {
    expect(cases.length).toBeLessThanOrEqual(150);
  });

  it('every sampled input: expected exit code, coded error or report, no leaks, within limits', async () => {
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const made = await materialise(c, root);
        const outDir = path.join(root, c.id, 'out');
        mkdirSync(outDir, { recursive: true });
        const args = ['analyze', made.model, '--json', '--format', formats.join(','), '--out-dir', outDir, '--quiet', ...(made.args ?? [])];
        if (formats.includes('markdown')) args.push('--plugin', '@autodoc/format-markdown');
        if (formats.includes('html')) args.push('--plugin', '@autodoc/format-html');
        const run = await runCli(args, c.scale ? 180_000 : 60_000, path.join(root, c.id, 'time.txt'));
        results.set(c.id, run);
        const p = problemsOf(c, made, run, outDir);
        if (p.length) failures.push(`${c.cls}/${c.id}: ${p.join('; ')}`);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(failures).toEqual([]);
  }, 900_000);

  it('--timeout and --max-memory stop a run with RESOURCE_LIMIT (exit 3)', async () => {
    const c = allCases().find((x) => x.id === 'control-relu') as HostileCase;
    const made = await materialise({ ...c, id: 'limits-control' }, root);
    const slow = await runCli(['analyze', made.model, '--json', '--timeout', '0.001'], 60_000, path.join(root, 't1.txt'));
    expect(slow.code).toBe(3);
    expect(JSON.parse(slow.stdout).error).toMatchObject({ code: 'RESOURCE_LIMIT', hint: expect.stringContaining('--timeout') });
    const fat = await runCli(['analyze', made.model, '--json', '--max-memory', '1KiB'], 60_000, path.join(root, 't2.txt'));
    expect(fat.code).toBe(3);
    expect(JSON.parse(fat.stdout).error).toMatchObject({ code: 'RESOURCE_LIMIT', hint: expect.stringContaining('--max-memory') });
    const bad = await runCli(['analyze', made.model, '--timeout', 'soon'], 60_000, path.join(root, 't3.txt'));
    expect(bad.code).toBe(2);
  }, 120_000);

  // A third-party plugin whose loop never returns: no budget check can run inside it. The loop
  // sits where plugin code runs (a tap, a continuation after an await) and where it might (directly
  // in a timer callback, a format's render); each run must end with the one coded error, exit 3.
  it.each([
    ['after an await in a tap', `hooks.analyze.tapPromise({ name: 'acme:spin', stage: 0 }, async () => { await null; for (;;) {} });`, 'in plugin acme:spin'],
    ['in a timer callback', `hooks.analyze.tapPromise({ name: 'acme:spin', stage: 0 }, () => new Promise(() => setTimeout(() => { for (;;) {} }, 1)));`, 'in plugin acme:spin'],
    ['in a format render', '', 'rendering spin'],
  ])('--timeout stops a plugin whose loop never returns (%s): exit 3, one coded error, no hang', async (where, tap, step) => {
    const id = `spin-${where.replace(/\W+/g, '-')}`;
    const format = `formats: [{ id: 'spin', extension: 'txt', description: 'spins', render: () => { for (;;) {} } }],`;
    const args = ['--timeout', '0.5', ...(tap ? [] : ['--format', 'spin', '--out-dir', path.join(root, 'spin-out')])];
    const spin = await analyzeWithPlugin(id, 'acme:spin', `{ ${format} apply({ hooks }) { ${tap} } }`, args);
    expectOneResourceLimit(spin, expect.stringContaining(step), '--timeout');
  }, 120_000);

  // A third-party plugin that allocates without end and never returns to a budget check: without the
  // watchdog's memory limit it runs to V8's heap limit (~4 GiB here), which aborts with a native stack.
  // In one call the main thread is stuck (the inspector path: "did not return"); in timer ticks it
  // answers the watchdog and gets the cooperative check's error.
  it.each([
    ['in one call', `hooks.analyze.tap({ name: 'acme:hoard', stage: 0 }, () => { const kept = []; for (;;) kept.push(new Array(1e5).fill(1)); });`, /more than the limit of 256 MiB \(stopped where it did not return to a check: in plugin acme:hoard\)/],
    ['in timer ticks', `hooks.analyze.tapPromise({ name: 'acme:hoard', stage: 0 }, () => new Promise(() => { const kept = []; setInterval(() => { for (let i = 0; i < 100; i++) kept.push(new Array(1e5).fill(1)); }, 1); }));`, /of memory, more than the limit of 256 MiB \(while /],
  ])('--max-memory stops a plugin that allocates without returning (%s): exit 3, one coded error, bounded memory', async (where, tap, message) => {
    const hoard = await analyzeWithPlugin(`hoard-${where.replace(/\W+/g, '-')}`, 'acme:hoard', `{ apply({ hooks }) { ${tap} } }`, ['--max-memory', '256MiB']);
    expectOneResourceLimit(hoard, expect.stringMatching(message), '--max-memory');
    // Stopped near its limit (256 MiB + what Node holds + 64 MiB margin + ~150 ms of allocation), far from V8's.
    if (hoard.rssKiB !== undefined) expect(hoard.rssKiB / 1024).toBeLessThan(1024);
  }, 120_000);

  it('a plugin whose promise never settles ends the run with PLUGIN_ERROR (exit 4), not a silent exit 0', async () => {
    const c = allCases().find((x) => x.id === 'control-relu') as HostileCase;
    const made = await materialise({ ...c, id: 'limits-never' }, root);
    const config = path.join(root, 'never.config.mjs');
    writeFileSync(
      config,
      `export default { plugins: [{ kind: 'autodoc-plugin', name: 'acme:never', setup: () => ({ apply({ hooks }) {
        hooks.analyze.tapPromise({ name: 'acme:never', stage: 0 }, () => new Promise(() => {}));
      } }) }] };\n`,
    );
    const never = await runCli(['analyze', made.model, '--json', '--config', config], 60_000, path.join(root, 't5.txt'));
    expect(never.code).toBe(4);
    expect(JSON.parse(never.stdout).error).toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringContaining('in plugin acme:never') });
  }, 120_000);
});

/** `analyze --json` of the control model with one third-party plugin: `plugin` is the source of what its setup returns. */
async function analyzeWithPlugin(id: string, name: string, plugin: string, args: string[]): Promise<Run> {
  const c = allCases().find((x) => x.id === 'control-relu') as HostileCase;
  const made = await materialise({ ...c, id: `limits-${id}` }, root);
  const config = path.join(root, `${id}.config.mjs`);
  writeFileSync(config, `export default { plugins: [{ kind: 'autodoc-plugin', name: '${name}', setup: () => (${plugin}) }] };\n`);
  return runCli(['analyze', made.model, '--json', '--config', config, ...args], 60_000, path.join(root, `${id}.time.txt`));
}

/** Exit 3 and one RESOURCE_LIMIT: as JSON on stdout, and on stderr the coded line and its hint, nothing else (no stack, no inspector chatter). */
function expectOneResourceLimit(run: Run, message: unknown, hintFlag: string): void {
  expect(run.signal).toBeNull();
  expect(run.code).toBe(3);
  expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'RESOURCE_LIMIT', message, hint: expect.stringContaining(hintFlag) });
  expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^autodoc: error RESOURCE_LIMIT: /), expect.stringMatching(/^ {2}hint: /)]);
}
