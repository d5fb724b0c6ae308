/**
 * readModel against the shared corpus: every node-test model, the light CNNs and the symbolic exports
 * load, and their structure matches the corpus JSON (generated independently with Python onnx).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataTypeName } from './dtypes.js';
import { readModel } from './read-model.js';
import type { OnnxGraph, OnnxModel, OnnxType } from './types.js';

const dir = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const hasCorpus = existsSync(path.join(dir, 'README.md'));
if (!hasCorpus) console.warn(`corpus absent: ${dir} not found, ONNX reader corpus tests skipped`);

const json = <T>(rel: string): T => JSON.parse(readFileSync(path.join(dir, rel), 'utf8')) as T;

type Shape = (number | string | null)[] | null;
interface IoRecord {
  name: string;
  kind?: string;
  dtype?: string;
  shape?: Shape;
  declared?: { dtype?: string; shape?: Shape; kind?: string };
}
interface NodeTest {
  model: string;
  nodes: number;
  nodesIncludingSubgraphs?: number;
  irVersion: number;
  opsetImports: Record<string, number>;
  inputs: IoRecord[];
  outputs: IoRecord[];
}

/** Inputs that are not initializers (the corpus lists only those). */
function feedInputs(g: OnnxGraph): string[] {
  const inits = new Set(g.initializers.map((t) => t.name));
  return g.inputs.filter((v) => !inits.has(v.name)).map((v) => v.name);
}

function countNodes(g: OnnxGraph): number {
  let n = g.nodes.length;
  for (const node of g.nodes) {
    for (const a of node.attributes) {
      if (a.g) n += countNodes(a.g);
      for (const sg of a.graphs ?? []) n += countNodes(sg);
    }
  }
  return n;
}

/** The corpus' declared (dtype, shape) of a tensor record, or undefined for non-tensors. */
function declaredOf(r: IoRecord): { dtype: string; shape: Shape } | undefined {
  if (r.kind !== undefined || r.declared?.kind !== undefined) return undefined;
  if (r.declared) return r.declared.dtype === undefined ? undefined : { dtype: r.declared.dtype, shape: r.declared.shape ?? null };
  return r.dtype === undefined ? undefined : { dtype: r.dtype, shape: r.shape ?? null };
}

function checkTensorType(type: OnnxType | undefined, r: IoRecord, where: string): void {
  const want = declaredOf(r);
  if (!want) return;
  expect(type?.kind, where).toBe('tensor');
  if (type?.kind !== 'tensor') return;
  expect(dataTypeName(type.elemType), where).toBe(want.dtype);
  expect(type.shape ?? null, where).toEqual(want.shape);
}

