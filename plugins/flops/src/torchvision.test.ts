/**
 * Issue #5 acceptance: torchvision classics exported by Debian's python3-torch + python3-torchvision
 * (random weights, eval mode, opset 13, input 1×3×224×224; ../test-fixtures/export_torchvision.py).
 * - MACs match torchvision's published figures within 0.5%. Torchvision's model docs list them in the
 *   GFLOPS column, computed by its `_ops` field (pytorch/vision, `torchvision/models/*.py`,
 *   `_meta["_ops"]`), which counts multiply-accumulates: resnet18 1.814, mobilenet_v2 0.301,
 *   vit_b_16 17.564 (Debian's torchvision 0.14 predates the field, so the numbers are hard-coded).
 * - params.total equals the float initializer elements the python `onnx` package counts in the file.
 * - In eval mode the exporter folds BatchNorm into the convolutions; the report must say so.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AnalysisTester, systemPython } from '@autodoc/core/testing';
import graph from '@autodoc/plugin-graph';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import opsOrt from '@autodoc/plugin-ops-ort';
import params from '@autodoc/plugin-params';
import shapes from '@autodoc/plugin-shapes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CostSection } from './cost-section.js';
import flops from './index.js';

/** Torchvision's published GMACs (`_ops`, the "GFLOPS" column of its model docs). */
const PUBLISHED_GMACS: Record<string, number> = { resnet18: 1.814, mobilenet_v2: 0.301, vit_b_16: 17.564 };
const TOLERANCE = 0.005;

interface Exported {
  path: string;
  opset: number;
  floatInitializerElements: number;
  torchParams: number;
  batchNormNodes: number;
  batchNormChannels: number;
  dedupedElements: number;
}
interface Report {
  cost: CostSection;
  params: { total: number; batchNormStatistics: number; notes: string[] };
}

const script = fileURLToPath(new URL('../test-fixtures/export_torchvision.py', import.meta.url));
const python = systemPython(['torch', 'torchvision', 'onnx']);
const tester = new AnalysisTester({ plugins: [opsOnnx, opsOrt, shapes, graph, params, flops] });

let dir = '';
let exported: Record<string, Exported> = {};
const reports = new Map<string, Report>();

async function reportOf(name: string): Promise<Report> {
  let r = reports.get(name);
  if (!r) {
    r = (await tester.analyze(exported[name].path)).report as unknown as Report;
    reports.set(name, r);
  }
  return r;
}

describe.skipIf(python.value === undefined)('torchvision classics (Debian torch 1.13 / torchvision 0.14 exports)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'autodoc-torchvision-'));
    // Three exports take minutes on a loaded 2-core machine; the script prints one JSON object.
    const { stdout } = await promisify(execFile)(python.value as string, [script, dir, ...Object.keys(PUBLISHED_GMACS)], {
      maxBuffer: 1 << 20,
      timeout: 1_500_000,
    });
    exported = (JSON.parse(stdout) as { models: Record<string, Exported> }).models;
  }, 1_600_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test.each(Object.keys(PUBLISHED_GMACS))(
    "%s: MACs within 0.5 percent of torchvision's published GMACs",
    async (name) => {
      const { cost } = await reportOf(name);
      expect(cost.complete).toBe(true);
      const ours = Number(cost.macs.total);
      const published = PUBLISHED_GMACS[name] * 1e9;
      console.info(
        `${name}: ${ours.toLocaleString('en-US')} MACs (opset ${exported[name].opset}) vs published ${PUBLISHED_GMACS[name]} G: ${(((ours - published) / published) * 100).toFixed(3)}%`,
      );
      expect(Math.abs(ours - published) / published).toBeLessThanOrEqual(TOLERANCE);
      // Only GEMM-like ops carry MACs (docs/definitions.md).
      const gemmLike = ['Conv', 'Gemm', 'MatMul'].reduce((sum, op) => sum + Number(cost.macs.byOpType[op]?.total ?? 0), 0);
      expect(gemmLike).toBe(ours);
    },
    180_000,
  );

  test.each(Object.keys(PUBLISHED_GMACS))(
    '%s: params.total equals the float initializer elements counted by python onnx',
    async (name) => {
      const p = (await reportOf(name)).params;
      console.info(
        `${name}: params.total ${p.total.toLocaleString('en-US')}, python onnx float initializer elements ${exported[name].floatInitializerElements.toLocaleString('en-US')}, torch parameters ${exported[name].torchParams.toLocaleString('en-US')}`,
      );
      expect(p.total).toBe(exported[name].floatInitializerElements);
      expect(p.batchNormStatistics).toBe(0);
    },
    180_000,
  );

  test.each(['resnet18', 'mobilenet_v2'])(
    '%s: BatchNorm was folded by the exporter, and the report says so',
    async (name) => {
      const e = exported[name];
      expect(e.batchNormNodes).toBe(0);
      // Folding drops BN weight and bias (2 per channel) and gives the bias-less conv before each BN a
      // bias (1 per channel); the exporter then stores identical tensors once (with fresh statistics
      // every folded bias is zeros). torch − 2·BN + BN − deduplicated = what the file stores.
      console.info(
        `${name}: torch ${e.torchParams} − 2·${e.batchNormChannels} + ${e.batchNormChannels} − ${e.dedupedElements} deduplicated = ${e.floatInitializerElements}`,
      );
      expect(e.torchParams - e.batchNormChannels - e.dedupedElements).toBe(e.floatInitializerElements);
      const { notes } = (await reportOf(name)).params;
      expect(notes.some((n) => /folded BatchNorm into the conv weights/.test(n))).toBe(true);
    },
    180_000,
  );

  test('vit_b_16 has no BatchNorm, so no folding note', async () => {
    const { notes } = (await reportOf('vit_b_16')).params;
    expect(notes.some((n) => /folded BatchNorm/.test(n))).toBe(false);
    // The file stores fewer elements than torch only because equal initializers are stored once.
    const e = exported.vit_b_16;
    expect(e.batchNormChannels).toBe(0);
    expect(e.torchParams - e.dedupedElements).toBe(e.floatInitializerElements);
  }, 180_000);
});
