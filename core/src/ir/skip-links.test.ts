import { describe, expect, it } from 'vitest';
import type { OnnxNode, OnnxTensor } from '../onnx/types.js';
import { onnxGraph } from '../testing/onnx-graph.js';
import { buildGraph } from './build-graph.js';
import { constantTest } from './constant-values.js';
import { MAX_MERGE_INPUTS, skipLinkOf } from './skip-links.js';

const node = (opType: string, inputs: string[], outputs: string[]): OnnxNode => ({ name: outputs[0], opType, domain: 'ai.onnx', inputs, outputs, attributes: [], docString: '' });
const weight = (name: string): OnnxTensor => ({ name, dataType: 1, dims: [4, 4], docString: '', elementCount: 16 });

/** A graph over input x and the weights w1…w4, b (constants). */
function build(nodes: OnnxNode[], output: string) {
  const source = onnxGraph({ nodes, inputs: ['x'], outputs: [output], initializers: ['w1', 'w2', 'w3', 'w4', 'b'].map(weight) });
  const graph = buildGraph(source, []);
  const isConstant = constantTest(graph);
  const at = (name: string) => graph.nodes.find((n) => n.name === name);
  const link = (name: string) => {
    const merge = at(name);
    return merge && skipLinkOf(merge, isConstant);
  };
  return { graph, link, value: (name: string) => graph.values.get(name) };
}

describe('skipLinkOf', () => {
  it('an identity shortcut: Add(branch, x) after work on the branch', () => {
    const g = build([node('Conv', ['x', 'w1'], ['c1']), node('Relu', ['c1'], ['r1']), node('Conv', ['r1', 'w2'], ['c2']), node('Add', ['c2', 'x'], ['y'])], 'y');
    expect(g.link('y')).toMatchObject({ skip: g.value('x'), branch: g.value('c2'), source: g.value('x'), kind: 'identity' });
  });

  it('a projection shortcut (1x1 Conv, BatchNormalization, bias Add) is traced back to its source', () => {
    const g = build(
      [
        node('Conv', ['x', 'w1'], ['c1']),
        node('Relu', ['c1'], ['r1']),
        node('Conv', ['r1', 'w2'], ['c2']),
        node('Conv', ['x', 'w3'], ['p1']),
        node('Add', ['p1', 'b'], ['p2']),
        node('Add', ['c2', 'p2'], ['y']),
      ],
      'y',
    );
    expect(g.link('y')).toMatchObject({ skip: g.value('p2'), branch: g.value('c2'), source: g.value('x'), kind: 'projection' });
  });

  it('no link without work on the branch, through constants only, or for one tensor added to itself', () => {
    const relu = build([node('Relu', ['x'], ['r']), node('Add', ['r', 'x'], ['y'])], 'y');
    expect(relu.link('y')).toBeUndefined();
    const bias = build([node('MatMul', ['x', 'w1'], ['m']), node('Add', ['m', 'b'], ['y'])], 'y');
    expect(bias.link('y')).toBeUndefined();
    const twice = build([node('MatMul', ['x', 'w1'], ['m']), node('Add', ['m', 'm'], ['y'])], 'y');
    expect(twice.link('y')).toBeUndefined();
  });

  it('a shape read (Shape → …) is not a data path; a Sum of three finds the pair that closes the skip', () => {
    const shapeOnly = build([node('Shape', ['x'], ['s']), node('Cast', ['s'], ['f']), node('MatMul', ['f', 'w1'], ['m']), node('Add', ['m', 'x'], ['y'])], 'y');
    expect(shapeOnly.link('y')).toBeUndefined();
    const sum = build([node('MatMul', ['x', 'w1'], ['m']), node('Relu', ['x'], ['r']), node('Sigmoid', ['r'], ['q']), node('Sum', ['m', 'q', 'x'], ['y'])], 'y');
    expect(sum.link('y')).toMatchObject({ skip: sum.value('x'), branch: sum.value('m'), kind: 'identity' });
  });

  it('a dense Concat of a tensor and a branch computed from it', () => {
    const g = build([node('Conv', ['x', 'w1'], ['c']), node('Concat', ['x', 'c'], ['y'])], 'y');
    expect(g.link('y')).toMatchObject({ skip: g.value('x'), branch: g.value('c') });
  });

  it(`searches a merge of ${MAX_MERGE_INPUTS} data inputs, not one of more (the search is quadratic in them)`, () => {
    // x through a MatMul, then n − 1 bias Adds of x: a Sum of all n closes the skip x → MatMul.
    const wide = (n: number) => {
      const nodes = [node('MatMul', ['x', 'w1'], ['m'])];
      const inputs = ['m'];
      for (let i = 1; i < n; i++) {
        nodes.push(node('Add', ['x', 'b'], [`a${i}`]));
        inputs.push(`a${i}`);
      }
      nodes.push(node('Sum', inputs, ['y']));
      return build(nodes, 'y');
    };
    const widest = wide(MAX_MERGE_INPUTS);
    expect(widest.link('y')).toMatchObject({ branch: widest.value('m'), source: widest.value('x'), kind: 'projection' });
    expect(wide(MAX_MERGE_INPUTS + 1).link('y')).toBeUndefined();
  });

  it('answers a second question from its memo for the graph\'s constant test; another test is searched afresh', () => {
    const g = build([node('Conv', ['x', 'w1'], ['c1']), node('Relu', ['c1'], ['r1']), node('Conv', ['r1', 'w2'], ['c2']), node('Add', ['c2', 'x'], ['y']), node('Add', ['y', 'b'], ['z'])], 'z');
    const merge = g.graph.nodes[3];
    const first = skipLinkOf(merge, constantTest(g.graph));
    expect(first).toMatchObject({ skip: g.value('x'), kind: 'identity' });
    expect(skipLinkOf(merge, constantTest(g.graph))).toBe(first);
    expect(skipLinkOf(g.graph.nodes[4], constantTest(g.graph))).toBeUndefined();
    expect(skipLinkOf(g.graph.nodes[4], constantTest(g.graph))).toBeUndefined();
    // A test that takes nothing for constant: w1 and w2 are then data, and the skip is still x.
    const nothingConstant = (v: unknown) => v === undefined && false;
    const other = skipLinkOf(merge, nothingConstant);
    expect(other).not.toBe(first);
    expect(other).toMatchObject({ skip: g.value('x') });
  });
});
