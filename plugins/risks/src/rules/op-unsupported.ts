import type { Node } from '@autodoc/core';
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
    const out: RiskFinding[] = [];
    for (const id of options.runtimes) {
      const runtime = runtimes[id];
      if (!runtime) continue;
      const found = new Map<string, { first: Node; count: number; reason: string }>();
      for (const node of ctx.allNodes()) {
        const key = `${node.domain}::${node.opType}`;
        const seen = found.get(key);
        if (seen) {
          seen.count++;
          continue;
        }
        const reason = runtime.unsupported(node.domain, node.opType, ctx.opset(node.domain) ?? 0);
        if (reason) found.set(key, { first: node, count: 1, reason });
      }
      for (const [key, f] of found) {
        const op = f.first.domain === 'ai.onnx' ? f.first.opType : key;
        out.push({
          node: f.first,
          message: `${runtime.title}: ${op} (${f.count} node${f.count === 1 ? '' : 's'}, first ${locate(f.first).name}) is ${f.reason}; ${runtime.consequence}.`,
          hint: `${runtime.hint} Source: ${runtime.source}`,
        });
      }
    }
    return out;
  },
});
