import type { Node } from '@autodoc/core';
import type { GraphView } from '../graph-view.js';

/** One occurrence of a pattern: where it is, and which variant it is. */
export interface PatternMatch {
  /** The node that stands for the match (its block is the match's block). */
  readonly anchor: Node;
  /** Names of the nodes that make up the match, in execution order where it matters. */
  readonly nodes: readonly string[];
  /** Variant tags, e.g. `folded`, `causal`, `gqa`, `swiglu`. */
  readonly tags: readonly string[];
}

/**
 * A pattern detector: pure data plus one function over a graph view. Detectors never write the
 * graph and never depend on each other, so they can run in any order.
 */
export interface PatternDetector {
  /** Stable name used as the key in `architecture.patterns`. */
  readonly name: string;
  /** One sentence for the documentation. */
  readonly description: string;
  detect(view: GraphView): PatternMatch[];
}

/** Identity helper that keeps detector literals type-checked. */
export function defineDetector(detector: PatternDetector): PatternDetector {
  return detector;
}

/**
 * A table keyed by qualified op type (`domain::OpType`, e.g. `com.microsoft::Attention`), asked per
 * node without building the key: a template string per node per detector cost ~0.3 s at a million nodes.
 */
export interface OpTable<T> {
  get(node: Node): T | undefined;
  has(node: Node): boolean;
  /** The op types of the table's keys, without domains (for `GraphView.nodesOf`). */
  readonly opTypes: readonly string[];
}

export function opTable<T>(entries: Readonly<Record<string, T>>): OpTable<T> {
  const byDomain = new Map<string, Map<string, T>>();
  for (const [key, value] of Object.entries(entries)) {
    const cut = key.indexOf('::');
    const domain = key.slice(0, cut);
    if (!byDomain.has(domain)) byDomain.set(domain, new Map());
    byDomain.get(domain)?.set(key.slice(cut + 2), value);
  }
  return {
    get: (node) => byDomain.get(node.domain)?.get(node.opType),
    has: (node) => byDomain.get(node.domain)?.has(node.opType) ?? false,
    opTypes: [...new Set([...byDomain.values()].flatMap((ops) => [...ops.keys()]))],
  };
}

/** {@link opTable} of a list of qualified op types. */
export function opSet(keys: readonly string[]): OpTable<true> {
  return opTable(Object.fromEntries(keys.map((k) => [k, true as const])));
}
