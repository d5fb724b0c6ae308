/**
 * Target checks and the Markdown of bench/RESULTS.md, from the results object that run.mjs collects.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Aligns the tables of generated Markdown files with the repository's formatter (biome), when installed. */
export function formatMarkdown(files) {
  const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
  if (existsSync(biome)) spawnSync(biome, ['format', '--write', ...files], { stdio: 'ignore' });
}

/** Peer figures from issue #10, measured earlier on this machine class (quoted, not re-measured). */
export const REFERENCES = [
  ['GPT-2-medium (1.6 GB)', 'Python onnx.load', '~3 s', '3.1 GB'],
  ['GPT-2-medium (1.6 GB)', 'onnx infer_shapes', '~12 s', '7.8 GB'],
  ['GPT-2-medium (1.6 GB)', 'onnxruntime-node session', '~3.7 s', '2.6 GB'],
  ['GPT-2-medium (1.6 GB)', 'Netron', '~3.1 s', '2.4 GB'],
  ['GPT-2-medium (1.6 GB)', 'node payload-skipping scan', '~0.1 s', '52 MB'],
  ['1M nodes', 'onnx infer_shapes_path', '~4.6 s', '1.1 GB'],
  ['1M nodes', 'Netron', '~9.8 s', '1.9 GB'],
  ['1M nodes', 'onnxruntime', '~217 s', '—'],
  ['100k nodes', 'onnx-tool', 'does not finish in 300 s', '—'],
];

const s = (x) => (x === undefined ? '—' : x < 10 ? x.toFixed(3) : x.toFixed(1));
const mb = (x) => (x === undefined ? '—' : x.toFixed(0));
const verdict = (pass) => (pass === undefined ? 'n/a' : pass ? '**pass**' : '**FAIL**');

/** Finds a tool's result in a model's results. */
function tool(m, id) {
  return m.tools.find((t) => t.id === id);
}

/** Whether `t` measured successfully (all runs ok). */
function ok(t) {
  return t && t.available !== false && t.okRuns > 0;
}

/**
 * The issue's targets for one model: `[{ what, target, measured, pass, cpuPass }]`. `pass` uses the
 * median wall time as the issue asks; `cpuPass` the same check with CPU time (user + system) in place of
 * wall time, which tells what an unloaded machine would likely show. Either is undefined when the
 * figure could not be measured (a missing tool), false on a failed or timed-out run.
 */
export function checks(model, m) {
  const t = model.targets;
  const out = [];
  const full = tool(m, 'autodoc');
  const limit = (what, r, wall, rss) => {
    const measured = ok(r) ? `${s(r.wall)} s (CPU ${s(r.cpu)} s), ${mb(r.rssMB)} MB` : (r?.status ?? 'not run');
    const judge = (k) => (ok(r) ? r[k] <= wall && r.rssMB <= rss : r?.status ? false : undefined);
    out.push({ what, target: `≤ ${wall} s, ≤ ${rss} MB`, measured, pass: judge('wall'), cpuPass: judge('cpu') });
  };
  limit('autodoc analyze --json', full, t.wall, t.rss);
  if (t.summaryWall) limit('autodoc analyze --json --summary', tool(m, 'autodoc-summary'), t.summaryWall, t.summaryRss);
  // Issue #4: shapes of a 1M-node graph, beside Python's infer_shapes_path in the same run.
  if (t.shapesWall) limit('autodoc shapes only (issue #4)', tool(m, 'autodoc-shapes'), t.shapesWall, t.shapesRss);
  if (t.peerFactor) {
    const k = t.peerFactor;
    for (const p of m.tools.filter((x) => x.group === 'peer')) {
      const what = `≥ ${k}× faster and ≥ ${k}× less memory than ${p.label}`;
      if (p.available === false) {
        out.push({ what, target: `≥ ${k}× / ≥ ${k}×`, measured: `not measured: ${p.reason}`, pass: undefined, cpuPass: undefined });
        continue;
      }
      const both = ok(p) && ok(full);
      // A peer that times out is slower than any limit; autodoc still has to have finished.
      const timedOut = p.status === 'timeout' && ok(full);
      const judge = (key) => (timedOut ? true : both ? p[key] / full[key] >= k && p.rssMB / full.rssMB >= k : false);
      const measured = timedOut
        ? 'peer timed out'
        : both
          ? `wall ${(p.wall / full.wall).toFixed(1)}× (CPU ${(p.cpu / full.cpu).toFixed(1)}×) / RSS ${(p.rssMB / full.rssMB).toFixed(1)}×`
          : (p.status ?? 'n/a');
      out.push({ what, target: `≥ ${k}× / ≥ ${k}×`, measured, pass: judge('wall'), cpuPass: judge('cpu') });
    }
  }
  if (t.floorFactor) {
    const f = tool(m, 'floor-scan');
    const both = ok(f) && ok(full);
    const judge = (key) => (both ? full[key] / f[key] <= t.floorFactor : false);
    out.push({
      what: 'within the bare-scan floor',
      target: `≤ ${t.floorFactor}× floor-scan`,
      measured: both ? `wall ${(full.wall / f.wall).toFixed(1)}× (CPU ${(full.cpu / f.cpu).toFixed(1)}×)` : 'n/a',
      pass: judge('wall'),
      cpuPass: judge('cpu'),
    });
  }
  if (t.dataNeverRead) {
    const tr = m.trace;
    const pass = tr ? tr.bytes === 0 && tr.status === 'ok' : undefined;
    out.push({
      what: 'the external-data file is never read (strace)',
      target: '0 bytes read',
      measured: tr ? `${tr.opens} opens, ${tr.reads} reads, ${tr.bytes} bytes (autodoc ${tr.status})` : 'strace not installed',
      pass,
      cpuPass: pass,
    });
  }
  return out;
}

