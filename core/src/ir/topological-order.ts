import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { OnnxNode } from '../onnx/types.js';

/**
 * Kahn's algorithm over tensor names, stable with respect to file order (a model already sorted comes
 * back unchanged): the execution order as indices into `nodes`. Names defined outside the node list
 * (inputs, initializers, outer scopes, undefined) count as available. A cycle is an error that names
 * the nodes on it.
 */
export function topologicalOrder(nodes: readonly OnnxNode[], predefined: ReadonlyMap<string, unknown>, path: string): number[] {
  const producerOf = new Map<string, number>();
  nodes.forEach((node, i) => {
    for (const out of node.outputs) {
      if (out === '') continue;
      if (producerOf.has(out) || predefined.has(out)) {
        throw new AutodocError('GRAPH_NOT_SSA', `Tensor "${out.slice(0, 80)}" is produced twice in graph ${path}.`, 'Each tensor name must be produced once; the file is not in SSA form. Re-export the model.');
      }
      producerOf.set(out, i);
    }
  });
  if (isSorted(nodes, producerOf)) return nodes.map((_, i) => i);
  const pending = new Int32Array(nodes.length);
  const dependents: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => {
    const seen = new Set<number>();
    for (const name of node.inputs) {
      const p = producerOf.get(name);
      if (p === undefined || seen.has(p)) continue;
      seen.add(p);
      pending[i]++;
      dependents[p].push(i);
    }
  });
  // A min-ordered ready queue keeps file order when the file is sorted; a simple array stack would
  // reorder siblings. A binary heap over indices keeps it O(n log n).
  const ready = new MinHeap();
  for (let i = 0; i < nodes.length; i++) if (pending[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(i);
    for (const d of dependents[i]) if (--pending[d] === 0) ready.push(d);
  }
  if (order.length < nodes.length) {
    const cycle = findCycle(nodes, pending, producerOf);
    throw new AutodocError('GRAPH_CYCLE', `Graph ${path} has a cycle: ${cycle}.`, 'ONNX graphs must be acyclic; recurrence belongs in a Loop or Scan body. Re-export the model.');
  }
  return order;
}

/** Exporters almost always write nodes in order; checking that is one cheap pass. */
function isSorted(nodes: readonly OnnxNode[], producerOf: Map<string, number>): boolean {
  for (let i = 0; i < nodes.length; i++) {
    for (const name of nodes[i].inputs) {
      const p = producerOf.get(name);
      if (p !== undefined && p >= i) return false;
    }
  }
  return true;
}

/** Walks back from a node left unsorted until a node repeats; prints that loop of node names. */
function findCycle(nodes: readonly OnnxNode[], pending: Int32Array, producerOf: Map<string, number>): string {
  let current = pending.findIndex((p) => p > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    const next = nodes[current].inputs.map((n) => producerOf.get(n)).find((p) => p !== undefined && pending[p] > 0);
    if (next === undefined) break;
    current = next;
  }
  const loop = path.slice(seenAt.get(current) ?? 0).reverse();
  const label = (i: number) => nodes[i].name || `${nodes[i].opType}#${i}`;
  return [...loop, loop[0]].map(label).slice(0, 12).join(' -> ');
}

class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= x) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r] < a[l] ? r : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
