import type { NodeTable } from '../onnx/node-table.js';
import type { OnnxAttribute, OnnxNode } from '../onnx/types.js';
import type { Graph, Node, Value } from './graph.js';
import type { GraphLinks } from './graph-links.js';

/** The decoded nodes a graph's IR nodes came from, and the row of each in execution order. */
export interface NodeOrigin {
  readonly table: NodeTable;
  /** Row of the node at each execution index; undefined when the file order is the execution order. */
  readonly rows: readonly number[] | undefined;
}

/** The table row of the node at execution index `index`. */
export function rowAt(origin: NodeOrigin, index: number): number {
  return origin.rows ? origin.rows[index] : index;
}

/**
 * The IR's node. Its inputs and outputs are looked up in the graph's links (see GraphLinks), and
 * `source` in the graph's node table (the OnnxNode objects are built then), when asked for: a built
 * graph holds no list per node and no second copy of every node.
 */
export class IrNode implements Node {
  subgraphs: ReadonlyMap<string, Graph>;
  readonly #links: GraphLinks;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly opType: string,
    readonly domain: string,
    readonly attributes: ReadonlyMap<string, OnnxAttribute>,
    subgraphs: ReadonlyMap<string, Graph>,
    readonly scope: string,
    links: GraphLinks,
  ) {
    this.subgraphs = subgraphs;
    this.#links = links;
  }

  get inputs(): readonly (Value | undefined)[] {
    return this.#links.inputsOf(this.index);
  }

  get outputs(): readonly (Value | undefined)[] {
    return this.#links.outputsOf(this.index);
  }

  get graphPath(): string {
    return this.#links.graphPath;
  }

  get source(): OnnxNode {
    const origin = this.#links.origin;
    return origin.table.node(rowAt(origin, this.index));
  }
}