/** The scaling check: the 1M-node run takes ≤ 12× the 100k-node run. */
export function scaling(results) {
  const a = results.models.find((m) => m.id === 'chain-100k');
  const b = results.models.find((m) => m.id === 'chain-1m');
  if (!a || !b) return [];
  return ['autodoc', 'autodoc-summary'].map((id) => {
    const x = tool(a, id);
    const y = tool(b, id);
    const both = ok(x) && ok(y);
    const measured = both
      ? `${s(y.wall)} s / ${s(x.wall)} s = ${(y.wall / x.wall).toFixed(1)}× (CPU ${(y.cpu / x.cpu).toFixed(1)}×)`
      : `1M: ${y?.status ?? 'n/a'}, 100k: ${x?.status ?? 'n/a'}`;
    const judge = (key) => (both ? y[key] / x[key] <= 12 : false);
    return { what: `${(x?.label ?? id).replace(/\*/g, '')}: 1M / 100k`, target: '≤ 12×', measured, pass: judge('wall'), cpuPass: judge('cpu') };
  });
}

/** The startup check: `autodoc --version` ≤ 100 ms over bare `node -e 0`. */
export function startupCheck(startup) {
  const n = tool(startup, 'node');
  const v = tool(startup, 'version');
  const both = ok(n) && ok(v);
  const judge = (key) => (both ? v[key] - n[key] <= 0.1 : false);
  const measured = both ? `${s(v.wall)} − ${s(n.wall)} = ${s(v.wall - n.wall)} s (CPU ${s(v.cpu - n.cpu)} s)` : 'n/a';
  return [{ what: 'autodoc --version over node -e 0', target: '≤ 0.100 s', measured, pass: judge('wall'), cpuPass: judge('cpu') }];
}

function checkTable(rows) {
  return [
    '| check | target | measured | result (wall) | with CPU time for wall |',
    '|---|---|---|---|---|',
    ...rows.map((c) => `| ${c.what} | ${c.target} | ${c.measured} | ${verdict(c.pass)} | ${verdict(c.cpuPass)} |`),
  ];
}

