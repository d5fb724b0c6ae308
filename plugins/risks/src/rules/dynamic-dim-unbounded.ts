import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_DYNAMIC_DIM_UNBOUNDED',
  severity: 'info',
  summary: 'A graph input has a named dynamic dimension that is not bound (--dim).',
  why: 'Runtimes that compile ahead of time (TensorRT, CoreML, TFLite, NPUs) need a range or a fixed value for every dynamic dimension; figures in this report stay symbolic until it is bound.',
  hint: 'Bind it for the analysis with --dim NAME=VALUE, and give the runtime an optimization profile (min/opt/max) or fix the shape at export.',
  options: [],
  check({ graph, ctx }) {
    const out = [];
    for (const input of graph.inputs) {
      const t = input.declared;
      if (!t || (t.kind !== 'tensor' && t.kind !== 'sparse_tensor') || !t.shape) continue;
      const unbound = [...new Set(t.shape.filter((d): d is string => typeof d === 'string' && !(d in ctx.options.bindings)))];
      if (unbound.length > 0) out.push({ message: `Input "${input.name}" has unbound dynamic dimension(s) ${unbound.join(', ')} (shape [${t.shape.map((d) => d ?? '?').join(', ')}]).` });
    }
    return out;
  },
});
