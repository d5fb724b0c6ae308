import type { OnnxAttribute, OnnxGraph, OnnxNode, OnnxTensor } from '../onnx/types.js';

/**
 * A decoded NodeProto for unit tests of code that takes the reader's output (the IR build, graph
 * helpers): domain ai.onnx, no name or attributes unless given.
 */
export function onnxNode(opType: string, inputs: string[], outputs: string[], extra: { name?: string; domain?: string; attributes?: OnnxAttribute[] } = {}): OnnxNode {
  return { name: extra.name ?? '', opType, domain: extra.domain ?? 'ai.onnx', inputs, outputs, attributes: extra.attributes ?? [], docString: '' };
}

/**
 * A decoded GraphProto named `g` for unit tests: inputs and outputs by name (no declared types), the
 * given initializers, no value_info. Build its IR with `buildGraph(onnxGraph(...), [])`; for a model
 * file, use the ModelBuilder instead.
 */
export function onnxGraph(parts: { nodes: OnnxNode[]; inputs?: string[]; outputs?: string[]; initializers?: OnnxTensor[] }): OnnxGraph {
  const info = (name: string) => ({ name, docString: '' });
  return {
    name: 'g',
    docString: '',
    nodes: parts.nodes,
    inputs: (parts.inputs ?? []).map(info),
    outputs: (parts.outputs ?? []).map(info),
    valueInfo: [],
    initializers: parts.initializers ?? [],
    sparseInitializers: [],
  };
}
