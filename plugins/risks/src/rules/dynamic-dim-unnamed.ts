import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_DYNAMIC_DIM_UNNAMED',
  severity: 'warning',
  summary: 'A graph input has a dimension (or a whole shape) with neither a value nor a name.',
  why: 'An anonymous dynamic dimension cannot be bound by name, related to other inputs, or given an optimization profile; shape inference and memory planning treat it as unknown.',
  hint: 'Re-export with dynamic_axes names (PyTorch: torch.onnx.export(..., dynamic_axes={"input": {0: "batch"}})) or a fixed size.',
  options: [],
  check({ graph }) {
    const out = [];
    for (const input of graph.inputs) {
      const t = input.declared;
      if (!t || (t.kind !== 'tensor' && t.kind !== 'sparse_tensor')) continue;
      if (!t.shape) {
        out.push({ message: `Input "${input.name}" declares no shape at all (rank unknown).` });
        continue;
      }
      const anonymous = t.shape.map((d, i) => (d === null || (typeof d === 'number' && d < 0) ? i : -1)).filter((i) => i >= 0);
      if (anonymous.length > 0) out.push({ message: `Input "${input.name}" has unnamed dynamic dimension(s) at axis ${anonymous.join(', ')} (shape [${t.shape.map((d) => (d === null || (typeof d === 'number' && d < 0) ? '?' : d)).join(', ')}]).` });
    }
    return out;
  },
});
