import type { Graph, Node } from './graph.js';

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
    const lists = new Map<string, Node[]>();
    for (const node of graph.nodes) {
      const list = lists.get(node.opType);
      if (list) list.push(node);
      else lists.set(node.opType, [node]);
    }
    for (const list of lists.values()) Object.freeze(list);
    byOp = lists;
    byOpOf.set(graph, byOp);
  }
  return byOp;
}
