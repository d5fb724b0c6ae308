import { type AnalysisContext, blockOf, type Dim, dims, type LayerFigures, type Node, symbolicCount, TopK } from '@autodoc/core';
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
  if (ctx.graph.nodes.some((n) => n.subgraphs.size > 0)) notes.add('Nodes inside If/Loop/Scan bodies are counted in their control-flow node (If: the larger branch; Loop/Scan: body × iterations); their own rows appear in layers[] with their graph path.');

  const table = (map: Map<string, Totals>, key: 'macs' | 'flops') => Object.fromEntries([...map].map(([k, v]) => [k, symbolicCount(v[key].value(), bindings)]));
  const macs = all.macs.value();
  const flops = all.flops.value();
  return {
    macs: { ...symbolicCount(macs, bindings), byOpType: table(byOp, 'macs'), byBlock: table(byBlock, 'macs') },
    flops: { ...symbolicCount(flops, bindings), byOpType: table(byOp, 'flops'), byBlock: table(byBlock, 'flops') },
    complete: uncounted.size === 0,
    uncounted: [...uncounted.values()].sort((a, b) => b.count - a.count),
    free,
    hotspots: hotspots(ctx, counter, flops),
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

/** Ranks top-level nodes by FLOPs at the bindings; unbound symbols count as 1 for ranking only. */
function hotspots(ctx: AnalysisContext, counter: CostCounter, total: Dim): CostSection['hotspots'] {
  const bindings = ctx.options.bindings;
  const totalValue = dims.evaluate(total, bindings);
  const top = new TopK<{ node: Node; flops: Dim; macs: Dim }>(HOTSPOTS);
  for (const node of ctx.graph.nodes) {
    const cost = counter.costOf(node);
    if (cost?.kind !== 'counted') continue;
    top.offer(dims.rank(cost.flops, bindings), () => ({ node, flops: cost.flops, macs: cost.macs }));
  }
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
