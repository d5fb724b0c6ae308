import { describe, expect, it } from 'vitest';
import type { OnnxNode } from '../onnx/types.js';
import { topologicalOrder } from './topological-order.js';

const node = (name: string, inputs: string[], outputs: string[]): OnnxNode => ({ name, opType: 'Op', domain: 'ai.onnx', inputs, outputs, attributes: [], docString: '' });

describe('topologicalOrder', () => {
  it('keeps a sorted graph in file order', () => {
    const nodes = [node('a', ['x'], ['t1']), node('b', ['x'], ['t2']), node('c', ['t1', 't2'], ['y'])];
    expect(topologicalOrder(nodes, new Map([['x', 1]]), 'main').map((i) => nodes[i].name)).toEqual(['a', 'b', 'c']);
  });

  it('sorts an unsorted graph so producers come first, siblings in file order', () => {
    const nodes = [node('c', ['t1', 't2'], ['y']), node('b', ['x'], ['t2']), node('a', ['x'], ['t1'])];
    expect(topologicalOrder(nodes, new Map([['x', 1]]), 'main').map((i) => nodes[i].name)).toEqual(['b', 'a', 'c']);
  });

  it('reports a cycle with the nodes on it', () => {
    const nodes = [node('a', ['x', 't3'], ['t1']), node('b', ['t1'], ['t2']), node('c', ['t2'], ['t3'])];
    expect(() => topologicalOrder(nodes, new Map([['x', 1]]), 'main')).toThrowError(/cycle: .*a.*->.*b.*->.*c|cycle: .*c -> .*a/);
    try {
      topologicalOrder(nodes, new Map([['x', 1]]), 'main');
    } catch (error) {
      expect((error as { code: string }).code).toBe('GRAPH_CYCLE');
    }
  });

  it('rejects a tensor produced twice (not SSA)', () => {
    const nodes = [node('a', ['x'], ['t']), node('b', ['x'], ['t'])];
    expect(() => topologicalOrder(nodes, new Map([['x', 1]]), 'main')).toThrowError(expect.objectContaining({ code: 'GRAPH_NOT_SSA' }));
  });

  it('rejects a node output shadowing a graph input', () => {
    expect(() => topologicalOrder([node('a', ['x'], ['x'])], new Map([['x', 1]]), 'main')).toThrowError(expect.objectContaining({ code: 'GRAPH_NOT_SSA' }));
  });

  it('handles 200,000 chained nodes without recursion', () => {
    const nodes = Array.from({ length: 200_000 }, (_, i) => node(`n${i}`, [i === 0 ? 'x' : `t${i - 1}`], [`t${i}`])).reverse();
    const order = topologicalOrder(nodes, new Map([['x', 1]]), 'main');
    expect(nodes[order[0]].name).toBe('n0');
    expect(nodes[order[order.length - 1]].name).toBe('n199999');
  });
});
