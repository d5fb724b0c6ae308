#!/usr/bin/env node
/**
 * The benchmark of issue #10: generates the models (bench/generate.mjs, idempotent), then for each
 * model times `autodoc analyze --json` (and `--summary`), the two floors and the peers that install
 * here (Python onnx; onnxruntime-node when the package resolves), each in ≥ 3 fresh processes, and
 * writes bench/RESULTS.md (Markdown tables, targets, machine) and bench/results.json (every run).
 * Finally it CPU-profiles the slowest autodoc case into bench/PROFILE.md.
 *
 * Usage: npm run bench [-- --quick | --only <model>|startup|several | --runs <n> | --no-profile]
 * (`npm run bench` builds first; `node bench/run.mjs` runs on the bundle/ and dist/ as they are).
 * `--render` only re-renders RESULTS.md from the recorded results.json (after editing report.mjs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPython } from '@autodoc/core';
import { measureOnce, rssMethod, summarize } from './measure.mjs';
import { MODELS, MODELS_DIR, parseArgs, selectModels } from './models.mjs';
import { profileAutodoc } from './profile.mjs';
import { formatMarkdown, renderMarkdown } from './report.mjs';
import { traceFileReads } from './trace-data-file.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const CLI = join(ROOT, 'cli', 'bin', 'autodoc.js');
const NODE = process.execPath;
const TIMEOUT_S = 300;

const argv = process.argv.slice(2);
const opts = parseArgs(argv);
if (opts.render) {
  const recorded = JSON.parse(readFileSync(join(BENCH, 'results.json'), 'utf8'));
  writeFileSync(join(BENCH, 'RESULTS.md'), renderMarkdown(recorded, MODELS));
  formatMarkdown([join(BENCH, 'RESULTS.md')]);
  process.exit(0);
}
const runs = opts.runs ?? (opts.quick ? 1 : 3);
const onlyStartup = opts.only === 'startup';
/** `--only several` times section 5 alone, on the models already generated. */
const onlySeveral = opts.only === 'several';

// 1. Models (a separate process, so the builder's memory is gone before timing starts).
if (!onlyStartup && !onlySeveral) {
  const genArgs = [...(opts.quick ? ['--quick'] : []), ...(opts.only ? ['--only', opts.only] : [])];
  const gen = spawnSync(NODE, [join(BENCH, 'generate.mjs'), ...genArgs], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error(`bench/generate.mjs failed (exit ${gen.status})`);
}

// 2. Which peers exist here.
const python = findPython(['onnx']);
const onnxVersion = python ? execFileSync(python, ['-c', 'import onnx; print(onnx.__version__)'], { encoding: 'utf8' }).trim() : undefined;
let ortVersion;
try {
  const require = createRequire(join(ROOT, 'package.json'));
  ortVersion = require(require.resolve('onnxruntime-node/package.json')).version;
} catch {
  // not installed: reported as not measured
}
/**
 * autodoc's time budget (--timeout, default 120 s) would stop the slow cases before the bench's 300 s
 * timeout and hide their cost, so it is raised when the CLI has it; the bench's timeout decides
 * instead. The memory guard stays at its default (4 GiB, ample for every model here): a
 * `--max-memory` above what this Node's heap holds makes the CLI restart Node with a larger heap,
 * which would time a second start-up.
 */
const help = spawnSync(NODE, [CLI, 'analyze', '--help'], { encoding: 'utf8' }).stdout ?? '';
const GUARDS = help.includes('--timeout') ? ['--timeout', String(TIMEOUT_S + 60)] : [];

/** Newest modification time (ms) of the built packages, to notice a rebuild in the middle of a run. */
function distStamp() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      // V8 code caches (`*.v8`) are written beside the bundles by runs, not by builds.
      else if (!/\.v8(\.\d+\.tmp)?$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const group of ['.', 'plugins', 'presets']) {
    const base = join(ROOT, group);
    const pkgs = group === '.' ? ['core', 'cli'] : readdirSync(base);
    for (const pkg of pkgs) for (const out of ['dist', 'bundle']) if (existsSync(join(base, pkg, out))) walk(join(base, pkg, out));
  }
  return newest;
}
const stampStart = distStamp();

const missing = [];
if (!python) missing.push('Python onnx: no interpreter can import onnx (Debian python3-onnx; or set AUTODOC_PYTHON).');
if (!ortVersion) missing.push('onnxruntime-node: the package is not installed in this repository (InferenceSession.create not measured).');
missing.push('Netron and onnx-tool: not installable here; their earlier figures are quoted under "Reference figures".');

