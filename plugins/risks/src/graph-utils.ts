import { type Graph, type Node, type Value, weightBehind } from '@autodoc/core';

/** The op types that make a weighted layer. */
export const WEIGHTED_LAYER_OPS: readonly string[] = ['Conv', 'ConvTranspose', 'MatMul', 'Gemm'];

/** A Conv/ConvTranspose/MatMul/Gemm with a constant weight: one layer of depth. */
export function isWeightedLayer(n: Node): boolean {
  return WEIGHTED_LAYER_OPS.includes(n.opType) && weightBehind(n.input(1)) !== undefined;
}

const usedCache = new WeakMap<Graph, { has(value: Value): boolean }>();

/**
 * Which values of the root graph are used: some node reads them (the IR's consumer lists), a
 * subgraph body names them from outside (bodies see an outer value through a value of their own,
 * so only by name), or they are graph outputs. Asked with the value itself: looking a million
 * names up in the graph's table cost ~0.4 s.
 */
export function usedValues(root: Graph, allNodes: Iterable<Node>): { has(value: Value): boolean } {
  const cached = usedCache.get(root);
  if (cached) return cached;
  const fromBodies = new Set<string>();
  const outputs = new Set<Value>(root.outputs);
  for (const n of allNodes) {
    if (n.graphPath === root.path) continue;
    for (const v of n.inputs) if (v?.kind === 'outer') fromBodies.add(v.name);
  }
  const used = {
    has: (value: Value) => value.consumerCount > 0 || outputs.has(value) || fromBodies.has(value.name),
  };
  usedCache.set(root, used);
  return used;
}

/** Where a diagnostic points. */
export function locate(n: Node): { name: string; opType: string; domain: string; path?: string } {
  return { name: n.name, opType: n.opType, domain: n.domain, ...(n.graphPath !== 'main' ? { path: n.graphPath } : {}) };
}

/** A short list of names for messages: the first few, then "and N more". */
export function listNames(list: readonly string[], max = 5): string {
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}
