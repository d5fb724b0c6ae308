import { constantTest, type Graph, nodesOfType, skipLinkOf, type Node, type Value } from '@autodoc/core';
import { isWeightedLayer, WEIGHTED_LAYER_OPS } from '../graph-utils.js';
import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_DEEP_WITHOUT_SKIP',
  severity: 'info',
  summary: 'A long chain of Conv/MatMul/Gemm layers is not bypassed by any skip connection.',
  why: 'Errors compound layer by layer: a deep plain stack is the first place where fp16/int8 quantization error and fine-tuning instability show up, and it cannot be shortened by pruning whole blocks.',
  hint: 'Expect to calibrate quantization per layer (or keep sensitive layers in higher precision); for new designs, add residual connections.',
  options: ['maxDepthWithoutSkip'],
  check({ graph, options }) {
    // A path counts each weighted layer once, so no path is deeper than the graph has layers: with
    // that few, the walk over every node (~0.1 s per million) cannot find one.
    if (!moreWeightedLayersThan(graph, options.maxDepthWithoutSkip)) return [];
    // depth(v) = weighted layers on the longest path to v not bypassed by a skip; a merge that closes
    // a skip takes the shortest of its inputs (the shortcut bypasses the branch).
    const isConstant = constantTest(graph);
    // By node index: every output of a node has the node's depth (a Map entry per value cost more
    // than the rule on a large graph).
    const nodes = graph.nodes;
    const depthAt = new Int32Array(nodes.length);
    const depthOf = (v: Value) => (v.producer && nodes[v.producer.index] === v.producer ? depthAt[v.producer.index] : 0);
    let worst = 0;
    let at: Node | undefined;
    for (const node of nodes) {
      let inputs = 0;
      let longest = 0;
      let shortest = Number.POSITIVE_INFINITY;
      for (let i = 0, count = node.inputCount; i < count; i++) {
        const v = node.input(i);
        if (v === undefined || isConstant(v)) continue;
        const d = depthOf(v);
        inputs++;
        if (d > longest) longest = d;
        if (d < shortest) shortest = d;
      }
      let d = longest;
      if ((node.opType === 'Add' || node.opType === 'Sum') && inputs >= 2 && skipLinkOf(node, isConstant)) d = shortest;
      if (isWeightedLayer(node)) d++;
      depthAt[node.index] = d;
      if (d > worst) {
        worst = d;
        at = node;
      }
    }
    if (worst <= options.maxDepthWithoutSkip || !at) return [];
    return [{ node: at, message: `${worst} weighted layers run in a row without a skip connection (ending at ${at.name}); the limit is ${options.maxDepthWithoutSkip}.` }];
  },
});

/** Whether `graph` has more than `limit` weighted layers (stops counting past it). */
function moreWeightedLayersThan(graph: Graph, limit: number): boolean {
  let count = 0;
  for (const opType of WEIGHTED_LAYER_OPS) {
    for (const node of nodesOfType(graph, opType)) if (isWeightedLayer(node) && ++count > limit) return true;
  }
  return false;
}
