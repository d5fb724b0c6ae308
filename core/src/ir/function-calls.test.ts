import { describe, expect, it } from 'vitest';
import type { OnnxFunction, OnnxNode } from '../onnx/types.js';
import { checkFunctionRecursion } from './function-calls.js';

const node = (opType: string, domain = 'local', attributes: OnnxNode['attributes'] = []): OnnxNode => ({ name: '', opType, domain, inputs: [], outputs: [], attributes, docString: '' });
const fn = (name: string, nodes: OnnxNode[], domain = 'local'): OnnxFunction => ({
  domain,
  name,
  inputs: [],
  outputs: [],
  attributes: [],
  attributeProtos: [],
  nodes,
  opsetImports: Object.create(null),
  docString: '',
  valueInfo: [],
});
const graph = (nodes: OnnxNode[]) => ({ name: '', docString: '', nodes, inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [] });

describe('checkFunctionRecursion', () => {
  it('accepts a call chain without a cycle (A -> B -> Relu), and calls to ai.onnx ops named like nothing local', () => {
    expect(() => checkFunctionRecursion([fn('A', [node('B')]), fn('B', [node('Relu', 'ai.onnx')])])).not.toThrow();
  });
  it('refuses a function calling itself', () => {
    expect(() => checkFunctionRecursion([fn('A', [node('A')])])).toThrow(expect.objectContaining({ code: 'FUNCTION_RECURSIVE', message: expect.stringContaining('A -> A') }));
  });
  it('refuses mutual recursion, also through a subgraph attribute of a body node', () => {
    const viaIf = node('If', 'ai.onnx', [{ name: 'then_branch', type: 'GRAPH', g: graph([node('A')]) }]);
    expect(() => checkFunctionRecursion([fn('A', [node('B')]), fn('B', [viaIf])])).toThrow(expect.objectContaining({ code: 'FUNCTION_RECURSIVE', message: expect.stringContaining('A -> B -> A') }));
  });
  it('matches by domain: a call to the same name in another domain is not recursion', () => {
    expect(() => checkFunctionRecursion([fn('A', [node('A', 'other')])])).not.toThrow();
  });
  it('walks a 100,000-function chain without overflowing the stack', () => {
    const fns = Array.from({ length: 100_000 }, (_, i) => fn(`F${i}`, i + 1 < 100_000 ? [node(`F${i + 1}`)] : []));
    expect(() => checkFunctionRecursion(fns)).not.toThrow();
    fns[99_999].nodes.push(node('F0'));
    expect(() => checkFunctionRecursion(fns)).toThrow(expect.objectContaining({ code: 'FUNCTION_RECURSIVE' }));
  });
});
