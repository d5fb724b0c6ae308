import { type AnalysisContext, type Graph, markFrozenThroughout, opKindsOf, tensorJson, type Value, walkAllGraphs } from '@autodoc/core';
import type { GraphSection } from './graph-section.js';

type TensorRow = NonNullable<GraphSection['tensors']>[number];

interface OpCount {
  readonly domain: string;
  readonly opType: string;
  n: number;
}

/** Counts nodes and op types over the whole model (bodies included) and lists produced tensors. */
export function summarizeGraph(ctx: AnalysisContext): GraphSection {
  const { seen, total, graphsWithNodes } = countOps(ctx.graph);
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
  for (const { domain, opType, n } of seen) {
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

/**
 * Nodes per (domain, op type) over the graph and its bodies, in the order first seen (graph after
 * graph, as ctx.allNodes() walks them), from each graph's op kinds: no lookup per node.
 */
function countOps(root: Graph): { seen: OpCount[]; total: number; graphsWithNodes: number } {
  const counts = new Map<string, Map<string, OpCount>>();
  const seen: OpCount[] = [];
  let total = 0;
  let graphsWithNodes = 0;
  for (const graph of walkAllGraphs(root)) {
    if (graph.nodes.length === 0) continue;
    graphsWithNodes++;
    total += graph.nodes.length;
    for (const { domain, opType, nodes } of opKindsOf(graph)) {
      let byOp = counts.get(domain);
      if (!byOp) counts.set(domain, (byOp = new Map()));
      const count = byOp.get(opType);
      if (count) count.n += nodes.length;
      else {
        const first = { domain, opType, n: nodes.length };
        byOp.set(opType, first);
        seen.push(first);
      }
    }
  }
  return { seen, total, graphsWithNodes };
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
