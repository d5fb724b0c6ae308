import { opKindCounts } from '@autodoc/core';
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
    // Each op kind once (bodies included), with its count and first node, in order of first appearance.
    const ops = opKindCounts(ctx.graph);
    const out: RiskFinding[] = [];
    for (const id of options.runtimes) {
      const runtime = runtimes[id];
      if (!runtime) continue;
      for (const op of ops) {
        const reason = runtime.unsupported(op.domain, op.opType, ctx.opset(op.domain) ?? 0);
        if (!reason) continue;
        const name = op.domain === 'ai.onnx' ? op.opType : `${op.domain}::${op.opType}`;
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
