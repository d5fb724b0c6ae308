import { type Graph, type Node, opKindsOf, walkAllGraphs } from '@autodoc/core';
import { locate } from '../graph-utils.js';
import { defineRule, type RiskFinding } from '../rule.js';
import { runtimes } from '../runtimes/index.js';

export default defineRule({
  code: 'RISK_OP_UNSUPPORTED',
  severity: 'warning',
  summary: 'An op is not supported by a target runtime (TensorRT, ORT Mobile, CoreML, TFLite), per that runtime\'s published list.',
  why: 'Depending on the runtime the model fails to load or convert, or the op falls back to the CPU and splits the graph, with copies between partitions.',
  hint: 'See the runtime\'s list (cited in the message); replace the op before export, build the runtime with it, or drop the runtime from the `runtimes` option.',
  options: ['runtimes'],
  check({ ctx, options }) {
    const ops = opsInOrder(ctx.graph);
    const out: RiskFinding[] = [];
    for (const id of options.runtimes) {
      const runtime = runtimes[id];
      if (!runtime) continue;
      for (const op of ops) {
        const reason = runtime.unsupported(op.first.domain, op.first.opType, ctx.opset(op.first.domain) ?? 0);
        if (!reason) continue;
        const name = op.first.domain === 'ai.onnx' ? op.first.opType : `${op.first.domain}::${op.first.opType}`;
        out.push({
          node: op.first,
          message: `${runtime.title}: ${name} (${op.count} node${op.count === 1 ? '' : 's'}, first ${locate(op.first).name}) is ${reason}; ${runtime.consequence}.`,
          hint: `${runtime.hint} Source: ${runtime.source}`,
        });
      }
    }
    return out;
  },
});

/**
 * Each distinct (domain, op type) with its first node and count, in order of first appearance over
 * the graph and its bodies (as ctx.allNodes() walks them): from each graph's op kinds, so there is
 * no work per node.
 */
function opsInOrder(root: Graph): { first: Node; count: number }[] {
  const byDomain = new Map<string, Map<string, { first: Node; count: number }>>();
  const list: { first: Node; count: number }[] = [];
  for (const graph of walkAllGraphs(root)) {
    for (const { domain, opType, nodes } of opKindsOf(graph)) {
      let byType = byDomain.get(domain);
      if (!byType) byDomain.set(domain, (byType = new Map()));
      const seen = byType.get(opType);
      if (seen) seen.count += nodes.length;
      else {
        const entry = { first: nodes[0], count: nodes.length };
        byType.set(opType, entry);
        list.push(entry);
      }
    }
  }
  return list;
}
