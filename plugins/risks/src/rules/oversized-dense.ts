import { dtypeInfo, groupDigits, nodesOfType, type OnnxTensor, weightBehind } from '@autodoc/core';
import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_OVERSIZED_DENSE',
  severity: 'warning',
  summary: 'One dense (MatMul/Gemm) weight holds a large share of all parameters.',
  why: 'A single layer that dominates the parameter count dominates file size, load time and memory bandwidth (VGG\'s first fully connected layer holds 74% of its weights) while usually adding little accuracy.',
  hint: 'Replace the big fully connected layer with global pooling and a small head, factorize it (low rank), or quantize/prune that layer first.',
  options: ['denseShareThreshold', 'denseMinParams'],
  check({ graph, options }) {
    let total = 0;
    for (const v of graph.initializers) {
      const t = v.initializer;
      if (t && dtypeInfo(t.dataType)?.isFloat && t.elementCount > 0) total += t.elementCount;
    }
    if (total < options.denseMinParams || total === 0) return [];
    const seen = new Set<OnnxTensor>();
    const out = [];
    for (const node of nodesOfType(graph, 'MatMul', 'Gemm')) {
      const w = weightBehind(node.input(1));
      if (w?.dims.length !== 2 || seen.has(w)) continue;
      seen.add(w);
      const share = w.elementCount / total;
      if (share >= options.denseShareThreshold) {
        out.push({ node, message: `${node.name} has a [${w.dims.join(', ')}] weight: ${groupDigits(w.elementCount)} of ${groupDigits(total)} parameters (${(share * 100).toFixed(1)}%).` });
      }
    }
    return out;
  },
});
