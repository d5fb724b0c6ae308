import { AutodocError } from '../diagnostics/autodoc-error.js';
import { type Dim, numel } from '../dims/index.js';
import type { InferredType, ValueType } from '../ir/value-type.js';
import type { OnnxAttribute } from '../onnx/types.js';
import type { OpCost, OpNode, TensorArg } from './op-node.js';

/** Builds a TensorArg from a type and known contents. */
export function tensorArg(name: string, type: ValueType | undefined, value?: readonly Dim[], isInitializer = false): TensorArg {
  const tensor = type && (type.kind === 'tensor' || type.kind === 'sparse_tensor') ? type : undefined;
  const dims = tensor?.shape;
  return {
    name,
    type,
    dtype: tensor?.dtype,
    dims,
    rank: dims?.length,
    numel: dims ? numel(dims) : undefined,
    value,
    isInitializer,
  };
}

export interface OpNodeParts {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly opset: number;
  readonly attributes: ReadonlyMap<string, OnnxAttribute>;
  readonly inputs: readonly (TensorArg | undefined)[];
  readonly outputs: readonly TensorArg[];
  readonly inferSubgraph?: (attrName: string, inputTypes: readonly (InferredType | undefined)[]) => (InferredType | undefined)[];
  readonly subgraphCost?: (attrName: string) => OpCost | undefined;
}

/** The one OpNode implementation, shared by the shapes engine, the cost pass and OpTester. */
export function createOpNode(parts: OpNodeParts): OpNode {
  const attr = (name: string) => parts.attributes.get(name);
  function attrInt(name: string): number | undefined;
  function attrInt(name: string, fallback: number): number;
  function attrInt(name: string, fallback?: number): number | undefined {
    return attr(name)?.i ?? fallback;
  }
  function attrFloat(name: string): number | undefined;
  function attrFloat(name: string, fallback: number): number;
  function attrFloat(name: string, fallback?: number): number | undefined {
    return attr(name)?.f ?? fallback;
  }
  function attrString(name: string): string | undefined;
  function attrString(name: string, fallback: string): string;
  function attrString(name: string, fallback?: string): string | undefined {
    return attr(name)?.s ?? fallback;
  }
  return {
    name: parts.name,
    opType: parts.opType,
    domain: parts.domain,
    opset: parts.opset,
    inputCount: parts.inputs.length,
    outputCount: parts.outputs.length,
    input: (i) => parts.inputs[i],
    output: (i) => parts.outputs[i] ?? tensorArg('', undefined),
    attribute: attr,
    attrInt,
    attrFloat,
    attrString,
    attrInts: (name) => attr(name)?.ints,
    attrFloats: (name) => attr(name)?.floats,
    attrStrings: (name) => attr(name)?.strings,
    inferSubgraph: (attrName, inputTypes) => {
      if (!parts.inferSubgraph) throw new AutodocError('SUBGRAPH_UNAVAILABLE', `${parts.opType} "${parts.name}": subgraph inference is not available here.`, 'Subgraphs are inferred by the shapes plugin; OpTester examples cannot use them.');
      return parts.inferSubgraph(attrName, inputTypes);
    },
    subgraphCost: (attrName) => parts.subgraphCost?.(attrName),
  };
}
