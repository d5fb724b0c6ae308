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
  #lastPath: string | undefined;
  #last: Columns | undefined;

  /** `root`: the analysed graph, so its columns are allocated once at full size. */
  constructor(root?: Graph) {
    this.#root = root;
  }

  set(node: Node, figures: LayerFigures): void {
    const c = this.#columnsOf(node);
    const i = node.index;
    c.reserve(i);
    c.present[i] = 1;
    if (figures.params !== undefined) c.params[i] = figures.params;
    if (figures.macs !== undefined) c.macs[i] = figures.macs;
    if (figures.flops !== undefined) c.flops[i] = figures.flops;
    if (figures.outputBytes !== undefined) c.outputBytes[i] = figures.outputBytes;
    if (figures.costStatus !== undefined) c.costStatus[i] = STATUS_CODES[figures.costStatus];
    if (figures.block !== undefined) c.block[i] = figures.block;
  }

  /**
   * Sets the `block` figure of every node of `graph` at once, `blocks[i]` for the node at index i
   * (undefined: none): what `set(node, { block })` does node by node, for a plugin that has the whole
   * column (a million calls of `set` cost ~0.1 s).
   */
  setBlocks(graph: Graph, blocks: readonly (string | undefined)[]): void {
    const n = Math.min(blocks.length, graph.nodes.length);
    if (n === 0) return;
    const c = this.#columnsOf(graph.nodes[0]);
    c.reserve(n - 1);
    for (let i = 0; i < n; i++) {
      const block = blocks[i];
      if (block === undefined) continue;
      c.present[i] = 1;
      c.block[i] = block;
    }
  }

  get(node: Node): Readonly<LayerFigures> | undefined {
    const row: LayerFigures = {};
    return this.readInto(node, row) ? row : undefined;
  }

  /**
   * What `get(node)` returns, written into `into` instead of a fresh row (every key set, undefined
   * where not set); false, with `into` untouched, when the node has no row. For loops over every node.
   */
  readInto(node: Node, into: LayerFigures): boolean {
    const c = this.#rowsOf(node);
    if (!c) return false;
    const i = node.index;
    const params = c.params[i];
    into.params = Number.isNaN(params) ? undefined : params;
    into.macs = c.macs[i];
    into.flops = c.flops[i];
    into.outputBytes = c.outputBytes[i];
    into.costStatus = STATUSES[c.costStatus[i]];
    into.block = c.block[i];
    return true;
  }

  /** The node's `block` figure alone (what `get(node)?.block` gives, without making the row). */
  block(node: Node): string | undefined {
    return this.#rowsOf(node)?.block[node.index];
  }

  /** The columns of the node's graph when they hold a row for it. */
  #rowsOf(node: Node): Columns | undefined {
    const path = node.graphPath;
    const c = path === this.#lastPath ? this.#last : this.#columns.get(path);
    const i = node.index;
    return c && i < c.size && c.present[i] !== 0 ? c : undefined;
  }

  #columnsOf(node: Node): Columns {
    // Plugins set node after node of one graph: the last graph's columns, without a Map lookup.
    const path = node.graphPath;
    if (path === this.#lastPath && this.#last) return this.#last;
    let c = this.#columns.get(path);
    if (!c) {
      c = new Columns(this.#root && path === this.#root.path ? this.#root.nodes.length : 0);
      this.#columns.set(path, c);
    }
    this.#lastPath = path;
    this.#last = c;
    return c;
  }
}

const STATUSES = [undefined, 'counted', 'free', 'unknown'] as const;
const STATUS_CODES = { counted: 1, free: 2, unknown: 3 } as const;

/**
 * The figures of one graph's nodes, a column per figure: typed arrays where the values are numbers
 * (allocated zeroed, no per-element work), filled arrays for expressions and names.
 */
class Columns {
  size: number;
  present: Uint8Array;
  /** NaN: not set. */
  params: Float64Array;
  costStatus: Uint8Array;
  readonly macs: (Dim | undefined)[];
  readonly flops: (Dim | undefined)[];
  readonly outputBytes: (Dim | undefined)[];
  readonly block: (string | undefined)[];

  constructor(size: number) {
    this.size = size;
    this.present = new Uint8Array(size);
    this.params = new Float64Array(size).fill(Number.NaN);
    this.costStatus = new Uint8Array(size);
    // Filled, not holey: V8 keeps a filled array's elements packed and fast.
    this.macs = new Array(size).fill(undefined);
    this.flops = new Array(size).fill(undefined);
    this.outputBytes = new Array(size).fill(undefined);
    this.block = new Array(size).fill(undefined);
  }

  /** Grows every column to hold index `i` (subgraph columns start empty and grow by doubling). */
  reserve(i: number): void {
    if (i < this.size) return;
    const size = Math.max(i + 1, this.size * 2, 8);
    this.present = grown(this.present, new Uint8Array(size));
    this.params = grown(this.params, new Float64Array(size).fill(Number.NaN));
    this.costStatus = grown(this.costStatus, new Uint8Array(size));
    for (const column of [this.macs, this.flops, this.outputBytes, this.block]) while (column.length < size) column.push(undefined);
    this.size = size;
  }
}

function grown<T extends Uint8Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}