function toolTable(m, baseId = 'autodoc', baseName = 'autodoc') {
  const base = tool(m, baseId);
  const lines = [
    `| tool | median wall s | min–max s | median CPU s (user+sys) | peak RSS MB (median) | runs ok | wall / ${baseName} | RSS / ${baseName} | status |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const t of m.tools) {
    if (t.available === false) {
      lines.push(`| ${t.label} | — | — | — | — | — | — | — | not measured: ${t.reason} |`);
      continue;
    }
    const rel = (a, b) => (ok(t) && ok(base) && t !== base ? `${a / b >= 10 ? (a / b).toFixed(0) : (a / b).toPrecision(2)}×` : '—');
    const status = t.status === 'ok' ? 'ok' : `${t.status}${t.detail ? `: ${t.detail.replace(/\|/g, '\\|')}` : ''}`;
    lines.push(
      `| ${t.label} | ${s(t.wall)} | ${ok(t) ? `${s(t.wallMin)}–${s(t.wallMax)}` : '—'} | ${s(t.cpu)} | ${mb(t.rssMB)} | ${t.okRuns}/${t.runs} | ${rel(t.wall, base?.wall)} | ${rel(t.rssMB, base?.rssMB)} | ${status} |`,
    );
  }
  return lines;
}

/** The whole RESULTS.md. */
export function renderMarkdown(results, models) {
  const mc = results.machine;
  const all = [];
  const perModel = [];
  for (const m of results.models) {
    const model = models.find((x) => x.id === m.id);
    const c = checks(model, m);
    all.push(...c.map((x) => ({ ...x, what: `${m.id}: ${x.what}` })));
    const size = `${(m.fileBytes / 1e6).toFixed(1)} MB${m.dataBytes ? ` + ${(m.dataBytes / 1e9).toFixed(2)} GB external data` : ''}`;
    perModel.push(`### ${m.id} — ${model.title}`, '', `File: \`bench/.models/${model.file}\`, ${size}.`, '', ...toolTable(m), '', ...checkTable(c), '');
  }
  const sc = scaling(results);
  const st = results.startup ? startupCheck(results.startup) : [];
  all.push(...sc.map((x) => ({ ...x, what: `scaling: ${x.what}` })), ...st.map((x) => ({ ...x, what: `startup: ${x.what}` })));
  const missing = results.missing.map((x) => `- ${x}`);
  return [
    '# Benchmark results (issue #10)',
    '',
    `Recorded ${results.date} with \`${results.command}\`${results.command.startsWith('npm') ? '' : ' (no rebuild: on the build present at the time)'}. Regenerate with \`npm run bench\` (models are generated into`,
    '`bench/.models/` on first use; `--quick` does 1 run each and skips the 2.9 GB and 1M-node models; `--only <model>`).',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${mc.cpu} |`,
    `| cores | ${mc.cores} |`,
    `| RAM | ${mc.ramGB} GB |`,
    `| OS | ${mc.os} |`,
    `| Node | ${mc.node} |`,
    `| Python onnx | ${mc.onnx} |`,
    `| onnxruntime-node | ${mc.ort} |`,
    `| load average (1 min) at start / end | ${mc.loadStart} / ${mc.loadEnd} |`,
    ...(mc.touchMsPer100MB ? [`| first touch of fresh memory (bench/floor-touch.mjs) | ${mc.touchMsPer100MB} ms per 100 MB |`] : []),
    '',
    'The machine is shared: other jobs ran during the benchmark (see the load average), so figures are noisy and',
    'are upper bounds for an idle machine. All tools ran side by side in this one run on the same files.',
    ...(mc.touchMsPer100MB
      ? [`Memory costs time: the first touch of fresh pages makes a tool's peak RSS add about ${mc.touchMsPer100MB} ms per 100 MB to its wall time here.`]
      : []),
    '',
    '## Method',
    '',
    `Each tool runs ${results.runs} time(s) as a fresh process per model (a timed-out tool is not retried)${
      results.order === 'rounds'
        ? ', in rounds: each round runs every tool of the model once, in the order of the table, so a slow phase of the machine falls on all tools alike'
        : ''
    }; the table`,
    'gives the median wall time (monotonic clock around the spawn, stdout to /dev/null), the median CPU time (user +',
    'system of the process tree; on a loaded machine wall time exceeds it), and the median of the per-run',
    `peak RSS (${results.rssMethod}). Targets are checked against the median wall time ("result (wall)"); the last`,
    'column repeats each check with CPU time in place of wall time, a hint of what an unloaded machine would show.',
    `Timeout ${results.timeoutS} s per run. Runs of one model follow each other,`,
    'so the file is in the page cache (floor-read runs first and warms it). Floors: `floor-read` reads every byte of',
    'the model file (not external data); `floor-scan` decodes ModelProto → GraphProto → nodes and initializer',
    'headers and skips payloads. autodoc is `node cli/bin/autodoc.js analyze <model> --json > /dev/null` on the',
    `built bundles (\`bundle/\`)${results.guards ? `, with \`${results.guards}\` appended (autodoc's time budget raised so that the bench's timeout decides)` : ''}.`,
    '"wall / autodoc" and "RSS / autodoc" compare with the full `analyze --json` row.',
    ...(results.rebuiltDuringRun
      ? ['', '**Warning: the built packages (`bundle/`, `dist/`) changed during this run** (other work rebuilt them), so rows may come from different builds.']
      : []),
    '',
    '## All targets',
    '',
    ...checkTable(all),
    '',
    '## Per model',
    '',
    ...perModel,
    '## Startup',
    '',
    ...(results.startup ? [...toolTable(results.startup, 'node', 'node'), '', ...checkTable(st)] : ['Not run (--only).']),
    '',
    '## Several models in one process',
    '',
    'Not a target of issue #10: `autodoc analyze a.onnx b.onnx …` analyses its models one after the other in one process',
    "(docs/guide/large-models.md, \"Many models\"), against one process per model; the process tree's CPU time and peak RSS.",
    '',
    ...(results.several?.length
      ? results.several.flatMap((b) => [`### ${b.title}`, '', ...toolTable(b, 'one-process', 'one process'), ''])
      : ['Not run (--only, or fewer than two of its models).', '']),
    '## Scaling',
    '',
    ...(sc.length ? checkTable(sc) : ['Not run: needs both chain-100k and chain-1m.']),
    '',
    '## Reference figures (quoted from issue #10, measured earlier on this machine class; not re-measured)',
    '',
    'Netron and onnx-tool do not install here; their figures are references only.',
    '',
    '| model | tool | wall | peak RSS |',
    '|---|---|---|---|',
    ...REFERENCES.map((r) => `| ${r.join(' | ')} |`),
    '',
    '## Not measured',
    '',
    ...(missing.length ? missing : ['- nothing']),
    '',
    ...(results.notes?.length ? ['## Notes on this run', '', ...results.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
}
