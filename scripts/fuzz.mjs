#!/usr/bin/env node
// `npm run fuzz -- --minutes N --seed S [--out DIR] [--limit-ms MS] [--from I]`: the mutation fuzzer
// (`--minimise FILE [--max-runs N]` shrinks one saved input instead)
// of issue #9 (byte-level + structure-aware on ModelProto) over read → analyze → render.
//
// The parent generates mutants (tests/hostile/fuzz/campaign.ts, loaded with jiti) and sends them to
// a child process (this file with --child) that runs each one in-process with an open() recorder.
// Per-input limits: the run budget (timeoutMs) inside, a wall-clock kill from outside, and a V8 heap
// cap on the child (--max-old-space-size), so a hang, a stack overflow, an OOM or a V8 fatal error
// kills only the child: each is a finding, and the child is respawned. Findings are minimised and
// written to --out with a ready-to-paste entry for tests/hostile/generate/findings.ts.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const jiti = createJiti(import.meta.url);
const load = (rel) => jiti.import(path.join(root, rel));

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

if (process.argv.includes('--child')) await child();
else await parent();

/** The child: runs one model per message and answers with its outcome and policy problems. */
async function child() {
  const { loadToolkit, runInProcess } = await load('tests/hostile/fuzz/run-in-process.ts');
  const { recordOpens } = await load('tests/hostile/fs-hook.ts');
  const { problemsOf } = await load('tests/hostile/fuzz/campaign.ts');
  const kit = await loadToolkit();
  process.send({ ready: true, formats: kit.formats });
  process.on('message', async (msg) => {
    const rec = recordOpens();
    let o;
    try {
      o = await runInProcess(msg.model, kit, { timeoutMs: msg.limitMs });
    } finally {
      rec.stop();
    }
    const problems = problemsOf(o, rec.opened, msg, msg.limitMs);
    process.send({ index: msg.index, kind: o.kind, code: o.code, ms: o.ms, problems });
  });
}

/** A forked child with a promise-based `run`; `run` rejects when the child dies or overruns. */
function spawnChild() {
  const proc = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--max-old-space-size=3072', '--stack-size=984'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  let pending;
  let ready;
  const readyP = new Promise((r) => (ready = r));
  proc.on('message', (m) => {
    if (m.ready) return ready(m);
    pending?.resolve(m);
    pending = undefined;
  });
  proc.on('exit', (code, signal) => {
    pending?.reject(new Error(`child died (${signal ?? `exit ${code}`}): ${stderr.split('\n').filter(Boolean).slice(-3).join(' / ')}`));
    pending = undefined;
  });
  return {
    readyP,
    run(msg, wallMs) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
        }, wallMs);
        const done = (f) => (v) => {
          clearTimeout(timer);
          f(v);
        };
        pending = { resolve: done(resolve), reject: done(reject) };
        proc.send(msg);
      });
    },
    kill() {
      proc.kill('SIGKILL');
    },
  };
}

