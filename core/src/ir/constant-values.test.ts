import { describe, expect, it } from 'vitest';
import type { OnnxTensor } from '../onnx/types.js';
import { onnxGraph, onnxNode as node } from '../testing/onnx-graph.js';
import { buildGraph } from './build-graph.js';
import { constantTest } from './constant-values.js';

const init = (name: string) => ({ name }) as unknown as OnnxTensor;

describe('constantTest', () => {
  it('marks initializers, Constant outputs and values computed only from them; not inputs, Shape/Size or input-less ops', () => {
    const source = onnxGraph({
      inputs: ['x'],
      outputs: ['y'],
      initializers: [init('w')],
      nodes: [
        node('Constant', [], ['k']),
        node('Mul', ['w', 'k'], ['wk']), // constant: both operands are
        node('Cast', ['wk', ''], ['wk2']), // an empty optional input does not count
        node('Add', ['x', 'wk2'], ['h']), // depends on the input x
        node('Shape', ['w'], ['s']), // a shape read, never folded as a constant here
        node('Reshape', ['wk', 's'], ['r']),
        node('RandomNormal', [], ['noise']),
        node('Mul', ['h', 'r'], ['y']),
      ],
    });
    const graph = buildGraph(source, []);
    const isConstant = constantTest(graph);
    const constant = [...graph.values.keys()].filter((name) => isConstant(graph.values.get(name)));
    expect(constant.sort()).toEqual(['k', 'w', 'wk', 'wk2']);
    expect(isConstant(undefined)).toBe(false);
  });
});
