import { describe, expect, it } from 'vitest';
import { COLUMNS_FROM } from '../onnx/node-table.js';
import type { OnnxNode } from '../onnx/types.js';
import { onnxGraph, onnxNode } from '../testing/onnx-graph.js';
import { buildGraph } from './build-graph.js';
import { nodesOfType, opKindCounts, opKindsOf } from './nodes-of-type.js';

// Relu, Add, acme::Add, Relu, Sum, Mul: two domains share the op type Add.
const NODES = [
  onnxNode('Relu', ['x'], ['a'], { name: 'r0' }),
  onnxNode('Add', ['a', 'x'], ['b'], { name: 'add' }),
  onnxNode('Add', ['b', 'x'], ['c'], { name: 'acme_add', domain: 'acme' }),
  onnxNode('Relu', ['c'], ['d'], { name: 'r1' }),
  onnxNode('Sum', ['d', 'a'], ['e'], { name: 'sum' }),
  onnxNode('Mul', ['e', 'e'], ['y'], { name: 'mul' }),
];

/** Identity nodes after the others, so the reader keeps the graph in columns (kind numbers). */
const padding = (): OnnxNode[] => Array.from({ length: COLUMNS_FROM }, (_, i) => onnxNode('Identity', ['x'], [`pad${i}`], { name: `pad${i}` }));

const build = (nodes: OnnxNode[]) => buildGraph(onnxGraph({ nodes, inputs: ['x'], outputs: ['y'] }), []);
const names = (nodes: readonly { name: string }[]) => nodes.map((n) => n.name);

// Node objects (small graphs), columns, and columns in a file whose order is not the execution order
// (Mul written first, re-sorted by the build: kinds then follow the execution order, not the file's).
describe.each([
  ['node objects', () => build(NODES)],
  ['columns', () => build([...NODES, ...padding()])],
  ['columns, re-sorted', () => build([NODES[5], ...NODES.slice(0, 5), ...padding()])],
])('over %s', (_form, make) => {
  const g = make();
  const pads = g.nodes.length - NODES.length;

  it('nodesOfType lists the nodes of the op types asked for, any domain, in graph order', () => {
    expect(names(nodesOfType(g, 'Relu'))).toEqual(['r0', 'r1']);
    expect(names(nodesOfType(g, 'Add'))).toEqual(['add', 'acme_add']);
    expect(names(nodesOfType(g, 'Sum', 'Add', 'Relu'))).toEqual(['r0', 'add', 'acme_add', 'r1', 'sum']);
    expect(names(nodesOfType(g, 'Mul', 'Mul'))).toEqual(['mul']);
    expect(nodesOfType(g, 'Conv')).toEqual([]);
    expect(nodesOfType(g)).toEqual([]);
  });

  it('nodesOfType shares one frozen list per op type', () => {
    expect(nodesOfType(g, 'Relu')).toBe(nodesOfType(g, 'Relu'));
    expect(Object.isFrozen(nodesOfType(g, 'Relu'))).toBe(true);
    expect(Object.isFrozen(nodesOfType(g, 'Add', 'Sum'))).toBe(true);
  });

  it('opKindsOf gives each (domain, op type) once, in order of first appearance, with its nodes in graph order', () => {
    const kinds = opKindsOf(g).map((k) => [k.domain, k.opType, names(k.nodes).filter((n) => !n.startsWith('pad'))]);
    expect(kinds.slice(0, 5)).toEqual([
      ['ai.onnx', 'Relu', ['r0', 'r1']],
      ['ai.onnx', 'Add', ['add']],
      ['acme', 'Add', ['acme_add']],
      ['ai.onnx', 'Sum', ['sum']],
      ['ai.onnx', 'Mul', ['mul']],
    ]);
    // Every node once, and the padding as one kind after them.
    expect(opKindsOf(g).reduce((n, k) => n + k.nodes.length, 0)).toBe(g.nodes.length);
    if (pads > 0) expect(opKindsOf(g).slice(5).map((k) => [k.opType, k.nodes.length])).toEqual([['Identity', pads]]);
    for (const k of opKindsOf(g)) expect(k.nodes.every((n, i) => i === 0 || n.index > k.nodes[i - 1].index)).toBe(true);
  });

  it('opKindsOf is made once per graph and frozen', () => {
    expect(opKindsOf(g)).toBe(opKindsOf(g));
    expect(Object.isFrozen(opKindsOf(g))).toBe(true);
    expect(opKindsOf(g).every((k) => Object.isFrozen(k.nodes))).toBe(true);
  });
});

describe('opKindCounts', () => {
  it('counts each (domain, op type) over the graph and its bodies, first seen graph after graph, with its first node', () => {
    const body = onnxGraph({ nodes: [onnxNode('Add', ['x', 'x'], ['s'], { name: 'inner_add' }), onnxNode('Mul', ['s', 's'], ['t'], { name: 'inner_mul' })], inputs: [], outputs: ['t'] });
    const g = buildGraph(
      onnxGraph({
        nodes: [
          onnxNode('Mul', ['x', 'x'], ['a'], { name: 'mul' }),
          onnxNode('If', ['c'], ['b'], { name: 'if', attributes: [{ name: 'then_branch', type: 'GRAPH', g: body }] }),
          onnxNode('Mul', ['a', 'b'], ['y'], { name: 'mul2', domain: 'acme' }),
        ],
        inputs: ['x', 'c'],
        outputs: ['y'],
      }),
      [],
    );
    const counts = opKindCounts(g).map((k) => [k.domain, k.opType, k.count, k.first.name]);
    expect(counts).toEqual([
      ['ai.onnx', 'Mul', 2, 'mul'],
      ['ai.onnx', 'If', 1, 'if'],
      ['acme', 'Mul', 1, 'mul2'],
      ['ai.onnx', 'Add', 1, 'inner_add'],
    ]);
    expect(opKindCounts(g)).toBe(opKindCounts(g));
    expect(Object.isFrozen(opKindCounts(g)[0])).toBe(true);
  });
});
