import type { NodeTable, OpKind } from '../onnx/node-table.js';
import type { OnnxAttribute, OnnxNode } from '../onnx/types.js';
import type { Graph, Node, Value } from './graph.js';
import type { NodeFacts } from './node-facts.js';

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
 * The IR's node: a handle of three fields on its graph's node table. Inputs and outputs are looked
 * up in the graph's links (see GraphLinks), name, scope, attributes and bodies in its node facts
 * (see NodeFacts), and `source` in the table (the OnnxNode objects are built then), when asked for:
 * a built graph holds no list or map per node and no second copy of every node. One object per node
 * keeps `Node` identity for plugins.
 */
export class IrNode implements Node {
  readonly #kind: OpKind;
  readonly #facts: NodeFacts;

  constructor(
    readonly index: number,
    kind: OpKind,
    facts: NodeFacts,
  ) {
    this.#kind = kind;
    this.#facts = facts;
  }

  get opType(): string {
    return this.#kind.opType;
  }

  get domain(): string {
    return this.#kind.domain;
  }

  get name(): string {
    return this.#facts.name(this.index, this.#kind.opType);
  }

  get scope(): string {
    return this.#facts.scope(this.index);
  }

  get attributes(): ReadonlyMap<string, OnnxAttribute> {
    return this.#facts.attributes(this.index);
  }

  get subgraphs(): ReadonlyMap<string, Graph> {
    return this.#facts.subgraphs(this.index);
  }

  get inputs(): readonly (Value | undefined)[] {
    return this.#facts.links.inputsOf(this.index);
  }

  get outputs(): readonly (Value | undefined)[] {
    return this.#facts.links.outputsOf(this.index);
  }

  get inputCount(): number {
    return this.#facts.links.inputCount(this.index);
  }

  input(i: number): Value | undefined {
    return this.#facts.links.inputAt(this.index, i);
  }

  get outputCount(): number {
    return this.#facts.links.outputCount(this.index);
  }

  output(i: number): Value | undefined {
    return this.#facts.links.outputAt(this.index, i);
  }

  /** The node table and row order the node's graph was built from. */
  static originOf(node: IrNode): NodeOrigin {
    return node.#facts.links.origin;
  }

  get graphPath(): string {
    return this.#facts.links.graphPath;
  }

  get source(): OnnxNode {
    const origin = this.#facts.links.origin;
    return origin.table.node(rowAt(origin, this.index));
  }
}
