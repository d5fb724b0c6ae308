import type { Dim } from '../dims/index.js';
import type { OnnxAttribute, OnnxNode, OnnxTensor, OnnxType } from '../onnx/types.js';
import type { DTypeName, ValueType } from './value-type.js';

/** How a value comes to exist. */
export type ValueKind = 'input' | 'initializer' | 'intermediate' | 'outer';

/**
 * One named tensor (or sequence/optional/map) of a graph. Written by the Shapes stage (`type`,
 * `value`); read by every later stage, which must not write them.
 */
export interface Value {
  readonly name: string;
  readonly kind: ValueKind;
  /** The type written in the file (graph input/output, value_info or initializer), if any. */
  readonly declared: OnnxType | undefined;
  /** Inferred type; `undefined` until the Shapes stage has run or when inference could not tell. */
  type: ValueType | undefined;
  /** Known contents of a small integer tensor (shape arithmetic), elements possibly symbolic. */
  value: readonly Dim[] | undefined;
  readonly initializer: OnnxTensor | undefined;
  producer: Node | undefined;
  /**
   * The nodes of this graph that read the value, in execution order; a node that reads it in several
   * input slots is listed once per slot, consecutively. (Bodies read an outer value through an
   * `outer` value of their own.) A new array on each read (long lists: one kept, frozen array):
   * read it once per use.
   */
  readonly consumers: Node[];
  /** `consumers.length` without making the list. */
  readonly consumerCount: number;
  /** `consumers[i]` without making the list. */
  consumer(i: number): Node | undefined;
}

/** A node with its inputs and outputs resolved to values. Optional inputs left empty are `undefined`. */
export interface Node {
  /** Position in the graph's execution order. */
  readonly index: number;
  /** The node's name, or a generated `OpType_<index>` when the file gives none. */
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  /** A new array on each read (the graph keeps its links as numbers): read it once per use. */
  readonly inputs: readonly (Value | undefined)[];
  /** A new array on each read, like `inputs`. */
  readonly outputs: readonly (Value | undefined)[];
  /** `inputs.length` without making the list (for loops over every node of a big graph). */
  readonly inputCount: number;
  /** `inputs[i]` without making the list: undefined for an optional input left empty, or past the last slot. */
  input(i: number): Value | undefined;
  /** `outputs.length` without making the list. */
  readonly outputCount: number;
  /** `outputs[i]` without making the list. */
  output(i: number): Value | undefined;
  readonly attributes: ReadonlyMap<string, OnnxAttribute>;
  /** If/Loop/Scan bodies (and any other GRAPH attribute), keyed by attribute name. */
  readonly subgraphs: ReadonlyMap<string, Graph>;
  /** The exporter's name scope, e.g. `encoder/layer.0/attention` for `/encoder/layer.0/attention/MatMul`. */
  readonly scope: string;
  /** Path of the graph the node belongs to: `main`, or `main/If_3/then_branch` inside a body. */
  readonly graphPath: string;
  /**
   * The node as decoded from the file. Built on first access, for all nodes of its graph at once
   * (the reader keeps nodes in columns, not objects): at a million nodes that first access costs
   * ~250 MB, so prefer the fields above, which hold the same facts.
   */
  readonly source: OnnxNode;
}

export interface Graph {
  readonly name: string;
  /** `main` for the top level; `main/If_3/then_branch` style for bodies (owner names made unique with `#<index>`). Unique in a model: plugins may key per-graph data by it. */
  readonly path: string;
  /** Topologically sorted (Kahn, stable with respect to file order). */
  readonly nodes: readonly Node[];
  /**
   * Every value of the graph by name, in the order defined: initializers, inputs, then node by node
   * in execution order the names it reads from outside and the ones it produces, last the outputs
   * defined nowhere in the graph. A `ReadonlyMap` (the core's ValueIndex, which the build also
   * searches by UTF-8 bytes).
   */
  readonly values: ReadonlyMap<string, Value>;
  readonly inputs: readonly Value[];
  readonly outputs: readonly Value[];
  readonly initializers: readonly Value[];
  readonly parent: Graph | undefined;
}

/** The dtype and shape of a tensor value, or undefined parts where unknown. */
export function tensorOf(value: Value | undefined): { dtype: DTypeName | undefined; shape: readonly Dim[] | undefined } {
  const t = value?.type;
  if (t && (t.kind === 'tensor' || t.kind === 'sparse_tensor')) return { dtype: t.dtype, shape: t.shape };
  return { dtype: undefined, shape: undefined };
}
