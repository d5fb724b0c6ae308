import { type AnalysisContext, blockOf, type Dim, dims, type LayerFigures, type Node, symbolicCount, TopK, walkAllGraphs } from '@autodoc/core';
import type { CostSection } from './cost-section.js';
import type { CostCounter, NodeCost } from './node-cost.js';
import { uncountedWarning } from './uncounted-snippet.js';

const HOTSPOTS = 10;

/**
 * Sums the top-level nodes' costs (bodies are inside their If/Loop/Scan node's cost) by op type and
 * block, lists uncounted and free op types, ranks hotspots, and writes each node's layer figures.
 */
export function aggregate(ctx: AnalysisContext, counter: CostCounter): CostSection {
  const bindings = ctx.options.bindings;
  const byOp = new Map<string, Totals>();
  const byBlock = new Map<string, Totals>();
  const uncounted = new Map<string, { domain: string; opType: string; count: number; reason: string }>();
  const free: Record<string, number> = {};
  const notes = new Set<string>();
  const all = newTotals();
  // Runs of nodes share a cost object (equal counts) and a block: their layer figures and block
  // totals are looked up once per run.
  let lastCost: NodeCost | undefined;
  let lastFigures: LayerFigures = {};
  let lastBlock: string | undefined;
  let blockTotals = newTotals();
  // Hotspots: top-level nodes ranked by FLOPs at the bindings (unbound symbols count as 1 for ranking
  // only), in this walk; a run of nodes sharing a cost object is ranked once.
  const top = new TopK<Hotspot>(HOTSPOTS);
  let rankedCost: NodeCost | undefined;
  let rank = 0;

  for (const node of ctx.allNodes()) {
    const cost = counter.costOf(node) as NodeCost;
    const opKey = node.domain === 'ai.onnx' ? node.opType : `${node.domain}::${node.opType}`;
    const topLevel = node.graphPath === ctx.graph.path;
    if (cost.kind === 'unknown') {
      const entry = uncounted.get(opKey) ?? { domain: node.domain, opType: node.opType, count: 0, reason: cost.reason };
      entry.count++;
      uncounted.set(opKey, entry);
      ctx.layers.set(node, { costStatus: 'unknown' });
      continue;
    }
    if (cost.kind === 'free') {
      free[opKey] = (free[opKey] ?? 0) + 1;
      ctx.layers.set(node, { costStatus: 'free', macs: 0, flops: 0 });
      continue;
    }
    if (cost !== lastCost) lastFigures = { costStatus: 'counted', macs: cost.macs, flops: cost.flops };
    lastCost = cost;
    ctx.layers.set(node, lastFigures);
    if (cost.note) notes.add(`${node.opType}: ${cost.note}`);
    if (!topLevel) continue;
    if (cost !== rankedCost) {
      rankedCost = cost;
      rank = dims.rank(cost.flops, bindings);
    }
    top.offer(rank, () => ({ node, flops: cost.flops, macs: cost.macs }));
    all.macs.add(cost.macs);
    all.flops.add(cost.flops);
    accumulate(byOp, opKey, cost.macs, cost.flops);
    const block = blockOf(ctx, node);
    if (block !== lastBlock) {
      blockTotals = totalsOf(byBlock, block);
      lastBlock = block;
    }
    blockTotals.macs.add(cost.macs);
    blockTotals.flops.add(cost.flops);
  }
  for (const entry of uncounted.values()) ctx.diagnostics.add(uncountedWarning(entry));
  // Bodies exist when the walk found graphs below the top level (no look at each node).
  if (walkAllGraphs(ctx.graph).length > 1) notes.add('Nodes inside If/Loop/Scan bodies are counted in their control-flow node (If: the larger branch; Loop/Scan: body × iterations); their own rows appear in layers[] with their graph path.');

  const table = (map: Map<string, Totals>, key: 'macs' | 'flops') => Object.fromEntries([...map].map(([k, v]) => [k, symbolicCount(v[key].value(), bindings)]));
  const macs = all.macs.value();
  const flops = all.flops.value();
  return {
    macs: { ...symbolicCount(macs, bindings), byOpType: table(byOp, 'macs'), byBlock: table(byBlock, 'macs') },
    flops: { ...symbolicCount(flops, bindings), byOpType: table(byOp, 'flops'), byBlock: table(byBlock, 'flops') },
    complete: uncounted.size === 0,
    uncounted: [...uncounted.values()].sort((a, b) => b.count - a.count),
    free,
    hotspots: hotspotRows(ctx, top, flops),
    notes: [...notes],
  };
}

/** Running MAC and FLOP totals of one group (see DimSum: no new expression per node). */
interface Totals {
  readonly macs: InstanceType<typeof dims.DimSum>;
  readonly flops: InstanceType<typeof dims.DimSum>;
}

function newTotals(): Totals {
  return { macs: new dims.DimSum(), flops: new dims.DimSum() };
}

function totalsOf(map: Map<string, Totals>, key: string): Totals {
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = newTotals()));
  return entry;
}

function accumulate(map: Map<string, Totals>, key: string, macs: Dim, flops: Dim): void {
  const entry = totalsOf(map, key);
  entry.macs.add(macs);
  entry.flops.add(flops);
}

interface Hotspot {
  readonly node: Node;
  readonly flops: Dim;
  readonly macs: Dim;
}

/** The report rows of the top-ranked nodes, with their share of the total FLOPs. */
function hotspotRows(ctx: AnalysisContext, top: TopK<Hotspot>, total: Dim): CostSection['hotspots'] {
  const bindings = ctx.options.bindings;
  const totalValue = dims.evaluate(total, bindings);
  return top.values().map(({ node, flops, macs }) => {
    const f = symbolicCount(flops, bindings).total;
    return {
      name: node.name,
      opType: node.opType,
      block: blockOf(ctx, node),
      macs: symbolicCount(macs, bindings).total,
      flops: f,
      share: f !== null && totalValue !== undefined && Number(totalValue) > 0 ? Number(f) / Number(totalValue) : null,
    };
  });
}
