import type { Node, Value } from '../ir/graph.js';
import type { TensorArg } from './op-node.js';
import { type OpNodeParts, tensorArg } from './op-node-impl.js';

/** A value as rules see it: its current inferred type and known contents. */
export function valueArg(value: Value | undefined): TensorArg | undefined {
  if (!value) return undefined;
  return tensorArg(value, value.type, value.value, value.kind === 'initializer');
}

/**
 * The parts of an OpNode for an IR node, from the values' current types. Analyses after the Shapes
 * stage (costs, patterns) use this with `createOpNode` so they see exactly what shape rules produced.
 */
export function opNodeParts(node: Node, opset: number, extra?: Pick<OpNodeParts, 'subgraphCost' | 'inferSubgraph'>): OpNodeParts {
  return {
    subgraphCost: extra?.subgraphCost,
    inferSubgraph: extra?.inferSubgraph,
    name: node,
    opType: node.opType,
    domain: node.domain,
    opset,
    attributes: node.attributes,
    inputs: node.inputs.map(valueArg),
    // An output left empty ('' in the file) has no value.
    outputs: node.outputs.map((v) => valueArg(v) ?? tensorArg('', undefined)),
  };
}
