/**
 * Issue #5 acceptance, MACs against the public corpus (../shared/corpus, recorded outside the project):
 * - symbolic/: the MAC expression of Conv/Gemm/MatMul, read from an analysis without bindings,
 *   evaluates to the recorded total (ONNX Runtime shapes, confirmed by torch forward hooks) at
 *   `binding`, and at `bindingAlt` to a count worked out here from the corpus' own ONNX Runtime shapes
 *   (`tensors[*].concreteAlt`) with the corpus README's MAC formulas; with the binding given as
 *   `--dim`, `total` is the recorded figure and every node's MACs are the recorded per-node MACs.
 * - light-tests.json: MACs at the static 1×3×224×224 input equal the recorded figures.
 * Only GEMM-like ops have MACs (docs/definitions.md), so the grand total must equal too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dims } from '@autodoc/core';
import { AnalysisTester } from '@autodoc/core/testing';
import flops from '@autodoc/plugin-flops';
import graph from '@autodoc/plugin-graph';
import memory from '@autodoc/plugin-memory';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import opsOrt from '@autodoc/plugin-ops-ort';
import params from '@autodoc/plugin-params';
import shapes from '@autodoc/plugin-shapes';
import { describe, expect, test } from 'vitest';
import type { CostSection } from './cost-section.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const hasCorpus = existsSync(`${corpus}symbolic/index.json`) && existsSync(`${corpus}light-tests.json`);
if (!hasCorpus) console.warn('corpus absent: ../shared/corpus (symbolic/, light-tests.json) — corpus MAC tests skipped');

const tester = new AnalysisTester({ plugins: [opsOnnx, opsOrt, shapes, graph, params, flops, memory] });
const GEMM_LIKE = ['Conv', 'ConvTranspose', 'Gemm', 'MatMul'];

interface Layer {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
  macs: number | string | null;
}
interface Analysis {
  cost: CostSection;
  layers: Layer[];
}
interface PerNode {
  node: string;
  op: string;
  inputShapes: number[][];
  outputShape: number[];
  macs: number;
}
interface SymbolicRecord {
  binding: Record<string, number>;
  bindingAlt: Record<string, number>;
  macs: { total: number; byOpType: Record<string, number>; torchHooks: number; perNode: PerNode[] };
  tensors: Record<string, { concrete: number[]; concreteAlt: number[] }>;
}

async function analyze(file: string, bindings: Record<string, number> = {}): Promise<Analysis> {
  return (await tester.analyze(file, { bindings })).report as unknown as Analysis;
}

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The corpus README's MAC formulas, from shapes only. */
function macsOf(op: string, inputs: readonly number[][], output: readonly number[]): number {
  switch (op) {
    case 'Conv':
      return (numel(output) * numel(inputs[1])) / inputs[1][0]; // elements(Y) × elements(W) / W.shape[0]
    case 'ConvTranspose':
      return (numel(inputs[0]) * numel(inputs[1])) / inputs[1][0];
    case 'MatMul':
      return numel(output) * inputs[0][inputs[0].length - 1]; // elements(Y) × A.shape[-1]
    case 'Gemm':
      return (numel(output) * numel(inputs[1])) / output[output.length - 1]; // elements(Y) × K
    default:
      throw new Error(`no MAC formula for ${op}`);
  }
}

/**
 * MACs at `bindingAlt`, from the corpus alone: each recorded GEMM-like node, its inputs' and output's
 * ONNX Runtime shapes at the alternative binding (`concreteAlt`). Initializers are not in `tensors`;
 * their shapes do not depend on the binding, so the recorded `inputShapes` stand. The node's input
 * names come from the file's structure (the report's layers), not from any computed figure.
 */
function altMacs(rec: SymbolicRecord, layers: readonly Layer[]): { total: number; byOpType: Record<string, number> } {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const byOpType: Record<string, number> = {};
  let total = 0;
  for (const n of rec.macs.perNode) {
    const layer = byName.get(n.node);
    if (!layer) throw new Error(`node ${n.node} is not in the report's layers`);
    const inputs = n.inputShapes.map((shape, i) => rec.tensors[layer.inputs[i]]?.concreteAlt ?? shape);
    const output = rec.tensors[layer.outputs[0]].concreteAlt;
    const macs = macsOf(n.op, inputs, output);
    byOpType[n.op] = (byOpType[n.op] ?? 0) + macs;
    total += macs;
  }
  return { total, byOpType };
}

