/**
 * Range's ONNX function body, built with ModelBuilder: the trip count is float scalar arithmetic
 * `Cast<INT64>(Relu(Ceil(Cast<FLOAT>(limit − start) / Cast<FLOAT>(delta))))` and a Loop whose scan
 * output collects `start + i·delta`. The output length is worked by hand from the spec's
 * `max(ceil((limit − start) / delta), 0)`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph, dims, type Dim, type OpRegistry, readModel } from '@autodoc/core';
import { ModelBuilder } from '@autodoc/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inferShapes } from './infer-shapes.js';
import { fullRegistry } from './op-packs.test.js';

let dir: string;
let registry: OpRegistry;
let count = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'autodoc-range-'));
  registry = await fullRegistry();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TO = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9, DOUBLE: 11 } as const;

/** Range(start, limit, delta) expanded as ONNX's function body does, for scalars of `dtype`. */
function rangeExpanded(dtype: 'FLOAT' | 'INT32' | 'DOUBLE'): ModelBuilder {
  const b = new ModelBuilder({ opset: 21 });
  const start = b.input('start', dtype, []);
  const limit = b.input('limit', dtype, []);
  const delta = b.input('delta', dtype, []);
  const [sub] = b.node('Sub', [limit, start], { outputs: ['sub'] });
  const [subF] = b.node('Cast', [sub], { attrs: { to: TO.FLOAT }, outputs: ['sub_f'] });
  const [deltaF] = b.node('Cast', [delta], { attrs: { to: TO.FLOAT }, outputs: ['delta_f'] });
  const [div] = b.node('Div', [subF, deltaF], { outputs: ['div'] });
  const [ceil] = b.node('Ceil', [div], { outputs: ['ceil'] });
  const [relu] = b.node('Relu', [ceil], { outputs: ['relu'] });
  const [trip] = b.node('Cast', [relu], { attrs: { to: TO.INT64 }, outputs: ['trip'] });
  const [cond] = b.node('Cast', [trip], { attrs: { to: TO.BOOL }, outputs: ['cond'] });
  const body = b.subgraph((g) => {
    g.input('i', 'INT64', []);
    g.input('c', 'BOOL', []);
    g.input('prev', dtype, []);
    g.node('Identity', ['c'], { outputs: ['c_out'] });
    g.node('Add', ['prev', 'delta'], { outputs: ['current'] });
    g.node('Identity', ['prev'], { outputs: ['range'] });
    g.output('c_out');
    g.output('current');
    g.output('range');
  });
  b.node('Loop', [trip, cond, start], { attrs: { body }, outputs: ['last', 'output'] });
  b.output('output');
  return b;
}

async function outputShape(b: ModelBuilder, values?: Record<string, number>): Promise<readonly Dim[] | undefined> {
  const path = join(dir, `range${count++}.onnx`);
  writeFileSync(path, b.toBytes());
  const model = await readModel(path);
  const graph = buildGraph(model.graph, []);
  const inputValues = values ? new Map(Object.entries(values).map(([k, v]) => [k, [v]])) : undefined;
  await inferShapes(graph, model, registry, inputValues ? { inputValues } : {});
  const t = graph.values.get('output')?.type;
  return t?.kind === 'tensor' ? t.shape : undefined;
}

describe("Range's expanded function body", () => {
  test('FLOAT 1 → 5 step 2: ceil(4 / 2) = 2 elements', async () => {
    expect(await outputShape(rangeExpanded('FLOAT'), { start: 1, limit: 5, delta: 2 })).toEqual([2]);
  });
  test('FLOAT 0 → 10 step 3: ceil(10 / 3) = ceil(3.33…) = 4 elements', async () => {
    expect(await outputShape(rangeExpanded('FLOAT'), { start: 0, limit: 10, delta: 3 })).toEqual([4]);
  });
  test('INT32 10 → 4 step −3: ceil(−6 / −3) = 2 elements', async () => {
    expect(await outputShape(rangeExpanded('INT32'), { start: 10, limit: 4, delta: -3 })).toEqual([2]);
  });
  test('DOUBLE 0.5 → 2 step 0.25: ceil(1.5 / 0.25) = 6 elements', async () => {
    expect(await outputShape(rangeExpanded('DOUBLE'), { start: 0.5, limit: 2, delta: 0.25 })).toEqual([6]);
  });
  test('an empty range (5 → 1 step 1): Relu(ceil(−4)) = 0, the Loop runs 0 times', async () => {
    expect(await outputShape(rangeExpanded('FLOAT'), { start: 5, limit: 1, delta: 1 })).toEqual([0]);
  });
  test('bounds not known: the length is a named unknown, never a number', async () => {
    const shape = await outputShape(rangeExpanded('FLOAT'));
    expect(shape).toHaveLength(1);
    expect(typeof shape?.[0]).not.toBe('number');
    expect(dims.format(shape![0])).not.toBe('');
  });
});
