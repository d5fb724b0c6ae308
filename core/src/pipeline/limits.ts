import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { Graph } from '../ir/graph.js';
import type { RunOptions } from './run-options.js';

/** Default node budget: far above any real model (GPT-scale exports have ~10^4–10^5 nodes). */
export const DEFAULT_MAX_NODES = 5_000_000;

export function checkLimits(graph: Graph, options: RunOptions): void {
  const max = options.maxNodes ?? DEFAULT_MAX_NODES;
  if (graph.nodes.length > max) {
    throw new AutodocError('RESOURCE_LIMIT', `The graph has ${graph.nodes.length} nodes, more than the limit of ${max}.`, 'Raise the limit with --max-nodes if the model is genuine.');
  }
}
