import { AutodocError } from '../diagnostics/autodoc-error.js';
import { type Dim, numel } from '../dims/index.js';
import type { InferredType, ValueType } from '../ir/value-type.js';
import type { OnnxAttribute } from '../onnx/types.js';
import type { OpCost, OpNode, TensorArg } from './op-node.js';

/**
 * What a rule argument or node takes its name from: the name itself, or an object (an IR node or
 * value) whose `name` is read only when a rule asks, which is to word an error. The IR makes its
 * names on first read: passing the node or value keeps a run that never words an error from making
 * a string per node and per value.
 */
export type NameSource = string | { readonly name: string };

function nameOf(source: NameSource): string {
  return typeof source === 'string' ? source : source.name;
}

/**
 * A value as a rule argument. A class with getters rather than a literal: at a million nodes the
 * engine makes millions of these, and dtype/dims/rank/numel are derived on demand (numel once).
 */
class TensorArgView implements TensorArg {
  #numel: Dim | undefined | null = null;
  readonly #name: NameSource;

  constructor(
    name: NameSource,
    readonly type: ValueType | undefined,
    readonly value: readonly Dim[] | undefined,
    readonly isInitializer: boolean,
  ) {
    this.#name = name;
  }

  get name(): string {
    return nameOf(this.#name);
  }

  get dtype(): string | undefined {
    const t = this.type;
    return t !== undefined && (t.kind === 'tensor' || t.kind === 'sparse_tensor') ? t.dtype : undefined;
  }

  get dims(): readonly Dim[] | undefined {
    const t = this.type;
    return t !== undefined && (t.kind === 'tensor' || t.kind === 'sparse_tensor') ? t.shape : undefined;
  }

  get rank(): number | undefined {
    return this.dims?.length;
  }

  get numel(): Dim | undefined {
    if (this.#numel === null) {
      const d = this.dims;
      this.#numel = d === undefined ? undefined : numel(d);
    }
    return this.#numel;
  }
}

/** Builds a TensorArg from a type and known contents; `name` may be the value itself (see NameSource). */
export function tensorArg(name: NameSource, type: ValueType | undefined, value?: readonly Dim[], isInitializer = false): TensorArg {
  return new TensorArgView(name, type, value, isInitializer);
}

/** An output left empty ('' in the file): no name, no type. */
export const NO_OUTPUT = tensorArg('', undefined);

export interface OpNodeParts {
  /** The node's name, or the node itself to read it from when a rule asks (see NameSource). */
  readonly name: NameSource;
  readonly opType: string;
  readonly domain: string;
  readonly opset: number;
  readonly attributes: ReadonlyMap<string, OnnxAttribute>;
  readonly inputs: readonly (TensorArg | undefined)[];
  readonly outputs: readonly TensorArg[];
  readonly inferSubgraph?: (attrName: string, inputTypes: readonly (InferredType | undefined)[]) => (InferredType | undefined)[];
  readonly subgraphCost?: (attrName: string) => OpCost | undefined;
}

/**
 * The one OpNode implementation, shared by the shapes engine, the cost pass and OpTester, so a rule
 * behaves the same everywhere. Methods live on the prototype: no closures per node.
 */
class OpNodeView implements OpNode {
  readonly opType: string;
  readonly domain: string;
  readonly opset: number;
  readonly #parts: OpNodeParts;

  constructor(parts: OpNodeParts) {
    this.opType = parts.opType;
    this.domain = parts.domain;
    this.opset = parts.opset;
    this.#parts = parts;
  }

  get name(): string {
    return nameOf(this.#parts.name);
  }

  get inputCount(): number {
    return this.#parts.inputs.length;
  }

  get outputCount(): number {
    return this.#parts.outputs.length;
  }

  input(i: number): TensorArg | undefined {
    return this.#parts.inputs[i];
  }

  output(i: number): TensorArg {
    return this.#parts.outputs[i] ?? NO_OUTPUT;
  }

  attribute(name: string): OnnxAttribute | undefined {
    return this.#parts.attributes.get(name);
  }

  attrInt(name: string): number | undefined;
  attrInt(name: string, fallback: number): number;
  attrInt(name: string, fallback?: number): number | undefined {
    return this.#parts.attributes.get(name)?.i ?? fallback;
  }

  attrFloat(name: string): number | undefined;
  attrFloat(name: string, fallback: number): number;
  attrFloat(name: string, fallback?: number): number | undefined {
    return this.#parts.attributes.get(name)?.f ?? fallback;
  }

  attrString(name: string): string | undefined;
  attrString(name: string, fallback: string): string;
  attrString(name: string, fallback?: string): string | undefined {
    return this.#parts.attributes.get(name)?.s ?? fallback;
  }

  attrInts(name: string): readonly number[] | undefined {
    return this.#parts.attributes.get(name)?.ints;
  }

  attrFloats(name: string): readonly number[] | undefined {
    return this.#parts.attributes.get(name)?.floats;
  }

  attrStrings(name: string): readonly string[] | undefined {
    return this.#parts.attributes.get(name)?.strings;
  }

  inferSubgraph(attrName: string, inputTypes: readonly (InferredType | undefined)[]): (InferredType | undefined)[] {
    const infer = this.#parts.inferSubgraph;
    if (!infer) throw new AutodocError('SUBGRAPH_UNAVAILABLE', `${this.opType} "${this.name}": subgraph inference is not available here.`, 'Subgraphs are inferred by the shapes plugin; OpTester examples cannot use them.');
    return infer(attrName, inputTypes);
  }

  subgraphCost(attrName: string): OpCost | undefined {
    return this.#parts.subgraphCost?.(attrName);
  }
}

export function createOpNode(parts: OpNodeParts): OpNode {
  return new OpNodeView(parts);
}