/** The tools timed on one model, in running order (floor-read first: it warms the page cache). */
function toolsFor(model) {
  const path = join(MODELS_DIR, model.file);
  const py = (id, script, label) =>
    python
      ? { id, group: 'peer', label, cmd: python, args: [join(BENCH, 'peers', script), path] }
      : { id, group: 'peer', label, available: false, reason: 'Python onnx not found' };
  return [
    { id: 'floor-read', group: 'floor', label: 'floor: read all file bytes', cmd: NODE, args: [join(BENCH, 'floor-read.mjs'), path] },
    { id: 'floor-scan', group: 'floor', label: 'floor: bare protobuf scan (payloads skipped)', cmd: NODE, args: [join(BENCH, 'floor-scan.mjs'), path] },
    { id: 'autodoc', group: 'autodoc', label: '**autodoc analyze --json**', cmd: NODE, args: [CLI, 'analyze', path, '--json', ...GUARDS] },
    {
      id: 'autodoc-summary',
      group: 'autodoc',
      label: 'autodoc analyze --json --summary',
      cmd: NODE,
      args: [CLI, 'analyze', path, '--json', '--summary', ...GUARDS],
    },
    ...(model.targets.shapesWall
      ? [
          {
            id: 'autodoc-shapes',
            group: 'autodoc',
            label: 'autodoc shapes only (read, infer, graph.tensors[]; --no-layers, bench/shapes-only.config.mjs)',
            cmd: NODE,
            // Like infer_shapes_path, every tensor's shape and nothing per node (until 2026-11-26 this
            // row also built and wrote layers[], ~2 s of the 1M chain's run).
            args: [CLI, 'analyze', path, '--json', '--no-layers', '--config', join(BENCH, 'shapes-only.config.mjs'), ...GUARDS],
          },
        ]
      : []),
    py('onnx-load', 'onnx_load.py', 'Python onnx.load'),
    py('onnx-load-noext', 'onnx_load_no_external.py', 'Python onnx.load(load_external_data=False)'),
    py('onnx-checker', 'onnx_checker.py', 'Python onnx.checker.check_model(path)'),
    py('onnx-infer', 'onnx_infer_shapes.py', 'Python onnx.shape_inference.infer_shapes_path'),
    ortVersion
      ? { id: 'ort', group: 'peer', label: 'onnxruntime-node InferenceSession.create', cmd: NODE, args: [join(BENCH, 'peers', 'ort-session.mjs'), path] }
      : { id: 'ort', group: 'peer', label: 'onnxruntime-node InferenceSession.create', available: false, reason: 'onnxruntime-node not installed' },
  ];
}

/**
 * Times the tools of one model in rounds, each round running every tool once in the listed order:
 * the machine is shared and has slow phases of a minute or more, which, with each tool's runs back
 * to back, fell on whichever tool ran then and skewed the ratios between tools. A tool that timed
 * out is not run again.
 */
function timeInRounds(tools, rounds = runs) {
  const live = tools.filter((t) => t.available !== false);
  const samples = new Map(live.map((t) => [t, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const t of live) {
      const done = samples.get(t);
      if (done.some((s) => s.status === 'timeout')) continue;
      const s = measureOnce(t.cmd, t.args, { timeoutS: TIMEOUT_S, cwd: ROOT });
      done.push(s);
      process.stderr.write(`  ${round}/${rounds} ${t.label.replace(/\*/g, '')} … ${s.status} ${s.wall.toFixed(3)} s ${s.rssMB.toFixed(0)} MB\n`);
    }
  }
  return tools.map((t) => (t.available === false ? t : withResult(t, summarize(samples.get(t)))));
}

/** The batches of section 5: the mid-size models once each, and ResNet-50 ten times (models that exist). */
function severalModelBatches() {
  const midSize = ['resnet50', 'gpt2-medium', 'gpt2-medium-torch', 'gpt2-large-external'].map((id) => MODELS.find((m) => m.id === id));
  const paths = (models) => models.map((m) => join(MODELS_DIR, m.file)).filter((p) => existsSync(p));
  const batches = [
    { id: 'mid-size', title: `the mid-size models once each (${midSize.map((m) => m.id).join(', ')})`, paths: paths(midSize) },
    { id: 'resnet50-x10', title: 'ResNet-50 ten times', paths: paths(Array(10).fill(midSize[0])) },
  ];
  return batches.filter((b) => b.paths.length > 1);
}

/** `analyze` of every path in one process, against one process per path run one after the other by sh. */
function severalModelTools(paths) {
  const quote = (a) => `'${a.replace(/'/g, "'\\''")}'`;
  const each = paths.map((p) => [NODE, CLI, 'analyze', p, '--json', ...GUARDS].map(quote).join(' ')).join(' && ');
  return [
    { id: 'one-process', group: 'autodoc', label: `**one process: autodoc analyze (${paths.length} models) --json**`, cmd: NODE, args: [CLI, 'analyze', ...paths, '--json', ...GUARDS] },
    { id: 'processes', group: 'autodoc', label: `${paths.length} processes: autodoc analyze (model) --json each, one after the other (sh)`, cmd: '/bin/sh', args: ['-c', `${each} > /dev/null`] },
  ];
}

/** A tool's entry in results.json: its description, the command as run (repository-relative), and `r`. */
function withResult(t, r) {
  const { cmd, args, ...rest } = t;
  return { ...rest, command: [cmd === NODE ? 'node' : cmd === python ? 'python3' : cmd, ...args.map((a) => a.replaceAll(ROOT, ''))].join(' '), ...r };
}

const results = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  command:
    process.env.npm_lifecycle_event === 'bench' ? `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}` : ['node bench/run.mjs', ...argv].join(' '),
  runs,
  /** Each model's tools ran in rounds (every tool once per round); absent in results before 2026-11-26. */
  order: 'rounds',
  timeoutS: TIMEOUT_S,
  rssMethod,
  guards: GUARDS.join(' '),
  rebuiltDuringRun: false,
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGB: (totalmem() / 2 ** 30).toFixed(1),
    os: `${type()} ${release()}`,
    node: process.version,
    onnx: onnxVersion ?? 'not found',
    ort: ortVersion ?? 'not installed',
    loadStart: loadavg()[0].toFixed(2),
    touchMsPer100MB: firstTouchMsPer100MB(),
    loadEnd: undefined,
  },
  models: [],
  startup: undefined,
  missing,
};