describe.skipIf(!hasCorpus)('readModel on the node-test corpus', () => {
  const tests = hasCorpus ? json<Record<string, NodeTest>>('node-tests.json') : {};
  const names = Object.keys(tests);

  it(`loads all ${names.length} node-test models with the recorded structure`, async () => {
    expect(names.length).toBe(1802); // README: 1,802 operator tests
    let withSubgraphs = 0;
    for (const name of names) {
      const t = tests[name];
      let model: OnnxModel;
      try {
        model = await readModel(path.join(dir, t.model));
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
      const g = model.graph;
      expect(g.nodes.length, name).toBe(t.nodes);
      if (t.nodesIncludingSubgraphs !== undefined) {
        withSubgraphs++;
        expect(countNodes(g), name).toBe(t.nodesIncludingSubgraphs);
      }
      expect(model.irVersion, name).toBe(t.irVersion);
      expect({ ...model.opsetImports }, name).toEqual(t.opsetImports);
      expect(feedInputs(g), name).toEqual(t.inputs.map((i) => i.name));
      expect(
        g.outputs.map((o) => o.name),
        name,
      ).toEqual(t.outputs.map((o) => o.name));
      const byName = new Map(g.inputs.map((v) => [v.name, v]));
      for (const r of t.inputs) checkTensorType(byName.get(r.name)?.type, r, `${name} input ${r.name}`);
      for (const [i, r] of t.outputs.entries()) checkTensorType(g.outputs[i].type, r, `${name} output ${r.name}`);
      expect(model.warnings, name).toEqual([]);
    }
    expect(withSubgraphs).toBe(49); // records carrying nodesIncludingSubgraphs
  }, 120_000);
});

interface LightTest {
  model: string;
  bytes: number;
  nodes: number;
  initializers: number;
  irVersion: number;
  producer: string;
  opsetImports: Record<string, number>;
  opHistogram: Record<string, number>;
}

describe.skipIf(!hasCorpus)('readModel on the light CNNs', () => {
  const tests = hasCorpus ? json<Record<string, LightTest>>('light-tests.json') : {};
  for (const [name, t] of Object.entries(tests)) {
    it(name, async () => {
      const model = await readModel(path.join(dir, t.model));
      expect(model.fileBytes).toBe(t.bytes);
      expect(model.graph.nodes.length).toBe(t.nodes);
      expect(model.graph.initializers.length).toBe(t.initializers);
      expect(model.irVersion).toBe(t.irVersion);
      expect(model.producerName).toBe(t.producer);
      expect({ ...model.opsetImports }).toEqual(t.opsetImports);
      const histogram: Record<string, number> = {};
      for (const n of model.graph.nodes) histogram[n.opType] = (histogram[n.opType] ?? 0) + 1;
      expect(histogram).toEqual(t.opHistogram);
      // Every initializer's payload lies inside the file.
      for (const init of model.graph.initializers) {
        if (init.payload) expect(init.payload.offset + init.payload.length).toBeLessThanOrEqual(t.bytes);
      }
    });
  }
});

interface SymbolicIndex {
  models: Record<
    string,
    { model: string; nodes: number; opset: number; inputs: { name: string; dtype: string; shape: (number | string)[] }[]; outputs: { name: string }[] }
  >;
}

describe.skipIf(!hasCorpus)('readModel on the symbolic exports', () => {
  const index = hasCorpus ? json<SymbolicIndex>('symbolic/index.json') : { models: {} };
  for (const [name, m] of Object.entries(index.models)) {
    it(`${name}: node count and declared input shapes with dim_params`, async () => {
      const model = await readModel(path.join(dir, m.model));
      expect(model.graph.nodes.length).toBe(m.nodes);
      expect(model.opsetImports['ai.onnx']).toBe(m.opset);
      expect(feedInputs(model.graph)).toEqual(m.inputs.map((i) => i.name));
      expect(model.graph.outputs.map((o) => o.name)).toEqual(m.outputs.map((o) => o.name));
      for (const want of m.inputs) {
        const v = model.graph.inputs.find((i) => i.name === want.name);
        expect(v?.type).toEqual({ kind: 'tensor', elemType: expect.any(Number), shape: want.shape });
        if (v?.type?.kind === 'tensor') expect(dataTypeName(v.type.elemType)).toBe(want.dtype);
      }
    });
  }
});

describe.skipIf(!hasCorpus)('chunked reads give the same model as one window', () => {
  it('every corpus model decodes identically with 64-byte windows (the real CNNs and exports also with 1000)', async () => {
    const small = Object.values(json<Record<string, { model: string }>>('node-tests.json')).map((t) => t.model);
    const large = [
      ...Object.values(json<Record<string, { model: string }>>('light-tests.json')).map((t) => t.model),
      ...Object.values(json<SymbolicIndex>('symbolic/index.json').models).map((t) => t.model),
    ];
    for (const rel of [...small, ...large]) {
      const p = path.join(dir, rel);
      const whole = await readModel(p);
      expect(await readModel(p, { chunkBytes: 64 }), rel).toEqual(whole);
      if (large.includes(rel)) expect(await readModel(p, { chunkBytes: 1000 }), rel).toEqual(whole);
    }
  }, 300_000);
});
