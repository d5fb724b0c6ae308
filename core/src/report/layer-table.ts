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
    let row = this.rows.get(node);
    if (!row) {
      row = new LayerRowFigures();
      this.rows.set(node, row);
    }
    // Field by field into a row of fixed shape: merging with Object.assign gave every row its own
    // hidden class as plugins added columns, and cost ~7 µs per call on a 100k-node graph.
    if (figures.params !== undefined) row.params = figures.params;
    if (figures.macs !== undefined) row.macs = figures.macs;
    if (figures.flops !== undefined) row.flops = figures.flops;
    if (figures.outputBytes !== undefined) row.outputBytes = figures.outputBytes;
    if (figures.costStatus !== undefined) row.costStatus = figures.costStatus;
    if (figures.block !== undefined) row.block = figures.block;
  }

  get(node: Node): Readonly<LayerFigures> | undefined {
    return this.rows.get(node);
  }
}

/** Every column present from the start (undefined until a plugin writes it). */
class LayerRowFigures implements LayerFigures {
  params: number | undefined = undefined;
  macs: Dim | undefined = undefined;
  flops: Dim | undefined = undefined;
  outputBytes: Dim | undefined = undefined;
  costStatus: LayerFigures['costStatus'] = undefined;
  block: string | undefined = undefined;
}
