import { storageBytes } from '@autodoc/core';
import { defineRule, type RiskFinding } from '../rule.js';

const MiB = 1024 * 1024;

export default defineRule({
  code: 'RISK_HUGE_CONSTANT',
  severity: 'warning',
  summary: 'A very large tensor is stored in a Constant node, or a single initializer is huge.',
  why: 'Constant nodes live inside the graph proto: they cannot move to external data, count toward protobuf\'s 2 GB limit, and are copied by graph tools. A single huge initializer strains loaders with 32-bit offsets, mobile memory and converters.',
  hint: 'Turn large Constant nodes into initializers (onnx.external_data_helper / onnxsim), store big weights as external data, or shard/quantize the largest tensor.',
  options: ['hugeConstantBytes', 'hugeInitializerBytes'],
  check({ ctx, graph, options }) {
    const out: RiskFinding[] = [];
    for (const node of ctx.allNodes()) {
      const t = node.opType === 'Constant' ? node.attributes.get('value')?.t : undefined;
      if (!t || t.elementCount < 0) continue;
      const bytes = storageBytes(t.dataType, t.elementCount) ?? 0;
      if (bytes >= options.hugeConstantBytes) out.push({ node, message: `Constant ${node.name} holds ${(bytes / MiB).toFixed(1)} MiB ([${t.dims.join(', ')}]) inside the graph.` });
    }
    for (const v of graph.initializers) {
      const t = v.initializer;
      if (!t || t.elementCount < 0) continue;
      const bytes = storageBytes(t.dataType, t.elementCount) ?? 0;
      if (bytes >= options.hugeInitializerBytes) out.push({ message: `Initializer ${t.name} is ${(bytes / MiB).toFixed(1)} MiB ([${t.dims.join(', ')}]).` });
    }
    return out;
  },
});
