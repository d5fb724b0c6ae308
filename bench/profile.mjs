#!/usr/bin/env node
/**
 * Profiles one `autodoc analyze` run with `node --cpu-prof` and writes bench/PROFILE.md: the top
 * functions by self time and by inclusive time, and self time per file. Positions in the built
 * built files (bundle/*.js, dist/*.js) are mapped back to the TypeScript sources through their source maps (node:module's
 * SourceMap), so the list names `core/src/...ts:line`.
 *
 * Usage: node bench/profile.mjs <model.onnx> [--out FILE.md] [extra analyze flags, e.g. --summary]
 * (PROFILE_TOP=N lists N functions by inclusive time instead of 30)
 * (default output bench/PROFILE.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { cpus } from 'node:os';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatMarkdown } from './report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const maps = new Map();

/** The source map of a built file, or null. */
function sourceMapOf(file) {
  if (!maps.has(file)) {
    let map = null;
    try {
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      // unreadable map: keep the dist position
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** `path:line` of a call frame, relative to the repository, mapped to the .ts source when possible. */
function location(frame) {
  if (!frame.url) return '(native)';
  // ES modules are named by URL; the bundled packages' bodies (vm scripts) by absolute path.
  const file = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : isAbsolute(frame.url) ? frame.url : undefined;
  if (!file) return `${frame.url}:${frame.lineNumber + 1}`;
  const map = sourceMapOf(file);
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry?.originalSource) {
    const src = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : join(dirname(file), entry.originalSource);
    return `${relative(ROOT, src)}:${entry.originalLine + 1}`;
  }
  return `${relative(ROOT, file)}:${frame.lineNumber + 1}`;
}

/** The package or folder a file belongs to: `plugins/flops`, `core/src/report`, `node_modules/ajv`, `node:internal`. */
function packageOf(file) {
  const parts = file.split('/');
  if (parts[0] === 'core' && parts[1] === 'src') return parts.slice(0, 3).join('/');
  if (parts[0] === 'plugins' || parts[0] === 'presets' || parts[0] === 'node_modules') return parts.slice(0, 2).join('/');
  if (file.startsWith('node:')) return file.split('/')[0];
  return parts[0];
}

/** Self and inclusive milliseconds per function (`name @ path:line`) and self per file. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map();
  for (const n of profile.nodes) {
    const loc = location(n.callFrame);
    const file = loc.replace(/:\d+$/, '');
    keyOf.set(n.id, { fn: `${n.callFrame.functionName || '(anonymous)'} @ ${loc}`, file, pkg: packageOf(file) });
  }
  const self = new Map();
  const total = new Map();
  const files = new Map();
  const packages = new Map();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    all += ms;
    const k = keyOf.get(id);
    self.set(k.fn, (self.get(k.fn) ?? 0) + ms);
    files.set(k.file, (files.get(k.file) ?? 0) + ms);
    packages.set(k.pkg, (packages.get(k.pkg) ?? 0) + ms);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const fn = keyOf.get(n).fn;
      if (seen.has(fn)) continue;
      seen.add(fn);
      total.set(fn, (total.get(fn) ?? 0) + ms);
    }
  });
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  return { all, self: top(self, 40), total: top(total, Number(process.env.PROFILE_TOP ?? 30)), files: top(files, 25), packages: top(packages, 25), nodes: byId.size };
}

/** Runs the profile and writes `out` (Markdown). Returns the summary. */
export function profileAutodoc(model, flags = [], out = join(ROOT, 'bench', 'PROFILE.md')) {
  const dir = join(ROOT, 'bench', '.tmp', 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    '--cpu-prof-interval',
    '500',
    join(ROOT, 'cli', 'bin', 'autodoc.js'),
    'analyze',
    model,
    '--json',
    ...flags,
  ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 900_000 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`autodoc exited with ${r.status} while profiling ${basename(model)}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const s = summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  const pct = (ms) => ((100 * ms) / s.all).toFixed(1);
  const row = ([k, ms]) => `| ${ms.toFixed(0)} | ${pct(ms)} | \`${k.replace(/\|/g, '\\|')}\` |`;
  const md = [
    `# CPU profile of autodoc analyze on ${basename(model)}`,
    '',
    `Command: \`node --cpu-prof --cpu-prof-interval 500 cli/bin/autodoc.js analyze bench/.models/${basename(model)} --json${flags.length ? ` ${flags.join(' ')}` : ''} > /dev/null\``,
    `(wall ${wall.toFixed(2)} s with the profiler on; ${s.all.toFixed(0)} ms sampled; ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version};`,
    `${new Date().toISOString().slice(0, 10)}). Positions are mapped from the built bundle/*.js to the .ts sources through the source maps;`,
    '`(garbage collector)`, `(program)` and `(idle)` are V8 pseudo-frames; `(anonymous) @ (native)` in the inclusive list',
    'is where async continuations lose their callers. Regenerate: `node bench/profile.mjs <model> [flags]`; the raw',
    '`.cpuprofile` stays in `bench/.tmp/profile/` (gitignored) for Chrome DevTools or speedscope.',
    '',
    '## Top functions by self time',
    '',
    '| self ms | % | function @ file:line |',
    '|---:|---:|---|',
    ...s.self.map(row),
    '',
    '## Top functions by inclusive time (each function counted once per stack)',
    '',
    '| total ms | % | function @ file:line |',
    '|---:|---:|---|',
    ...s.total.map(row),
    '',
    '## Self time per package or core folder',
    '',
    '| self ms | % | package |',
    '|---:|---:|---|',
    ...s.packages.map(row),
    '',
    '## Self time per file',
    '',
    '| self ms | % | file |',
    '|---:|---:|---|',
    ...s.files.map(row),
    '',
  ].join('\n');
  writeFileSync(out, md);
  // The raw profile stays in bench/.tmp/profile/ (gitignored) for Chrome DevTools or speedscope.
  return { ...s, wall };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const o = args.indexOf('--out');
  const out = o >= 0 ? args.splice(o, 2)[1] : join(ROOT, 'bench', 'PROFILE.md');
  const [model, ...flags] = args;
  if (!model) throw new Error('usage: node bench/profile.mjs <model.onnx> [--out FILE.md] [analyze flags]');
  const s = profileAutodoc(model, flags, out);
  formatMarkdown([out]);
  console.log(`wrote ${relative(ROOT, out)} (${s.all.toFixed(0)} ms sampled)`);
  for (const [k, ms] of s.self.slice(0, 15)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
}
