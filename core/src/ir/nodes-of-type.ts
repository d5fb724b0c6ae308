import { walkAllGraphs } from '../pipeline/analyze.js';
import type { Graph, Node } from './graph.js';
import { IrNode } from './ir-node.js';

/** One op kind of a graph: its domain and op type, and its nodes in graph order. */
export interface OpKindNodes {
  readonly domain: string;
  readonly opType: string;
  readonly nodes: readonly Node[];
}

const kindsOf = new WeakMap<Graph, readonly OpKindNodes[]>();

/**
 * Each distinct (domain, op type) among `graph`'s nodes, in order of first appearance, with its
 * nodes in graph order: made on first use, then shared (frozen). A graph built from a large model
 * is grouped by the reader's column of kind numbers, with no lookup per node; op histograms and
 * per-op-type passes read it instead of counting in Maps node by node.
 *
 * @example
 * ```ts
 * for (const { domain, opType, nodes } of opKindsOf(ctx.graph)) counts.set(`${domain}::${opType}`, nodes.length);
 * ```
 */
export function opKindsOf(graph: Graph): readonly OpKindNodes[] {
  let kinds = kindsOf.get(graph);
  if (!kinds) {
    kinds = Object.freeze(groupByKind(graph));
    kindsOf.set(graph, kinds);
  }
  return kinds;
}

/** One op kind over a graph and its bodies: how many nodes, and the first in walk order. */
export interface OpKindCount {
  readonly domain: string;
  readonly opType: string;
  readonly count: number;
  readonly first: Node;
}

const countsOf = new WeakMap<Graph, readonly OpKindCount[]>();

/**
 * Each distinct (domain, op type) over `root` and every If/Loop/Scan body below it, in order of
 * first appearance as `walkAllNodes(root)` lists the nodes (graph after graph), with its node count
 * and first node: an op histogram of the whole model from each graph's `opKindsOf`, no work per
 * node. Made once per graph, then shared (frozen).
 */
export function opKindCounts(root: Graph): readonly OpKindCount[] {
  let counts = countsOf.get(root);
  if (!counts) {
    const byDomain = new Map<string, Map<string, { domain: string; opType: string; count: number; first: Node }>>();
    const list: { domain: string; opType: string; count: number; first: Node }[] = [];
    for (const graph of walkAllGraphs(root)) {
      for (const { domain, opType, nodes } of opKindsOf(graph)) {
        let byType = byDomain.get(domain);
        if (!byType) byDomain.set(domain, (byType = new Map()));
        const seen = byType.get(opType);
        if (seen) seen.count += nodes.length;
        else {
          const entry = { domain, opType, count: nodes.length, first: nodes[0] };
          byType.set(opType, entry);
          list.push(entry);
        }
      }
    }
    counts = Object.freeze(list.map((entry) => Object.freeze(entry)));
    countsOf.set(root, counts);
  }
  return counts;
}

function groupByKind(graph: Graph): OpKindNodes[] {
  const nodes = graph.nodes;
  const origin = nodes[0] instanceof IrNode ? IrNode.originOf(nodes[0]) : undefined;
  const column = origin?.table.kindColumn();
  if (!origin || !column || column.ids.length !== nodes.length) return groupByName(nodes);
  const { ids, kinds } = column;
  const rows = origin.rows;
  // Counted first, so each list is made at its size (pushing a million nodes regrows the lists).
  const counts = new Int32Array(kinds.length);
  for (let row = 0; row < ids.length; row++) counts[ids[row]]++;
  const lists = kinds.map((_, id) => new Array<Node>(counts[id]));
  const filled = new Int32Array(kinds.length);
  for (let i = 0; i < nodes.length; i++) {
    const id = ids[rows ? rows[i] : i];
    lists[id][filled[id]++] = nodes[i];
  }
  const out = kinds.map((k, id) => ({ domain: k.domain, opType: k.opType, nodes: Object.freeze(lists[id]) }));
  // Kinds are numbered in file order; a re-sorted graph's first appearances follow execution order.
  if (rows) out.sort((a, b) => a.nodes[0].index - b.nodes[0].index);
  return out;
}

/** The same from the nodes' own fields (small graphs keep node objects, and hand-made graphs). */
function groupByName(nodes: readonly Node[]): OpKindNodes[] {
  const byDomain = new Map<string, Map<string, Node[]>>();
  const out: OpKindNodes[] = [];
  for (const node of nodes) {
    let byType = byDomain.get(node.domain);
    if (!byType) byDomain.set(node.domain, (byType = new Map()));
    const list = byType.get(node.opType);
    if (list) list.push(node);
    else {
      const first = [node];
      byType.set(node.opType, first);
      out.push({ domain: node.domain, opType: node.opType, nodes: first });
    }
  }
  for (const kind of out) Object.freeze(kind.nodes);
  return out;
}

/** Each graph's nodes by op type (any domain), in graph order: made on first use, then shared. */
const byOpOf = new WeakMap<Graph, ReadonlyMap<string, readonly Node[]>>();
const NONE: readonly Node[] = Object.freeze([]);

/**
 * The nodes of `graph` whose op type is one of `opTypes` (any domain), in graph order. The index by
 * op type is made once per graph and shared by every plugin, so a rule or detector about a few op
 * types visits only those nodes: each pass over a million nodes costs ~20–40 ms, and the risk rules
 * and pattern detectors made a dozen. The lists are frozen (they are shared).
 *
 * @example
 * ```ts
 * for (const node of nodesOfType(ctx.graph, 'Add', 'Sum')) …
 * ```
 */
export function nodesOfType(graph: Graph, ...opTypes: string[]): readonly Node[] {
  const byOp = indexOf(graph);
  if (opTypes.length === 1) return byOp.get(opTypes[0]) ?? NONE;
  const lists: (readonly Node[])[] = [];
  for (const op of new Set(opTypes)) {
    const list = byOp.get(op);
    if (list) lists.push(list);
  }
  if (lists.length <= 1) return lists[0] ?? NONE;
  // Graph order: a node's index is its position in graph.nodes.
  return Object.freeze(lists.flat().sort((a, b) => a.index - b.index));
}

function indexOf(graph: Graph): ReadonlyMap<string, readonly Node[]> {
  let byOp = byOpOf.get(graph);
  if (!byOp) {
    const lists = new Map<string, readonly Node[]>();
    for (const { opType, nodes } of opKindsOf(graph)) {
      const other = lists.get(opType);
      // One op type in two domains (rare): one list, in graph order.
      lists.set(opType, other ? Object.freeze([...other, ...nodes].sort((a, b) => a.index - b.index)) : nodes);
    }
    byOp = lists;
    byOpOf.set(graph, byOp);
  }
  return byOp;
}
