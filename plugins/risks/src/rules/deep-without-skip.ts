import { constantTest, type Node, type Value } from '@autodoc/core';
import { isWeightedLayer, skipMerge } from '../graph-utils.js';
import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_DEEP_WITHOUT_SKIP',
  severity: 'info',
  summary: 'A long chain of Conv/MatMul/Gemm layers is not bypassed by any skip connection.',
  why: 'Errors compound layer by layer: a deep plain stack is the first place where fp16/int8 quantization error and fine-tuning instability show up, and it cannot be shortened by pruning whole blocks.',
  hint: 'Expect to calibrate quantization per layer (or keep sensitive layers in higher precision); for new designs, add residual connections.',
  options: ['maxDepthWithoutSkip'],
  check({ graph, options }) {
    // depth(v) = weighted layers on the longest path to v not bypassed by a skip; a merge that closes
    // a skip takes the shortest of its inputs (the shortcut bypasses the branch).
    const isConstant = constantTest(graph);
    const depth = new Map<Value, number>();
    let worst = 0;
    let at: Node | undefined;
    for (const node of graph.nodes) {
      const ins = node.inputs.filter((v): v is Value => v !== undefined && !isConstant(v)).map((v) => depth.get(v) ?? 0);
      let d = ins.length === 0 ? 0 : Math.max(...ins);
      if ((node.opType === 'Add' || node.opType === 'Sum') && ins.length >= 2 && skipMerge(node, isConstant)) d = Math.min(...ins);
      if (isWeightedLayer(node)) d++;
      for (const o of node.outputs) if (o) depth.set(o, d);
      if (d > worst) {
        worst = d;
        at = node;
      }
    }
    if (worst <= options.maxDepthWithoutSkip || !at) return [];
    return [{ node: at, message: `${worst} weighted layers run in a row without a skip connection (ending at ${at.name}); the limit is ${options.maxDepthWithoutSkip}.` }];
  },
});
