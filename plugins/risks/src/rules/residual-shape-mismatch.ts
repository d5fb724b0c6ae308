import { constantTest, dims, nodesOfType, skipLinkOf, tensorOf } from '@autodoc/core';
import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_RESIDUAL_SHAPE_MISMATCH',
  severity: 'warning',
  summary: 'A residual Add merges a shortcut and a branch of different shapes (relying on broadcasting).',
  why: 'A broadcasting residual is usually an export accident (a lost projection, a squeezed axis); it silently changes the math, and fused residual kernels (SkipLayerNorm, Conv+Add fusions) require equal shapes, so the fusion is skipped.',
  hint: 'Make the shortcut match the branch explicitly (projection, Reshape/Expand) or fix the module so both paths produce the same shape.',
  options: [],
  check({ graph }) {
    const isConstant = constantTest(graph);
    const out = [];
    for (const node of nodesOfType(graph, 'Add', 'Sum')) {
      const link = skipLinkOf(node, isConstant);
      if (!link) continue;
      const a = tensorOf(link.skip).shape;
      const b = tensorOf(link.branch).shape;
      if (!a || !b) continue;
      const same = a.length === b.length && a.every((d, i) => dims.equal(d, b[i]));
      if (!same) out.push({ node, message: `Residual ${node.name} adds shortcut [${a.map((d) => dims.format(d)).join(', ')}] to branch [${b.map((d) => dims.format(d)).join(', ')}].` });
    }
    return out;
  },
});