async function parent() {
  const minutes = Number(flag('minutes', '1'));
  const seed = Number(flag('seed', '1'));
  const from = Number(flag('from', '0'));
  const limitMs = Number(flag('limit-ms', '10000'));
  const outDir = path.resolve(flag('out', 'fuzz-findings'));
  const { mutants, writeMutant, signature, minimise, findingSnippet } = await load('tests/hostile/fuzz/campaign.ts');
  const work = mkdtempSync(path.join(os.tmpdir(), 'autodoc-fuzz-'));
  let worker = spawnChild();
  const { formats } = await worker.readyP;
  console.log(`fuzz: seed ${seed}, ${minutes} min, limit ${limitMs} ms per input, formats ${formats.join(',')}`);

  /** Runs bytes once; returns the problems (a dead or overrunning child is a problem too). */
  const runBytes = async (index, bytes) => {
    const where = writeMutant(work, { index, bytes });
    try {
      const r = await worker.run({ index, model: where.model, modelDir: where.modelDir, canary: where.canary, limitMs }, limitMs * 3 + 5000);
      return r;
    } catch (e) {
      worker.kill();
      worker = spawnChild();
      await worker.readyP;
      return { index, kind: 'crash', code: 'CHILD', ms: 0, problems: [String(e.message)] };
    } finally {
      rmSync(path.dirname(where.modelDir), { recursive: true, force: true });
    }
  };

  // --minimise FILE: shrink one saved input that shows a problem, print its generator entry.
  const only = flag('minimise');
  if (only) {
    const bytes = readFileSync(only);
    const first = await runBytes(-1, bytes);
    if (first.problems.length === 0) console.log(`fuzz: ${only} shows no problem`);
    else {
      const sig = signature(first.problems);
      const small = await minimise(bytes, async (b) => signature((await runBytes(-1, b)).problems) === sig, Number(flag('max-runs', '600')));
      const out = only.replace(/(\.onnx)?$/, '.min.onnx');
      writeFileSync(out, small);
      console.log(`fuzz: ${first.problems.join('; ')}\nfuzz: minimised ${bytes.length} → ${small.length} bytes: ${out}`);
      console.log(findingSnippet(path.basename(only).replace(/\.onnx$/, ''), first.problems.join('; ').slice(0, 200), small));
    }
    worker.kill();
    rmSync(work, { recursive: true, force: true });
    return;
  }

  const deadline = Date.now() + minutes * 60_000;
  const outcomes = {};
  const findings = new Map();
  let n = 0;
  let maxMs = 0;
  const batch = 1000;
  for (let start = from; Date.now() < deadline; start += batch) {
    for (const m of mutants(seed, batch, start)) {
      if (Date.now() >= deadline) break;
      const r = await runBytes(m.index, m.bytes);
      n++;
      maxMs = Math.max(maxMs, r.ms);
      const key = r.kind === 'report' ? 'report' : `${r.kind}:${r.code}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (r.problems.length === 0) continue;
      const sig = signature(r.problems);
      if (findings.has(sig)) {
        findings.get(sig).count++;
        continue;
      }
      console.log(`fuzz: FINDING #${m.index} (${m.seed}, ${m.how}): ${r.problems.join('; ')}`);
      const stillFails = async (b) => signature((await runBytes(-1, b)).problems) === sig;
      const small = await minimise(m.bytes, stillFails, 150);
      mkdirSync(outDir, { recursive: true });
      const id = `fuzz-${seed}-${m.index}`;
      writeFileSync(path.join(outDir, `${id}.onnx`), small);
      const note = `seed ${seed} #${m.index} (${m.seed}, ${m.how}): ${r.problems.join('; ')}`.slice(0, 300);
      findings.set(sig, { id, count: 1, note, snippet: findingSnippet(id, note, small), size: small.length });
    }
    if (n % 500 === 0 || Date.now() >= deadline) console.log(`fuzz: ${n} inputs, ${findings.size} findings, max ${Math.round(maxMs)} ms`);
  }
  worker.kill();
  rmSync(work, { recursive: true, force: true });
  console.log(`fuzz: done: ${n} inputs in ${minutes} min (seed ${seed}, from ${from}), max ${Math.round(maxMs)} ms per input`);
  console.log(`fuzz: outcomes ${JSON.stringify(outcomes)}`);
  if (findings.size === 0) {
    console.log('fuzz: no findings');
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const text = [...findings.values()].map((f) => `// ${f.count} hit(s), minimised to ${f.size} bytes\n${f.snippet}`).join('\n');
  writeFileSync(path.join(outDir, 'findings-snippets.ts.txt'), `${text}\n`);
  console.log(`fuzz: ${findings.size} finding(s); minimised inputs and generator entries in ${path.relative(process.cwd(), outDir) || outDir}`);
  process.exitCode = 1;
}
