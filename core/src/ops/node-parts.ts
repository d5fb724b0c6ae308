import type { Node, Value } from '../ir/graph.js';
import type { TensorArg } from './op-node.js';
import { NO_OUTPUT, type OpNodeParts, tensorArg } from './op-node-impl.js';

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
  // Loops over the lists the node makes, not `.map` on them: one array per list instead of two, for
  // every node of every analysis that counts.
  const ins = node.inputs;
  const inputs = new Array<TensorArg | undefined>(ins.length);
  for (let i = 0; i < ins.length; i++) inputs[i] = valueArg(ins[i]);
  const outs = node.outputs;
  const outputs = new Array<TensorArg>(outs.length);
  for (let i = 0; i < outs.length; i++) outputs[i] = valueArg(outs[i]) ?? NO_OUTPUT;
  return {
    subgraphCost: extra?.subgraphCost,
    inferSubgraph: extra?.inferSubgraph,
    name: node,
    opType: node.opType,
    domain: node.domain,
    opset,
    attributes: node.attributes,
    inputs,
    outputs,
  };
}
