import { type AnalysisContext, markFrozenThroughout, tensorJson, type Value } from '@autodoc/core';
import type { GraphSection } from './graph-section.js';

type TensorRow = NonNullable<GraphSection['tensors']>[number];

interface OpCount {
  readonly domain: string;
  readonly opType: string;
  n: number;
}

/** Counts nodes and op types over the whole model (bodies included) and lists produced tensors. */
export function summarizeGraph(ctx: AnalysisContext): GraphSection {
  // Counted per op type in Maps (two lookups and an increment per node), turned into the section's
  // objects at the end: string-keyed objects and key strings per node took ~0.2 s per million nodes.
  const counts = new Map<string, Map<string, OpCount>>();
  /** In the order first seen, which the section's objects keep. */
  const seen: OpCount[] = [];
  const tensors: GraphSection['tensors'] = ctx.options.summary ? undefined : [];
  const graphs = new Set<string>();
  let total = 0;
  let values = 0;
  // Runs of tensors share one type object (shape rules pass it through): their rows then share the
  // shape list too, instead of a copy per tensor (a million-node chain made a million).
  let lastType: Value['type'];
  let lastRow: TensorRow | undefined;
  let lastPath: string | undefined;
  for (const node of ctx.allNodes()) {
    // graph.tensors[] takes ~140 MB per million values: let the budget stop it in time.
    if ((total & 0x3fff) === 0x3fff) ctx.checkBudget('listing graph.tensors[]');
    total++;
    const path = node.graphPath;
    if (path !== lastPath) graphs.add((lastPath = path));
    let byOp = counts.get(node.domain);
    if (!byOp) counts.set(node.domain, (byOp = new Map()));
    const count = byOp.get(node.opType);
    if (count) count.n++;
    else {
      const first = { domain: node.domain, opType: node.opType, n: 1 };
      byOp.set(node.opType, first);
      seen.push(first);
    }
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
    subgraphCount: Math.max(0, graphs.size - (ctx.graph.nodes.length > 0 ? 1 : 0)),
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
