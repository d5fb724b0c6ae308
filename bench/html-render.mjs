#!/usr/bin/env node
/**
 * Benchmark (not a test): renders the HTML report of a synthetic N-node model (default 100,000) and
 * prints render time and output size. Targets (issue #7): < 10 s and < 50 MB for 100k nodes.
 * Only the HTML render is timed; the analysis before it is reported separately.
 *
 * Usage: npm run build && node bench/html-render.mjs [nodes]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { analyzeModel, defaultRunOptions, resolvePlugins } from '@autodoc/core';
import { chain } from '@autodoc/core/testing';
import htmlPlugin, { htmlFormat } from '@autodoc/format-html';
import flops from '@autodoc/plugin-flops';
import graph from '@autodoc/plugin-graph';
import memory from '@autodoc/plugin-memory';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import params from '@autodoc/plugin-params';
import shapes from '@autodoc/plugin-shapes';

const nodes = Number(process.argv[2] ?? 100_000);
const dir = await mkdtemp(path.join(os.tmpdir(), 'autodoc-bench-html-'));
try {
  const file = path.join(dir, `chain-${nodes}.onnx`);
  await chain(nodes, ['Add', 'Mul', 'Relu']).write(file);
  const config = { plugins: [opsOnnx, shapes, graph, params, flops, memory, htmlPlugin] };
  const t0 = performance.now();
  const { report, run } = await analyzeModel(file, await resolvePlugins(config, process.cwd()), config, defaultRunOptions({ bindings: { batch: 1 } }));
  const t1 = performance.now();
  const html = await htmlFormat.render(report, {
    options: {},
    sections: run.sections,
    template: () => undefined,
    renderFormat: () => Promise.reject(new Error('unused')),
  });
  const t2 = performance.now();
  const bytes = Buffer.byteLength(html);
  const mb = bytes / 1e6;
  const seconds = (t2 - t1) / 1000;
  console.log(
    JSON.stringify({
      nodes,
      analyzeSeconds: +((t1 - t0) / 1000).toFixed(2),
      renderSeconds: +seconds.toFixed(2),
      htmlMB: +mb.toFixed(2),
      withinTargets: seconds < 10 && mb < 50,
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