const at = (expression: string | null, binding: Record<string, number>) => (expression === null ? undefined : dims.evaluate(dims.parse(expression), binding));

const symbolicModels = hasCorpus ? Object.keys(JSON.parse(readFileSync(`${corpus}symbolic/index.json`, 'utf8')).models as Record<string, unknown>) : [];

describe.skipIf(!hasCorpus)('symbolic corpus: Conv/Gemm/MatMul MACs', () => {
  test.each(symbolicModels)('%s: the MAC expression evaluates to the recorded MACs at binding and bindingAlt', async (name) => {
    const rec = JSON.parse(readFileSync(`${corpus}symbolic/${name}.json`, 'utf8')) as SymbolicRecord;
    const report = await analyze(`${corpus}symbolic/${name}.onnx`);
    const { macs } = report.cost;
    expect(report.cost.complete).toBe(true);
    expect(macs.total).toBeNull(); // symbols unbound: the figure is the expression
    expect(rec.macs.total).toBe(rec.macs.torchHooks); // the corpus' two independent counts agree
    const alt = altMacs(rec, report.layers);

    // Total (only GEMM-like ops have MACs) and each GEMM-like op type, at both bindings.
    expect(at(macs.expression, rec.binding)).toBe(rec.macs.total);
    expect(at(macs.expression, rec.bindingAlt)).toBe(alt.total);
    for (const op of GEMM_LIKE) {
      const expr = macs.byOpType[op]?.expression ?? '0';
      expect(at(expr, rec.binding), `${op} at binding`).toBe(rec.macs.byOpType[op] ?? 0);
      expect(at(expr, rec.bindingAlt), `${op} at bindingAlt`).toBe(alt.byOpType[op] ?? 0);
    }
    // No other op type carries MACs.
    for (const [op, figure] of Object.entries(macs.byOpType)) if (!GEMM_LIKE.includes(op)) expect(figure.expression, op).toBe('0');
  });

  test.each(symbolicModels)('%s: with the binding as --dim, total and every node equal the recorded MACs', async (name) => {
    const rec = JSON.parse(readFileSync(`${corpus}symbolic/${name}.json`, 'utf8')) as SymbolicRecord;
    const report = await analyze(`${corpus}symbolic/${name}.onnx`, rec.binding);
    expect(report.cost.macs.total).toBe(rec.macs.total);
    for (const op of GEMM_LIKE) expect(report.cost.macs.byOpType[op]?.total ?? 0, op).toBe(rec.macs.byOpType[op] ?? 0);
    const byName = new Map(report.layers.map((l) => [l.name, l]));
    const wrong = rec.macs.perNode.filter((n) => byName.get(n.node)?.macs !== n.macs).map((n) => `${n.node}: ${byName.get(n.node)?.macs} vs ${n.macs}`);
    expect(wrong).toEqual([]);
  });

  test.skipIf(!hasCorpus)('tiny_cnn_dynhw: spatial MACs need floor terms of height and width', async () => {
    const report = await analyze(`${corpus}symbolic/tiny_cnn_dynhw.onnx`);
    const expr = report.cost.macs.expression ?? '';
    expect(dims.symbols(dims.parse(expr)).sort()).toEqual(['batch', 'height', 'width']);
    // Conv output sizes are floor((H + 2p − k)/s) + 1: the stem's stride-2 conv alone gives floor(…/2).
    expect(expr).toMatch(/floor\(\(height [-+] \d+\)\/2\)/);
    expect(expr).toMatch(/floor\(\(width [-+] \d+\)\/2\)/);
  });
});

interface LightRecord {
  model: string;
  macs: number;
  macsByOpType: Record<string, number>;
}
const lightTests = hasCorpus ? (JSON.parse(readFileSync(`${corpus}light-tests.json`, 'utf8')) as Record<string, LightRecord>) : {};

describe.skipIf(!hasCorpus)('light corpus: MACs of real CNNs at 1×3×224×224', () => {
  test.each(Object.keys(lightTests))('%s: MACs equal the recorded figures', async (name) => {
    const rec = lightTests[name];
    const { cost } = await analyze(`${corpus}${rec.model}`);
    expect(cost.complete).toBe(true);
    expect(cost.macs.total).toBe(rec.macs);
    for (const op of GEMM_LIKE) expect(cost.macs.byOpType[op]?.total ?? 0, op).toBe(rec.macsByOpType[op] ?? 0);
  });
});
