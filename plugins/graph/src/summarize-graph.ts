import { type AnalysisContext, tensorJson, type Value } from '@autodoc/core';
import type { GraphSection } from './graph-section.js';

type TensorRow = NonNullable<GraphSection['tensors']>[number];

/** Counts nodes and op types over the whole model (bodies included) and lists produced tensors. */
export function summarizeGraph(ctx: AnalysisContext): GraphSection {
  const histogram: Record<string, number> = Object.create(null);
  const byDomain: Record<string, Record<string, number>> = Object.create(null);
  const tensors: GraphSection['tensors'] = ctx.options.summary ? undefined : [];
  const graphs = new Set<string>();
  let total = 0;
  let values = 0;
  // Runs of tensors share one type object (shape rules pass it through): their rows then share the
  // shape list too, instead of a copy per tensor (a million-node chain made a million).
  let lastType: Value['type'];
  let lastRow: TensorRow | undefined;
  for (const node of ctx.allNodes()) {
    // graph.tensors[] takes ~140 MB per million values: let the budget stop it in time.
    if ((total & 0x3fff) === 0x3fff) ctx.checkBudget('listing graph.tensors[]');
    total++;
    graphs.add(node.graphPath);
    const key = node.domain === 'ai.onnx' ? node.opType : `${node.domain}::${node.opType}`;
    histogram[key] = (histogram[key] ?? 0) + 1;
    byDomain[node.domain] ??= Object.create(null);
    byDomain[node.domain][node.opType] = (byDomain[node.domain][node.opType] ?? 0) + 1;
    for (const out of node.outputs) {
      if (!out) continue;
      values++;
      if (!tensors) continue;
      // A row depends only on the name and, when the type is known, the type.
      const row: TensorRow = out.type !== undefined && out.type === lastType && lastRow ? { ...lastRow, name: out.name } : tensorJson(out);
      lastType = out.type;
      lastRow = row;
      tensors.push(row);
    }
  }
  return {
    name: ctx.graph.name,
    nodeCount: ctx.graph.nodes.length,
    nodeCountWithSubgraphs: total,
    subgraphCount: Math.max(0, graphs.size - (ctx.graph.nodes.length > 0 ? 1 : 0)),
    initializerCount: ctx.graph.initializers.length,
    valueCount: values + ctx.graph.inputs.length + ctx.graph.initializers.length,
    // JSON output needs plain objects; null-prototype maps keep names like __proto__ safe while counting.
    opHistogram: { ...histogram },
    opHistogramByDomain: Object.fromEntries(Object.entries(byDomain).map(([d, h]) => [d, { ...h }])),
    functions: ctx.model.functions.map((f) => ({ domain: f.domain, name: f.name, nodeCount: f.nodes.length })),
    ...(tensors ? { tensors } : {}),
  };
}
