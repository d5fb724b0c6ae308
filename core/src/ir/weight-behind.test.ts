import { describe, expect, it } from 'vitest';
import type { OnnxAttribute, OnnxTensor } from '../onnx/types.js';
import { onnxGraph, onnxNode as node } from '../testing/onnx-graph.js';
import { buildGraph } from './build-graph.js';
import { weightBehind } from './weight-behind.js';

const tensor = (name: string) => ({ name, dims: [4, 4] }) as unknown as OnnxTensor;

describe('weightBehind', () => {
  const w = tensor('w');
  const k = tensor('k');
  const source = onnxGraph({
    inputs: ['x'],
    outputs: ['y'],
    initializers: [w],
    nodes: [
      node('Constant', [], ['kc'], { attributes: [{ name: 'value', type: 'TENSOR', t: k } as unknown as OnnxAttribute] }),
      // Four pass-through hops from w: the most followed.
      node('DequantizeLinear', ['w', 'scale'], ['w1']),
      node('Cast', ['w1'], ['w2']),
      node('Transpose', ['w2'], ['w3']),
      node('Unsqueeze', ['w3', 'axes'], ['w4']),
      node('Squeeze', ['w4', 'axes'], ['w5']), // a fifth hop: no longer a weight
      node('Relu', ['w'], ['wr']), // computed, not passed through
      node('Identity', ['x'], ['xi']), // data, not a weight
      node('MatMul', ['xi', 'w4'], ['y']),
    ],
  });
  const graph = buildGraph(source, []);
  const at = (name: string) => graph.values.get(name);

  it('finds an initializer and a Constant tensor themselves', () => {
    expect(weightBehind(at('w'))).toBe(w);
    expect(weightBehind(at('kc'))).toBe(k);
  });

  it('follows up to four layout, dtype and dequantization ops back, no more', () => {
    expect(['w1', 'w2', 'w3', 'w4'].map((name) => weightBehind(at(name)))).toEqual([w, w, w, w]);
    expect(weightBehind(at('w5'))).toBeUndefined();
  });

  it('is undefined for computed values, data and missing inputs', () => {
    expect(weightBehind(at('wr'))).toBeUndefined();
    expect(weightBehind(at('xi'))).toBeUndefined();
    expect(weightBehind(at('y'))).toBeUndefined();
    expect(weightBehind(undefined)).toBeUndefined();
  });
});
