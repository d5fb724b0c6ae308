#!/usr/bin/env node
/**
 * Profiles one `autodoc analyze` run with `node --cpu-prof` and writes bench/PROFILE.md: the top
 * functions by self time and by inclusive time, and self time per file. Positions in the built
 * dist/*.js files are mapped back to the TypeScript sources through their source maps (node:module's
 * SourceMap), so the list names `core/src/...ts:line`.
 *
 * Usage: node bench/profile.mjs <model.onnx> [extra analyze flags, e.g. --summary]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { cpus } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
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
  if (!frame.url.startsWith('file:')) return `${frame.url}:${frame.lineNumber + 1}`;
  const file = fileURLToPath(frame.url);
  const map = sourceMapOf(file);
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry?.originalSource) {
    const src = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : join(dirname(file), entry.originalSource);
    return `${relative(ROOT, src)}:${entry.originalLine + 1}`;
  }
  return `${relative(ROOT, file)}:${frame.lineNumber + 1}`;
}

/** Self and inclusive milliseconds per function (`name @ path:line`) and self per file. */
export function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map();
  for (const n of profile.nodes) {
    const loc = location(n.callFrame);
    keyOf.set(n.id, { fn: `${n.callFrame.functionName || '(anonymous)'} @ ${loc}`, file: loc.replace(/:\d+$/, '') });
  }
  const self = new Map();
  const total = new Map();
  const files = new Map();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    all += ms;
    const k = keyOf.get(id);
    self.set(k.fn, (self.get(k.fn) ?? 0) + ms);
    files.set(k.file, (files.get(k.file) ?? 0) + ms);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const fn = keyOf.get(n).fn;
      if (seen.has(fn)) continue;
      seen.add(fn);
      total.set(fn, (total.get(fn) ?? 0) + ms);
    }
  });
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  return { all, self: top(self, 40), total: top(total, 30), files: top(files, 25), nodes: byId.size };
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
    '# CPU profile of the slowest autodoc case',
    '',
    `Command: \`node --cpu-prof --cpu-prof-interval 500 cli/bin/autodoc.js analyze bench/.models/${basename(model)} --json${flags.length ? ` ${flags.join(' ')}` : ''} > /dev/null\``,
    `(wall ${wall.toFixed(2)} s with the profiler on; ${s.all.toFixed(0)} ms sampled; ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version};`,
    `${new Date().toISOString().slice(0, 10)}). Positions are mapped from dist/*.js to the .ts sources through the source maps;`,
    '`(garbage collector)`, `(program)` and `(idle)` are V8 pseudo-frames. Regenerate: `node bench/profile.mjs <model> [flags]`.',
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
    '## Self time per file',
    '',
    '| self ms | % | file |',
    '|---:|---:|---|',
    ...s.files.map(row),
    '',
  ].join('\n');
  writeFileSync(out, md);
  rmSync(dir, { recursive: true, force: true });
  return { ...s, wall };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [model, ...flags] = process.argv.slice(2);
  if (!model) throw new Error('usage: node bench/profile.mjs <model.onnx> [analyze flags]');
  const s = profileAutodoc(model, flags);
  formatMarkdown([join(ROOT, 'bench', 'PROFILE.md')]);
  console.log(`wrote bench/PROFILE.md (${s.all.toFixed(0)} ms sampled)`);
  for (const [k, ms] of s.self.slice(0, 15)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
}
