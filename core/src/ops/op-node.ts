import type { Dim } from '../dims/index.js';
import type { DTypeName, InferredType, ValueType } from '../ir/value-type.js';
import type { OnnxAttribute } from '../onnx/types.js';

/** One input or output of a node as a rule sees it. Unknown parts are `undefined`, never guessed. */
export interface TensorArg {
  readonly name: string;
  /** Full type (tensor, sequence, optional, map); undefined when unknown. */
  readonly type: ValueType | undefined;
  /** Tensor shorthand: dtype, dims and rank; undefined when unknown or not a tensor. */
  readonly dtype: DTypeName | undefined;
  readonly dims: readonly Dim[] | undefined;
  readonly rank: number | undefined;
  /** Number of elements (symbolic when a dim is); undefined when the shape is unknown. */
  readonly numel: Dim | undefined;
  /** Known contents (shape tensors, axes, pads, small constants); elements may be symbolic. */
  readonly value: readonly Dim[] | undefined;
  readonly isInitializer: boolean;
}

/** A decoded attribute value as rules use it. */
export type AttrValue = number | string | readonly number[] | readonly string[] | OnnxAttribute;

/**
 * The read-only view of one node that shape and cost rules receive. It is the same object for both,
 * and the same in the engine and in OpTester, so a rule tested with OpTester behaves the same in a run.
 */
export interface OpNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  /** The model's opset for this node's domain. */
  readonly opset: number;
  readonly inputCount: number;
  readonly outputCount: number;
  /** Input i, or undefined when absent (not given, or given as the empty name ''). */
  input(i: number): TensorArg | undefined;
  /** Output i: before shapes are known only `name` is meaningful; cost rules see the inferred types. */
  output(i: number): TensorArg;
  /** The raw attribute, when present. */
  attribute(name: string): OnnxAttribute | undefined;
  attrInt(name: string): number | undefined;
  attrInt(name: string, fallback: number): number;
  attrFloat(name: string): number | undefined;
  attrFloat(name: string, fallback: number): number;
  attrString(name: string): string | undefined;
  attrString(name: string, fallback: string): string;
  attrInts(name: string): readonly number[] | undefined;
  attrFloats(name: string): readonly number[] | undefined;
  attrStrings(name: string): readonly string[] | undefined;
  /** Infers a body graph (If/Loop/Scan) given the types of its inputs; returns its output types. */
  inferSubgraph(attrName: string, inputTypes: readonly (InferredType | undefined)[]): (InferredType | undefined)[];
  /** Total cost of a body graph (Loop/Scan/If), used by control-flow cost rules. */
  subgraphCost(attrName: string): OpCost | undefined;
}

/** The cost of one node. MACs only for GEMM-like work (docs/definitions.md); FLOPs always. */
export interface OpCost {
  readonly macs?: Dim;
  readonly flops: Dim;
  /** Why the figure is what it is when it is not obvious (e.g. "If: larger branch"). */
  readonly note?: string;
}
