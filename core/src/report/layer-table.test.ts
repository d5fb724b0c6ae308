import { describe, expect, it } from 'vitest';
import type { Graph, Node } from '../ir/graph.js';
import { LayerTable } from './layer-table.js';

const node = (index: number, graphPath = 'main') => ({ index, graphPath }) as Node;
const root = { path: 'main', nodes: [node(0), node(1), node(2)] } as unknown as Graph;

describe('LayerTable', () => {
  it('merges the columns each plugin sets into one row per node', () => {
    const table = new LayerTable(root);
    const n = root.nodes[1];
    table.set(n, { params: 12 });
    table.set(n, { macs: 3, flops: 6, costStatus: 'counted' });
    table.set(n, { block: 'layer.0', params: 13 });
    expect(table.get(n)).toEqual({ params: 13, macs: 3, flops: 6, outputBytes: undefined, costStatus: 'counted', block: 'layer.0' });
  });

  it('setBlocks gives the rows set(node, { block }) gives, node by node, for a root graph and a body', () => {
    const body = { path: 'main/If_0/then_branch', nodes: [node(0, 'main/If_0/then_branch'), node(1, 'main/If_0/then_branch')] } as unknown as Graph;
    const bulk = new LayerTable(root);
    const single = new LayerTable(root);
    for (const table of [bulk, single]) table.set(root.nodes[0], { params: 5 });
    bulk.setBlocks(root, ['a', undefined, 'b']);
    bulk.setBlocks(body, [undefined, 'c']);
    single.set(root.nodes[0], { block: 'a' });
    single.set(root.nodes[2], { block: 'b' });
    single.set(body.nodes[1], { block: 'c' });
    for (const n of [...root.nodes, ...body.nodes]) expect(bulk.get(n)).toEqual(single.get(n));
    expect(bulk.get(root.nodes[0])).toMatchObject({ params: 5, block: 'a' });
    // No block, no row: as if nothing was set for the node.
    expect(bulk.get(root.nodes[1])).toBeUndefined();
    expect(bulk.get(body.nodes[0])).toBeUndefined();
  });

  it('has no row for a node nothing was set for', () => {
    const table = new LayerTable(root);
    table.set(root.nodes[2], { params: 1 });
    expect(table.get(root.nodes[0])).toBeUndefined();
    expect(table.get(node(7))).toBeUndefined();
  });

  it('keeps subgraph nodes apart from top-level nodes with the same index', () => {
    const table = new LayerTable(root);
    const body = node(0, 'main/If_0/then_branch');
    table.set(root.nodes[0], { block: 'outer' });
    table.set(body, { block: 'inner' });
    table.set(node(5, 'main/If_0/then_branch'), { params: 2 });
    expect(table.get(root.nodes[0])?.block).toBe('outer');
    expect(table.get(body)?.block).toBe('inner');
    expect(table.get(node(5, 'main/If_0/then_branch'))?.params).toBe(2);
    expect(table.get(node(4, 'main/If_0/then_branch'))).toBeUndefined();
    // Growing the body's columns keeps what was set before.
    table.set(node(40, 'main/If_0/then_branch'), { costStatus: 'free', macs: 0 });
    expect(table.get(node(40, 'main/If_0/then_branch'))).toMatchObject({ costStatus: 'free', macs: 0, params: undefined });
    expect(table.get(node(5, 'main/If_0/then_branch'))?.params).toBe(2);
    expect(table.get(body)?.block).toBe('inner');
  });

  it('gives a node\'s block alone, and keeps graphs apart when sets and reads alternate between them', () => {
    const table = new LayerTable(root);
    const body = (i: number) => node(i, 'main/Loop_0/body');
    for (let i = 0; i < 3; i++) {
      table.set(root.nodes[i], { block: `outer.${i}` });
      table.set(body(i), { block: `inner.${i}` });
    }
    for (let i = 0; i < 3; i++) {
      expect(table.block(root.nodes[i])).toBe(`outer.${i}`);
      expect(table.block(body(i))).toBe(`inner.${i}`);
      expect(table.get(body(i))?.block).toBe(`inner.${i}`);
    }
    table.set(root.nodes[1], { params: 3 });
    expect(table.block(body(7))).toBeUndefined();
    expect(table.block(node(9, 'main/Other'))).toBeUndefined();
  });
});
