import { constantTest, nodesOfType, skipLinkOf } from '@autodoc/core';
import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_CONCAT_RESIDUAL',
  severity: 'info',
  summary: 'A skip connection is merged by Concat (dense connection) instead of Add.',
  why: 'Concatenated shortcuts grow the channel count with every block, so activation memory and the cost of later layers grow with depth; runtimes cannot fuse them into the producing kernel as they do residual adds.',
  hint: 'Expected for DenseNet/U-Net style models; budget activation memory for it, or use additive residuals when designing a new model.',
  options: [],
  check({ graph }) {
    const isConstant = constantTest(graph);
    const out = [];
    for (const node of nodesOfType(graph, 'Concat')) {
      if (skipLinkOf(node, isConstant)) out.push({ node, message: `${node.name} concatenates a tensor with a branch computed from it.` });
    }
    return out;
  },
});
