import { type AnalysisContext, markFrozenThroughout, opKindCounts, tensorJson, type Value, walkAllGraphs } from '@autodoc/core';
import type { GraphSection } from './graph-section.js';

type TensorRow = NonNullable<GraphSection['tensors']>[number];

/** Counts nodes and op types over the whole model (bodies included) and lists produced tensors. */
export function summarizeGraph(ctx: AnalysisContext): GraphSection {
  const graphs = walkAllGraphs(ctx.graph);
  const graphsWithNodes = graphs.filter((g) => g.nodes.length > 0).length;
  const total = graphs.reduce((n, g) => n + g.nodes.length, 0);
  const tensors: GraphSection['tensors'] = ctx.options.summary ? undefined : [];
  let listed = 0;
  let values = 0;
  // Runs of tensors share one type object (shape rules pass it through): their rows then share the
  // shape list too, instead of a copy per tensor (a million-node chain made a million).
  let lastType: Value['type'];
  let lastRow: TensorRow | undefined;
  for (const node of ctx.allNodes()) {
    // graph.tensors[] takes ~140 MB per million values: let the budget stop it in time.
    if ((++listed & 0x3fff) === 0) ctx.checkBudget('listing graph.tensors[]');
    for (let i = 0, count = node.outputCount; i < count; i++) {
      const out = node.output(i);
      if (!out) continue;
      values++;
      if (!tensors) continue;
      // A row depends only on the name and, when the type is known, the type.
      const row: TensorRow = out.type !== undefined && out.type === lastType && lastRow ? sameType(lastRow, out.name) : frozenRow(tensorJson(out));
      lastType = out.type;
      lastRow = row;
      tensors.push(row);
    }
  }
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
  return {
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
    // Rows are frozen as they are made, so the core's final deep freeze does not walk a million of them.
    ...(tensors ? { tensors: markFrozenThroughout(tensors) } : {}),
  };
}

/** The row of another tensor of `row`'s type: a literal of the same fields (a spread copy cost twice as much). */
function sameType(row: TensorRow, name: string): TensorRow {
  return Object.freeze(row.kind === undefined ? { name, dtype: row.dtype, shape: row.shape } : { name, dtype: row.dtype, shape: row.shape, kind: row.kind });
}

/** `row` and its shape list, frozen (later rows of the same type share the list). */
function frozenRow(row: TensorRow): TensorRow {
  if (row.shape) Object.freeze(row.shape);
  return Object.freeze(row);
}
