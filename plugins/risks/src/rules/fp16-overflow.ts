import { dims, groupDigits, type Node, nodesOfType, tensorOf, type Value } from '@autodoc/core';
import { defineRule, type RiskFinding } from '../rule.js';

/** fp16's largest finite value is 65504: x² overflows from |x| > 255, exp(x) from x > 11.09. */
const REDUCTIONS = new Set(['ReduceSum', 'ReduceSumSquare', 'ReduceL2', 'ReduceProd']);

/** True when `v` is x − max(x): Sub whose subtrahend is a ReduceMax (or Max) of the same tensor. */
function isMaxShifted(v: Value | undefined): boolean {
  const p = v?.producer;
  if (p?.opType !== 'Sub') return false;
  const m = p.inputs[1]?.producer;
  return m !== undefined && (m.opType === 'ReduceMax' || m.opType === 'Max') && m.inputs[0] === p.inputs[0];
}

/** Elements reduced by a Reduce* node, when its input shape and axes are known. */
function reducedElements(node: Node): number | undefined {
  const shape = tensorOf(node.inputs[0]).shape;
  if (!shape) return undefined;
  let axes = node.attributes.get('axes')?.ints;
  if (!axes && node.inputs[1]) axes = node.inputs[1].value?.filter((d): d is number => typeof d === 'number');
  const picked = axes && axes.length > 0 ? axes.map((a) => (a < 0 ? a + shape.length : a)) : shape.map((_, i) => i);
  let n = 1;
  for (const a of picked) {
    const d = shape[a];
    if (d === undefined || dims.isSymbolic(d)) return undefined;
    n *= d as number;
  }
  return n;
}

export default defineRule({
  code: 'RISK_FP16_OVERFLOW',
  severity: 'warning',
  summary: 'A pattern that overflows in fp16: exp without max subtraction, a large sum reduction, or squaring before a mean.',
  why: 'fp16 tops out at 65504: exp(x) overflows for x > 11, x² for |x| > 255, and a sum over tens of thousands of elements easily exceeds it, giving inf/NaN once the model runs in half precision (TensorRT fp16, CoreML, GPU EPs).',
  hint: 'Subtract the max before Exp (or use Softmax/LogSoftmax ops), keep the reduction or normalization in fp32 (mixed-precision op block lists), or use fused LayerNormalization/RMSNormalization.',
  options: ['largeReductionElements'],
  check({ graph, ctx, options }) {
    const half = ctx.options.precision === 'fp16' || graph.initializers.some((v) => v.initializer?.dataType === 10) || graph.inputs.some((v) => v.declared?.kind === 'tensor' && v.declared.elemType === 10);
    const severity = half ? 'warning' : 'info';
    const when = half ? '' : ' (the model is not fp16 now; this matters once it runs in half precision)';
    const out: RiskFinding[] = [];
    for (const node of nodesOfType(graph, 'Exp', 'Pow', ...REDUCTIONS)) {
      if (node.opType === 'Exp' && !isMaxShifted(node.inputs[0])) {
        out.push({ node, severity, message: `${node.name}: Exp of an input that is not shifted by its max can overflow fp16${when}.` });
      } else if (REDUCTIONS.has(node.opType)) {
        const n = reducedElements(node);
        if (n !== undefined && n >= options.largeReductionElements) out.push({ node, severity, message: `${node.name}: ${node.opType} over ${groupDigits(n)} elements can overflow fp16${when}.` });
      } else if (node.opType === 'Pow' && node.inputs[1]?.producer === undefined && node.inputs[1]?.initializer) {
        const next = node.outputs[0]?.consumers ?? [];
        if (next.some((c) => c.opType === 'ReduceMean' || c.opType === 'ReduceSum')) out.push({ node, severity, message: `${node.name}: squaring before a mean (decomposed LayerNorm/RMSNorm variance) overflows fp16 for |x| > 255${when}.` });
      }
    }
    return out;
  },
});
