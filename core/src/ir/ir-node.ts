import type { NodeTable } from '../onnx/node-table.js';
import type { OnnxAttribute, OnnxNode } from '../onnx/types.js';
import type { Graph, Node, Value } from './graph.js';
import type { GraphLinks } from './graph-links.js';
import { nameScope, nameScopeOfBytes } from './name-scope.js';

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
 * graph holds no list per node and no second copy of every node. Its name and scope are decoded from
 * the table on first read and then kept: a summary of a million-node chain reads neither, and
 * making them at build time was a tenth of the run (two strings per node the collector copied).
 */
export class IrNode implements Node {
  subgraphs: ReadonlyMap<string, Graph>;
  readonly #links: GraphLinks;
  #name: string | undefined = undefined;
  #scope: string | undefined = undefined;

  constructor(
    readonly index: number,
    readonly opType: string,
    readonly domain: string,
    readonly attributes: ReadonlyMap<string, OnnxAttribute>,
    subgraphs: ReadonlyMap<string, Graph>,
    links: GraphLinks,
  ) {
    this.subgraphs = subgraphs;
    this.#links = links;
  }

  get name(): string {
    return (this.#name ??= this.#rawName() || `${this.opType}_${this.index}`);
  }

  get scope(): string {
    if (this.#scope === undefined) {
      const origin = this.#links.origin;
      const columns = origin.table.columns;
      if (!columns) this.#scope = nameScope(this.#rawName());
      else {
        const slot = columns.nameSlot(rowAt(origin, this.index));
        this.#scope = nameScopeOfBytes(columns.bytes, columns.slotStart(slot), columns.slotEnd(slot));
      }
    }
    return this.#scope;
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

  /** The name as the file gives it ('' for none). */
  #rawName(): string {
    const origin = this.#links.origin;
    return origin.table.name(rowAt(origin, this.index));
  }
}
