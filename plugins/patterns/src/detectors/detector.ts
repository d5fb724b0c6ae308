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
