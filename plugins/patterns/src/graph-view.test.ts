import { buildGraph } from '@autodoc/core';
import { onnxGraph, onnxNode } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import { graphViewOf } from './graph-view.js';

const node = (name: string, opType: string, inputs: string[], outputs: string[], domain?: string) => onnxNode(opType, inputs, outputs, { name, domain });

describe('GraphView.nodesOf', () => {
  const source = onnxGraph({
    inputs: ['x'],
    outputs: ['y'],
    nodes: [
      node('add1', 'Add', ['x', 'x'], ['a']),
      node('relu', 'Relu', ['a'], ['r']),
      node('ln', 'LayerNormalization', ['r'], ['l'], 'com.microsoft'),
      node('sum', 'Sum', ['l', 'a'], ['s']),
      node('add2', 'Add', ['s', 'x'], ['y']),
    ],
  });
  const view = graphViewOf(buildGraph(source, []), 17);
  const namesOf = (opTypes: string[]) => view.nodesOf(opTypes).map((n) => n.name);

  it('gives the nodes of the op types asked, in graph order across types', () => {
    expect(namesOf(['Add'])).toEqual(['add1', 'add2']);
    expect(namesOf(['Sum', 'Add'])).toEqual(['add1', 'sum', 'add2']);
    expect(namesOf(['Relu', 'Add', 'Sum'])).toEqual(['add1', 'relu', 'sum', 'add2']);
  });

  it('matches op types in any domain, each node once, and nothing for absent types', () => {
    expect(namesOf(['LayerNormalization'])).toEqual(['ln']);
    expect(namesOf(['Add', 'Add'])).toEqual(['add1', 'add2']);
    expect(namesOf(['Softmax'])).toEqual([]);
    expect(namesOf([])).toEqual([]);
  });

  it('selects the same nodes as a filter over every node', () => {
    for (const ops of [['Add'], ['Relu', 'Sum'], ['Add', 'LayerNormalization', 'Relu', 'Sum']]) {
      expect(view.nodesOf(ops)).toEqual(view.nodes.filter((n) => ops.includes(n.opType)));
    }
  });
});
