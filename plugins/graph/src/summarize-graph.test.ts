import { type AnalysisContext, definePlugin, type Node, Stage, type Value, type ValueType } from '@autodoc/core';
import { AnalysisTester, lazyRowsJson, ModelBuilder } from '@autodoc/core/testing';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import shapes from '@autodoc/plugin-shapes';
import { describe, expect, it } from 'vitest';
import type { GraphSection } from './graph-section.js';
import graph from './index.js';
import { summarizeGraph } from './summarize-graph.js';
import { TensorRows } from './tensor-rows.js';

const value = (name: string, type: ValueType | undefined, declared?: Value['declared']): Value => ({ name, kind: 'intermediate', declared, type, value: undefined, initializer: undefined, producer: undefined, consumers: [], consumerCount: 0, consumer: () => undefined });

type FakeOp = { opType: string; domain: string; body?: FakeOp[] };

/** Fake nodes of one graph (`path`), each producing the given values; a node with `body` owns a subgraph of those ops. */
function fakeGraph(path: string, outputs: Value[][], ops: FakeOp[] = []): { nodes: Node[]; all: Node[] } {
  const all: Node[] = [];
  const bodies: Node[] = [];
  const nodes = outputs.map((outs, index) => {
    const op = ops[index] ?? { opType: 'Relu', domain: 'ai.onnx' };
    const subgraphs = new Map<string, unknown>();
    if (op.body) {
      const body = fakeGraph(`${path}/n${index}/then_branch`, op.body.map(() => []), op.body);
      subgraphs.set('then_branch', { name: 'body', path: `${path}/n${index}/then_branch`, nodes: body.nodes });
      bodies.push(...body.all);
    }
    return { index, name: `n${index}`, opType: op.opType, domain: op.domain, graphPath: path, subgraphs, outputs: outs, outputCount: outs.length, output: (i: number) => outs[i] } as unknown as Node;
  });
  all.push(...nodes, ...bodies);
  return { nodes, all };
}

/** The context summarizeGraph reads, over one graph of nodes that each produce the given values. */
function contextOf(outputs: Value[][], summary = false, ops: FakeOp[] = []): AnalysisContext {
  const { nodes, all } = fakeGraph('main', outputs, ops);
  return {
    options: { summary },
    allNodes: () => all,
    checkBudget: () => {},
    checkMemory: () => {},
    graph: { name: 'g', path: 'main', nodes, initializers: [], inputs: [] },
    model: { functions: [] },
  } as unknown as AnalysisContext;
}

describe('graph counts', () => {
  it('counts op types per domain and in one histogram, in the order first seen (graph after graph), and counts graphs', () => {
    const ops: FakeOp[] = [
      { opType: 'MatMul', domain: 'ai.onnx' },
      { opType: 'Attention', domain: 'com.microsoft' },
      { opType: 'If', domain: 'ai.onnx', body: [{ opType: 'Add', domain: 'ai.onnx' }, { opType: 'MatMul', domain: 'ai.onnx' }] },
      { opType: 'MatMul', domain: 'ai.onnx' },
      { opType: '__proto__', domain: 'acme' },
      { opType: 'Attention', domain: 'com.microsoft' },
      { opType: 'MatMul', domain: 'acme' },
    ];
    const section = summarizeGraph(contextOf(ops.map(() => []), false, ops));
    expect(Object.entries(section.opHistogram)).toEqual([
      ['MatMul', 3],
      ['com.microsoft::Attention', 2],
      ['If', 1],
      ['acme::__proto__', 1],
      ['acme::MatMul', 1],
      ['Add', 1],
    ]);
    expect(JSON.stringify(section.opHistogramByDomain)).toBe('{"ai.onnx":{"MatMul":3,"If":1,"Add":1},"com.microsoft":{"Attention":2},"acme":{"__proto__":1,"MatMul":1}}');
    expect(section.nodeCountWithSubgraphs).toBe(9);
    expect(section.subgraphCount).toBe(1);
  });
});

/** `graph.tensors[]` of a run through the real pipeline, and the run's nodes (for a TensorRows over them). */
async function analyzeForTensors(model: ModelBuilder): Promise<{ tensors: NonNullable<GraphSection['tensors']>; nodes: readonly Node[] }> {
  let ctx: AnalysisContext | undefined;
  const seen = definePlugin({ name: 'test:seen', setup: () => ({ apply: (host) => void host.hooks.analyze.tap({ name: 'test:seen', stage: Stage.Summarize }, (c) => void (ctx = c)) }) });
  const { report } = await new AnalysisTester({ plugins: [opsOnnx, shapes, graph, seen] }).analyze(model);
  return { tensors: (report.graph as GraphSection).tensors ?? [], nodes: (ctx as AnalysisContext).allNodes() };
}

