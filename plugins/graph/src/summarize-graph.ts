import { type AnalysisContext, defineLazyRows, opKindCounts, walkAllGraphs } from '@autodoc/core';
import type { GraphSection } from './graph-section.js';
import { TensorRows } from './tensor-rows.js';

/** Counts nodes and op types over the whole model (bodies included) and lists produced tensors. */
export function summarizeGraph(ctx: AnalysisContext): GraphSection {
  const graphs = walkAllGraphs(ctx.graph);
  const graphsWithNodes = graphs.filter((g) => g.nodes.length > 0).length;
  const total = graphs.reduce((n, g) => n + g.nodes.length, 0);
  let values = 0;
  for (const node of ctx.allNodes()) for (let i = 0, count = node.outputCount; i < count; i++) if (node.output(i)) values++;
  // Null-prototype objects while filling, so names like __proto__ count as any other.
  const histogram: Record<string, number> = Object.create(null);
  const byDomain: Record<string, Record<string, number>> = Object.create(null);
  // Op kinds in the order first seen, graph after graph, as ctx.allNodes() lists the nodes.
  for (const { domain, opType, count: n } of opKindCounts(ctx.graph)) {
    byDomain[domain] ??= Object.create(null);
    byDomain[domain][opType] = n;
    const key = domain === 'ai.onnx' ? opType : `${domain}::${opType}`;
    histogram[key] = (histogram[key] ?? 0) + n;
  }
  const section: GraphSection = {
    name: ctx.graph.name,
    nodeCount: ctx.graph.nodes.length,
    nodeCountWithSubgraphs: total,
    subgraphCount: Math.max(0, graphsWithNodes - (ctx.graph.nodes.length > 0 ? 1 : 0)),
    initializerCount: ctx.graph.initializers.length,
    valueCount: values + ctx.graph.inputs.length + ctx.graph.initializers.length,
    // JSON output needs plain objects.
    opHistogram: { ...histogram },
    opHistogramByDomain: Object.fromEntries(Object.entries(byDomain).map(([d, h]) => [d, { ...h }])),
    functions: ctx.model.functions.map((f) => ({ domain: f.domain, name: f.name, nodeCount: f.nodes.length })),
  };
  if (!ctx.options.summary) defineLazyRows(section, 'tensors', new TensorRows(ctx.allNodes(), values, ctx.checkMemory));
  return section;
}
