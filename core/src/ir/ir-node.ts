import type { NodeTable } from '../onnx/node-table.js';
import type { OnnxAttribute, OnnxNode } from '../onnx/types.js';
import type { Graph, Node, Value } from './graph.js';

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
 * The IR's node. `source` is looked up in the graph's node table only when asked for (the OnnxNode
 * objects are built then), so a built graph holds no second copy of every node.
 */
export class IrNode implements Node {
  subgraphs: ReadonlyMap<string, Graph>;
  readonly #origin: NodeOrigin;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly opType: string,
    readonly domain: string,
    readonly inputs: readonly (Value | undefined)[],
    readonly outputs: readonly (Value | undefined)[],
    readonly attributes: ReadonlyMap<string, OnnxAttribute>,
    subgraphs: ReadonlyMap<string, Graph>,
    readonly scope: string,
    readonly graphPath: string,
    origin: NodeOrigin,
  ) {
    this.subgraphs = subgraphs;
    this.#origin = origin;
  }

  get source(): OnnxNode {
    return this.#origin.table.node(rowAt(this.#origin, this.index));
  }
}
