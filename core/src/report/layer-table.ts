import type { Dim } from '../dims/index.js';
import type { Node } from '../ir/graph.js';

/** Per-node figures that plugins fill and the core turns into `layers[]`. */
export interface LayerFigures {
  params?: number;
  macs?: Dim;
  flops?: Dim;
  outputBytes?: Dim;
  costStatus?: 'counted' | 'free' | 'unknown';
  block?: string;
}

/**
 * One row of figures per node (top-level and subgraph nodes alike), keyed by the node object.
 * Each plugin writes only its own columns with `set`, which merges.
 */
export class LayerTable {
  private readonly rows = new Map<Node, LayerFigures>();

  set(node: Node, figures: LayerFigures): void {
    const row = this.rows.get(node);
    if (row) Object.assign(row, figures);
    else this.rows.set(node, { ...figures });
  }

  get(node: Node): Readonly<LayerFigures> | undefined {
    return this.rows.get(node);
  }
}
