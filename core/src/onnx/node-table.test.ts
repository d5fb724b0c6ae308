import { describe, expect, it } from 'vitest';
import { COLUMNS_FROM, NODE_INPUT, NODE_NAME, NODE_OUTPUT, NodeTable } from './node-table.js';
import type { OnnxAttribute, OnnxNode } from './types.js';

const node = (i: number): OnnxNode => ({
  // Every 7th node unnamed, every 5th with an empty optional input, long names past the 64-byte copy loop.
  name: i % 7 === 0 ? '' : `/blocks.${i}/${'x'.repeat(i % 90)}/Op_${i}`,
  // Many op kinds, in runs and alone.
  opType: i % 3 === 0 ? 'Add' : i % 2 === 0 ? 'Relu' : `Op${i % 50}`,
  domain: i % 11 === 0 ? 'com.microsoft' : 'ai.onnx',
  inputs: i % 5 === 0 ? [`t${i}`, '', `w${i}`] : [`t${i}`],
  outputs: i % 13 === 0 ? [] : [`t${i + 1}`, `aux_${i}_naïve_名前`],
  attributes: i % 4 === 0 ? [{ name: 'axis', type: 'INT', i }] : [],
  docString: i % 17 === 0 ? `doc ${i}` : '',
  ...(i % 19 === 0 ? { overload: `v${i}` } : {}),
});

describe('NodeTable', () => {
  // 1,000 rows cross every growth step of the columns (64, 128, …) and of the name bytes (1 KiB, …).
  const nodes = Array.from({ length: 1000 }, (_, i) => node(i));
  const table = NodeTable.of(nodes);

  it('gives back every field of every node, through the accessors and as OnnxNodes', () => {
    expect(table.length).toBe(1000);
    for (const [row, n] of nodes.entries()) {
      expect(table.name(row)).toBe(n.name);
      expect([table.kind(row).opType, table.kind(row).domain]).toEqual([n.opType, n.domain]);
      expect(Array.from({ length: table.inputCount(row) }, (_, k) => table.input(row, k))).toEqual(n.inputs);
      expect(Array.from({ length: table.outputCount(row) }, (_, k) => table.output(row, k))).toEqual(n.outputs);
      expect(table.attributes(row)).toEqual(n.attributes);
    }
    expect(table.nodes()).toEqual(nodes);
  });

  it('a small table keeps the node objects themselves; from COLUMNS_FROM nodes on, columns', () => {
    const small = NodeTable.of(nodes.slice(0, COLUMNS_FROM - 1));
    expect(small.columnar).toBe(false);
    expect(small.node(3)).toBe(nodes[3]);
    expect([small.name(3), small.input(5, 2), small.outputCount(13)]).toEqual([nodes[3].name, nodes[5].inputs[2], 0]);
    expect(NodeTable.of(nodes.slice(0, COLUMNS_FROM)).columnar).toBe(true);
    expect(table.columnar).toBe(true);
  });

  it('keeps attribute lists by reference and builds the OnnxNodes once', () => {
    expect(table.attributes(4)).toBe(nodes[4].attributes);
    expect(table.nodes()).toBe(table.nodes());
    expect(table.node(999)).toBe(table.nodes()[999]);
  });

  it('staged names: inputs and outputs may interleave, each list keeps its order; the last name wins', () => {
    const t = new NodeTable();
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    const stage = (role: number, s: string) => t.stage(role, bytes(s), 0, bytes(s).length);
    stage(NODE_OUTPUT, 'y');
    stage(NODE_INPUT, 'a');
    stage(NODE_NAME, 'first');
    stage(NODE_OUTPUT, 'z');
    stage(NODE_INPUT, 'b');
    stage(NODE_NAME, 'second');
    const attributes: OnnxAttribute[] = [];
    t.commit({ name: '', opType: 'Split', domain: 'ai.onnx', inputs: [], outputs: [], attributes, docString: '' });
    t.commit({ name: '', opType: 'Relu', domain: 'ai.onnx', inputs: [], outputs: [], attributes, docString: '' });
    expect(t.nodes().map((n) => [n.name, n.opType, n.inputs, n.outputs])).toEqual([
      ['second', 'Split', ['a', 'b'], ['y', 'z']],
      ['', 'Relu', [], []],
    ]);
  });

  it('a table made after OnnxNodes were built builds them again with the new rows', () => {
    const t = NodeTable.of(nodes.slice(0, 2));
    expect(t.nodes()).toHaveLength(2);
    t.push(nodes[2]);
    expect(t.nodes().map((n) => n.outputs)).toEqual(nodes.slice(0, 3).map((n) => n.outputs));
  });
});
