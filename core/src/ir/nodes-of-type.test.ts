import { describe, expect, it } from 'vitest';
import { onnxGraph, onnxNode } from '../testing/onnx-graph.js';
import { buildGraph } from './build-graph.js';
import { nodesOfType } from './nodes-of-type.js';

describe('nodesOfType', () => {
  // Relu, Add, acme::Add, Relu, Sum, Mul: two domains share the op type Add.
  const g = buildGraph(
    onnxGraph({
      nodes: [
        onnxNode('Relu', ['x'], ['a'], { name: 'r0' }),
        onnxNode('Add', ['a', 'x'], ['b'], { name: 'add' }),
        onnxNode('Add', ['b', 'x'], ['c'], { name: 'acme_add', domain: 'acme' }),
        onnxNode('Relu', ['c'], ['d'], { name: 'r1' }),
        onnxNode('Sum', ['d', 'a'], ['e'], { name: 'sum' }),
        onnxNode('Mul', ['e', 'e'], ['y'], { name: 'mul' }),
      ],
      inputs: ['x'],
      outputs: ['y'],
    }),
    [],
  );
  const names = (nodes: readonly { name: string }[]) => nodes.map((n) => n.name);

  it('lists the nodes of the op types asked for, any domain, in graph order', () => {
    expect(names(nodesOfType(g, 'Relu'))).toEqual(['r0', 'r1']);
    expect(names(nodesOfType(g, 'Add'))).toEqual(['add', 'acme_add']);
    expect(names(nodesOfType(g, 'Sum', 'Add', 'Relu'))).toEqual(['r0', 'add', 'acme_add', 'r1', 'sum']);
    expect(names(nodesOfType(g, 'Mul', 'Mul'))).toEqual(['mul']);
    expect(nodesOfType(g, 'Conv')).toEqual([]);
    expect(nodesOfType(g)).toEqual([]);
  });

  it('shares one frozen list per op type', () => {
    expect(nodesOfType(g, 'Relu')).toBe(nodesOfType(g, 'Relu'));
    expect(Object.isFrozen(nodesOfType(g, 'Relu'))).toBe(true);
    expect(Object.isFrozen(nodesOfType(g, 'Add', 'Sum'))).toBe(true);
  });
});