describe('graph.tensors[]', () => {
  it('lists every produced tensor with its inferred or declared type (through the real pipeline)', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', ['batch', 6]);
    const [a] = b.node('Relu', [x], { outputs: ['a'] });
    const [n] = b.node('Neg', [a], { outputs: ['n'] });
    const shape = b.initializer('shape', 'INT64', [2], { data: [-1n, 3n] });
    const [r] = b.node('Reshape', [n, shape], { outputs: ['r'] });
    const [c] = b.node('Cast', [r], { outputs: ['c'], attrs: { to: 7 } });
    b.output(c, 'INT64', ['batch2', 3]);
    const { tensors, nodes } = await analyzeForTensors(b);
    // A model of 16,384 values or more has its rows written from the graph: the same JSON.
    expect(lazyRowsJson(new TensorRows(nodes, tensors.length, () => {}))).toBe(JSON.stringify(tensors));
    // Reshape [batch, 6] to [-1, 3]: batch·6/3 = 2·batch rows; Cast keeps the shape, INT64 (to = 7).
    // Produced tensors only: the initializer `shape` is not one.
    expect(tensors).toEqual([
      { name: 'a', dtype: 'FLOAT', shape: ['batch', 6] },
      { name: 'n', dtype: 'FLOAT', shape: ['batch', 6] },
      { name: 'r', dtype: 'FLOAT', shape: ['2*batch', 3] },
      { name: 'c', dtype: 'INT64', shape: ['2*batch', 3] },
    ]);
  });

  it('writes names from the reader\'s bytes in a graph kept in columns, as JSON.stringify spells them', async () => {
    // 300 nodes: the reader keeps a graph of 256 nodes or more in columns, names as UTF-8 bytes.
    const b = new ModelBuilder({ opset: 17 });
    let x = b.input('x', 'FLOAT', ['batch', 2]);
    const special = ['say "hi"', 'ñ·層', 'back\\slash'];
    for (let i = 0; i < 300; i++) [x] = b.node(i % 2 ? 'Relu' : 'Neg', [x], { outputs: [special[i] ?? `t${i}`] });
    b.output(x);
    const { tensors, nodes } = await analyzeForTensors(b);
    expect(tensors.slice(0, 4)).toEqual([...special, 't3'].map((name) => ({ name, dtype: 'FLOAT', shape: ['batch', 2] })));
    expect(lazyRowsJson(new TensorRows(nodes, tensors.length, () => {}))).toBe(JSON.stringify(tensors));
  });

  it('tensors of one type object share one shape list; other types and unknown types get their own rows', () => {
    const t = { kind: 'tensor', dtype: 'FLOAT', shape: [2, 3] } as const;
    const other = { kind: 'tensor', dtype: 'FLOAT', shape: [2, 3] } as const;
    const declared = { kind: 'tensor', elemType: 10, shape: ['s', 4] } as Value['declared'];
    const sequence = { kind: 'sequence', elem: t } as const;
    const context = contextOf([[value('a', t)], [value('b', t), value('c', t)], [value('d', other)], [value('e', undefined, declared), value('f', undefined, declared)], [value('g', sequence)]]);
    const section = summarizeGraph(context);
    const rows = section.tensors ?? [];
    expect(lazyRowsJson(new TensorRows(context.allNodes(), rows.length, () => {}))).toBe(JSON.stringify(rows));
    expect(rows).toEqual([
      { name: 'a', dtype: 'FLOAT', shape: [2, 3] },
      { name: 'b', dtype: 'FLOAT', shape: [2, 3] },
      { name: 'c', dtype: 'FLOAT', shape: [2, 3] },
      { name: 'd', dtype: 'FLOAT', shape: [2, 3] },
      { name: 'e', dtype: 'FLOAT16', shape: ['s', 4] },
      { name: 'f', dtype: 'FLOAT16', shape: ['s', 4] },
      { name: 'g', dtype: null, shape: null, kind: 'sequence<tensor<FLOAT>>' },
    ]);
    expect(rows[1].shape).toBe(rows[0].shape);
    expect(rows[2].shape).toBe(rows[0].shape);
    expect(rows[3].shape).not.toBe(rows[0].shape);
    // Unknown types are not one type: each row is made from its own value.
    expect(rows[5].shape).not.toBe(rows[4].shape);
    expect(section.valueCount).toBe(7);
    // Frozen as made, list included, so the report's deep freeze can skip them.
    expect(Object.isFrozen(rows)).toBe(true);
    for (const row of rows) {
      expect(Object.isFrozen(row)).toBe(true);
      expect(Object.isFrozen(row.shape)).toBe(true);
    }
  });

  it('a summary run lists no tensors but still counts them', () => {
    const t = { kind: 'tensor', dtype: 'FLOAT', shape: [1] } as const;
    const section = summarizeGraph(contextOf([[value('a', t)], [value('b', t)]], true));
    expect(section.tensors).toBeUndefined();
    expect(section.valueCount).toBe(2);
  });
});
