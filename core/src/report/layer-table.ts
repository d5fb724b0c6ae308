import type { Dim } from '../dims/index.js';
import type { Graph, Node } from '../ir/graph.js';

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
 * One row of figures per node (top-level and subgraph nodes alike). Each plugin writes only its own
 * columns with `set`, which merges; `get` returns a fresh copy of the row.
 *
 * Stored as columns indexed by the node's position in its graph, one set of columns per graph: a
 * row object and a Map entry per node were two more long-lived objects per node, and on a
 * million-node graph every surviving object costs about a microsecond in the young-generation
 * collector alone.
 */
export class LayerTable {
  readonly #columns = new Map<string, Columns>();
  readonly #root: Graph | undefined;

  /** `root`: the analysed graph, so its columns are allocated once at full size. */
  constructor(root?: Graph) {
    this.#root = root;
  }

  set(node: Node, figures: LayerFigures): void {
    const c = this.#columnsOf(node);
    const i = node.index;
    c.reserve(i);
    c.present[i] = true;
    if (figures.params !== undefined) c.params[i] = figures.params;
    if (figures.macs !== undefined) c.macs[i] = figures.macs;
    if (figures.flops !== undefined) c.flops[i] = figures.flops;
    if (figures.outputBytes !== undefined) c.outputBytes[i] = figures.outputBytes;
    if (figures.costStatus !== undefined) c.costStatus[i] = figures.costStatus;
    if (figures.block !== undefined) c.block[i] = figures.block;
  }

  get(node: Node): Readonly<LayerFigures> | undefined {
    const c = this.#columns.get(node.graphPath);
    const i = node.index;
    if (!c || i >= c.present.length || !c.present[i]) return undefined;
    return { params: c.params[i], macs: c.macs[i], flops: c.flops[i], outputBytes: c.outputBytes[i], costStatus: c.costStatus[i], block: c.block[i] };
  }

  #columnsOf(node: Node): Columns {
    let c = this.#columns.get(node.graphPath);
    if (!c) {
      c = new Columns(this.#root && node.graphPath === this.#root.path ? this.#root.nodes.length : 0);
      this.#columns.set(node.graphPath, c);
    }
    return c;
  }
}

/** The figures of one graph's nodes, one array per column, all of the same length. */
class Columns {
  readonly present: boolean[];
  readonly params: (number | undefined)[];
  readonly macs: (Dim | undefined)[];
  readonly flops: (Dim | undefined)[];
  readonly outputBytes: (Dim | undefined)[];
  readonly costStatus: LayerFigures['costStatus'][];
  readonly block: (string | undefined)[];

  constructor(size: number) {
    // Filled, not holey: V8 keeps a filled array's elements packed and fast.
    this.present = new Array<boolean>(size).fill(false);
    this.params = new Array(size).fill(undefined);
    this.macs = new Array(size).fill(undefined);
    this.flops = new Array(size).fill(undefined);
    this.outputBytes = new Array(size).fill(undefined);
    this.costStatus = new Array(size).fill(undefined);
    this.block = new Array(size).fill(undefined);
  }

  /** Grows every column to hold index `i` (subgraph columns start empty). */
  reserve(i: number): void {
    while (this.present.length <= i) {
      this.present.push(false);
      this.params.push(undefined);
      this.macs.push(undefined);
      this.flops.push(undefined);
      this.outputBytes.push(undefined);
      this.costStatus.push(undefined);
      this.block.push(undefined);
    }
  }
}
