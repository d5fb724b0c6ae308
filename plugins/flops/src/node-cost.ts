import { type AnalysisContext, createOpNode, type Dim, dims, type Graph, type Node, type OpCost, type OpDefinition, opNodeParts, ResultsByTypes, reusableByTypes } from '@autodoc/core';

/** What counting one node gave. */
export type NodeCost =
  | { readonly kind: 'counted'; readonly macs: Dim; readonly flops: Dim; readonly note?: string }
  | { readonly kind: 'free' }
  | { readonly kind: 'unknown'; readonly reason: string };

const FREE: NodeCost = Object.freeze({ kind: 'free' });

/**
 * Counts every node of a graph and of its bodies with the op packs' cost rules. Control-flow rules
 * ask for their bodies' totals through `subgraphCost`, which is served from the same memo so each
 * body is counted once.
 */
export class CostCounter {
  /**
   * Each graph's node costs by node index (keyed by graph path): a Map entry per node was one more
   * long-lived object per node of a million-node graph.
   */
  private readonly costs = new Map<string, (NodeCost | undefined)[]>();
  private readonly graphTotals = new Map<Graph, OpCost>();

  constructor(private readonly ctx: AnalysisContext) {}

  countGraph(graph: Graph): OpCost {
    const cached = this.graphTotals.get(graph);
    if (cached) return cached;
    const macs = new dims.DimSum();
    const flops = new dims.DimSum();
    let costs = this.costs.get(graph.path);
    if (!costs) {
      this.costs.set(graph.path, (costs = new Array<NodeCost | undefined>(graph.nodes.length).fill(undefined)));
      this.lastPath = undefined;
    }
    for (let i = 0; i < graph.nodes.length; i++) {
      const node = graph.nodes[i];
      if (i % 4096 === 4095) this.ctx.checkBudget('counting MACs and FLOPs');
      const cost = (costs[i] ??= this.evaluate(node));
      if (cost.kind === 'counted') {
        macs.add(cost.macs);
        flops.add(cost.flops);
      }
    }
    const total = { macs: macs.value(), flops: flops.value() };
    this.graphTotals.set(graph, total);
    return total;
  }

  /** What counting `node` gave; undefined until its graph was counted. */
  costOf(node: Node): NodeCost | undefined {
    // Asked node after node of one graph: its list is kept from the previous call.
    const path = node.graphPath;
    if (path !== this.lastPath) {
      this.lastPath = path;
      this.lastCosts = this.costs.get(path);
    }
    return this.lastCosts?.[node.index];
  }

  private lastPath: string | undefined;
  private lastCosts: (NodeCost | undefined)[] | undefined;

  /**
   * The previous node's result when this one counts the same (runs of one op on one shape are the
   * common case, and equal symbolic counts are the same Dim object): a million kept results were a
   * million objects.
   */
  private last: Extract<NodeCost, { kind: 'counted' }> | undefined;

  private counted(macs: Dim, flops: Dim, note: string | undefined): NodeCost {
    const last = this.last;
    if (last && last.macs === macs && last.flops === flops && last.note === note) return last;
    return (this.last = { kind: 'counted', macs, flops, note });
  }

  /** Counts of `costFromTypes` rules, for the next node of the op with the same value types. */
  private readonly reuse = new ResultsByTypes<NodeCost>();

  private evaluate(node: Node): NodeCost {
    const opset = this.ctx.opset(node.domain);
    const definition = opset === undefined ? this.ctx.ops.latest(node.domain, node.opType) : this.ctx.ops.lookup(node.domain, node.opType, opset);
    const rule = definition?.cost;
    if (!rule) return { kind: 'unknown', reason: definition ? 'the op definition has no cost rule' : 'no op definition' };
    if (rule === 'free') return FREE;
    if (definition.costFromTypes !== true || !reusableByTypes(node)) return this.run(node, definition, rule, opset);
    const key = opset ?? -1;
    const known = this.reuse.get(definition, key, node, true);
    if (known) return known;
    const cost = this.run(node, definition, rule, opset);
    // Only counts: an uncounted node's reason may name the node.
    if (cost.kind === 'counted') this.reuse.set(definition, key, node, true, cost);
    return cost;
  }

  private run(node: Node, definition: OpDefinition, rule: Exclude<OpDefinition['cost'], 'free' | undefined>, opset: number | undefined): NodeCost {
    // Only control-flow nodes need the body callback; a closure per node is garbage at a million nodes.
    const subgraphCost = node.subgraphs.size === 0 ? undefined : (attrName: string) => {
      const body = node.subgraphs.get(attrName);
      return body ? this.countGraph(body) : undefined;
    };
    const op = createOpNode(opNodeParts(node, opset ?? definition.since, subgraphCost && { subgraphCost }));
    try {
      const result = rule(op);
      if (result.flops === undefined || result.flops === null) return { kind: 'unknown', reason: 'the cost rule returned no FLOPs' };
      return this.counted(result.macs ?? 0, result.flops, result.note);
    } catch (error) {
      // Rules throw COST_SHAPE_UNKNOWN / COST_DATA_DEPENDENT on purpose; anything else is a rule that
      // could not cope with this node. Either way the node is uncounted, never zero.
      const code = (error as { code?: string }).code;
      const shapesKnown = node.inputs.every((v) => !v || v.type !== undefined) && node.outputs.every((v) => !v || v.type !== undefined);
      if (code === 'COST_SHAPE_UNKNOWN' || !shapesKnown) return { kind: 'unknown', reason: 'input or output shapes are unknown' };
      if (code === 'COST_DATA_DEPENDENT') return { kind: 'unknown', reason: 'the work depends on tensor contents' };
      const message = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
      return { kind: 'unknown', reason: `the cost rule failed: ${message}` };
    }
  }
}