/** Median of 3 fresh processes of bench/floor-touch.mjs: the cost of first-touching fresh memory. */
function firstTouchMsPer100MB() {
  const runs = [0, 1, 2].map(() => Number(spawnSync(NODE, [join(BENCH, 'floor-touch.mjs')], { encoding: 'utf8' }).stdout));
  return runs.sort((a, b) => a - b)[1];
}

function save() {
  results.machine.loadEnd = loadavg()[0].toFixed(2);
  results.rebuiltDuringRun = distStamp() !== stampStart;
  writeFileSync(join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(BENCH, 'RESULTS.md'), renderMarkdown(results, MODELS));
}

// The first analysis after a build writes the bundles' V8 code caches (scripts/bundle-runtime/
// load-body.mjs); a user's every later run has them, so the bench times runs that have them too.
const warmModel = MODELS.map((m) => join(MODELS_DIR, m.file)).find((p) => existsSync(p));
if (warmModel) spawnSync(NODE, [CLI, 'analyze', warmModel, '--json', ...GUARDS], { stdio: 'ignore', cwd: ROOT });

// 3. Time every tool on every model.
for (const model of onlyStartup || onlySeveral ? [] : selectModels(opts)) {
  const path = join(MODELS_DIR, model.file);
  if (!existsSync(path)) {
    missing.push(`${model.id}: its file was not generated (see the generate lines above).`);
    continue;
  }
  console.error(`${model.id}:`);
  const entry = {
    id: model.id,
    fileBytes: statSync(path).size,
    dataBytes: model.dataFile ? statSync(join(MODELS_DIR, model.dataFile)).size : undefined,
    tools: timeInRounds(toolsFor(model)),
  };
  if (model.targets.dataNeverRead) {
    entry.trace = traceFileReads(NODE, [CLI, 'analyze', path, '--json', ...GUARDS], join(MODELS_DIR, model.dataFile), { timeoutS: TIMEOUT_S, cwd: ROOT });
    console.error(`  strace of the data file: ${JSON.stringify(entry.trace)}`);
  }
  results.models.push(entry);
  save();
}

// 4. Startup: autodoc --version against bare node.
if (!opts.only || onlyStartup) {
  console.error('startup:');
  results.startup = {
    id: 'startup',
    tools: timeInRounds(
      [
        { id: 'node', group: 'floor', label: 'node -e 0', cmd: NODE, args: ['-e', '0'] },
        { id: 'version', group: 'autodoc', label: 'autodoc --version', cmd: NODE, args: [CLI, '--version'] },
      ],
      Math.max(runs, 5),
    ),
  };
}
save();

// 5. Several models: one `analyze` process for all of them against one process per model.
if (!opts.only || onlySeveral) {
  results.several = [];
  for (const batch of severalModelBatches()) {
    console.error(`several: ${batch.id}`);
    results.several.push({ id: batch.id, title: batch.title, tools: timeInRounds(severalModelTools(batch.paths)) });
  }
}
save();

// 6. Profile the slowest autodoc case that finished within the timeout.
if (opts.profile) {
  const cases = results.models.flatMap((m) =>
    m.tools.filter((t) => t.group === 'autodoc' && t.okRuns > 0).map((t) => ({ m, t, flags: t.id === 'autodoc-summary' ? ['--summary'] : [] })),
  );
  const slowest = cases.sort((a, b) => b.t.wall - a.t.wall)[0];
  if (slowest) {
    const model = MODELS.find((x) => x.id === slowest.m.id);
    console.error(`profiling ${model.id} ${slowest.flags.join(' ')} (median ${slowest.t.wall.toFixed(2)} s)`);
    try {
      profileAutodoc(join(MODELS_DIR, model.file), [...slowest.flags, ...GUARDS]);
    } catch (e) {
      console.error(`profile failed: ${e.message}`);
    }
  }
  if (distStamp() !== stampStart) console.error('WARNING: the built packages changed during the run; RESULTS.md says so.');
}
formatMarkdown([join(BENCH, 'RESULTS.md'), join(BENCH, 'PROFILE.md')]);
console.error('wrote bench/RESULTS.md, bench/results.json and bench/PROFILE.md');
