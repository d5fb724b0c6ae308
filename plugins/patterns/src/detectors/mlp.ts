import type { Node } from '@autodoc/core';
import { type GraphView, names } from '../graph-view.js';
import { defineDetector, type PatternMatch } from './detector.js';

/** Elementwise ops an MLP's activation region may contain (decomposed GELU/SiLU included). */
const REGION_OPS = new Set(['Relu', 'Gelu', 'Erf', 'Tanh', 'Sigmoid', 'Mul', 'Add', 'Div', 'Pow', 'Sub', 'Softplus', 'Elu', 'Selu', 'LeakyRelu', 'HardSwish', 'HardSigmoid', 'Clip', 'Swish', 'Mish', 'FastGelu', 'BiasGelu', 'QuickGelu', 'Cast', 'Dropout', 'Identity']);
/** The nonlinearities; a region with none is not an MLP (two linears around a residual add, say). */
const NONLINEAR = new Set(['Relu', 'Gelu', 'Erf', 'Tanh', 'Sigmoid', 'Softplus', 'Elu', 'Selu', 'LeakyRelu', 'HardSwish', 'HardSigmoid', 'Swish', 'Mish', 'FastGelu', 'BiasGelu', 'QuickGelu']);
const SIGMOID_LIKE = new Set(['Sigmoid', 'Swish', 'HardSigmoid', 'QuickGelu']);
const GELU_LIKE = new Set(['Gelu', 'Erf', 'Tanh', 'FastGelu', 'BiasGelu']);

/** A weighted MatMul/Gemm with a 2-D weight: a linear layer. */
function isLinear(view: GraphView, n: Node): boolean {
  return (n.opType === 'MatMul' || n.opType === 'Gemm') && view.weight(n, 1)?.dims.length === 2;
}

/**
 * Linear → activation → Linear. Gated MLPs (two parallel up-projections of the same input, one
 * through the activation, multiplied) are tagged `swiglu` (sigmoid/SiLU gate), `geglu` (GELU gate)
 * or `gated`; plain ones `plain`.
 */
export default defineDetector({
  name: 'mlp',
  description: 'Feed-forward block: linear → nonlinearity → linear; gated variants SwiGLU/GeGLU.',
  detect(view) {
    const out: PatternMatch[] = [];
    const downs = new Set<Node>();
    for (const up of view.nodesOf(['MatMul', 'Gemm'])) {
      if (!isLinear(view, up)) continue;
      const region: Node[] = [];
      const seen = new Set<Node>();
      const queue: Node[] = [...view.consumers(up.outputs[0])];
      let down: Node | undefined;
      while (queue.length > 0 && region.length < 24) {
        const n = queue.shift() as Node;
        if (seen.has(n)) continue;
        seen.add(n);
        if (isLinear(view, n)) {
          down ??= n;
          continue;
        }
        if (!REGION_OPS.has(n.opType)) continue;
        region.push(n);
        for (const o of n.outputs) queue.push(...view.consumers(o));
      }
      if (!down || downs.has(down) || !region.some((n) => NONLINEAR.has(n.opType))) continue;
      // The down projection must consume the region (not merely be reachable past it).
      if (!region.some((n) => n.outputs.includes(down.inputs[0]))) continue;
      // A gate: a Mul in the region whose other operand comes from another linear of the same input.
      const gate = region
        .filter((n) => n.opType === 'Mul')
        .flatMap((m) => m.inputs.map((x) => linearBehind(view, x)))
        .find((g) => g !== undefined && g !== up && g.inputs[0] === up.inputs[0]);
      downs.add(down);
      let tags = ['plain'];
      if (gate) tags = [region.some((n) => SIGMOID_LIKE.has(n.opType)) ? 'swiglu' : region.some((n) => GELU_LIKE.has(n.opType)) ? 'geglu' : 'gated'];
      out.push({ anchor: up, nodes: names(up, gate, down), tags });
    }
    return out;
  },
});

/** The linear layer that produced `v`, through an optional bias Add. */
function linearBehind(view: GraphView, v: Node['inputs'][number]): Node | undefined {
  let p = view.producer(v);
  if (p?.opType === 'Add' && p.inputs.some((x) => view.isConstant(x))) p = view.producer(p.inputs.find((x) => !view.isConstant(x)));
  return p && isLinear(view, p) ? p : undefined;
}
