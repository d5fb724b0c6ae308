import type { Node } from '../ir/graph.js';
import type { AnalysisContext } from '../plugin/contexts.js';

/**
 * The block a node's figures are summed under, the same for every analysis: the block the
 * architecture plugin assigned at stage Structure when it ran, else the exporter's name scope cut to
 * two levels (`encoder/layer.0`, `layer1/layer1.0`), else `(root)`.
 */
export function blockOf(ctx: Pick<AnalysisContext, 'layers'>, node: Node): string {
  return blockFrom(ctx.layers.block(node), node);
}

/** The same, from the block already read from the node's layer figures. */
export function blockFrom(assigned: string | undefined, node: Node): string {
  if (assigned) return assigned;
  if (!node.scope) return '(root)';
  return node.scope.split('/').slice(0, 2).join('/');
}
