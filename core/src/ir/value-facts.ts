import type { Dim } from '../dims/index.js';
import type { OnnxTensor, OnnxType } from '../onnx/types.js';
import type { Node, ValueKind } from './graph.js';
import type { GraphLinks } from './graph-links.js';
import { SparseColumn } from './sparse-column.js';
import type { ValueType } from './value-type.js';

const KINDS: readonly ValueKind[] = ['input', 'initializer', 'intermediate', 'outer'];
const NO_PRODUCER = -1;

/**
 * What one graph knows of each of its values, by value number, in columns: an `IrValue` is a handle
 * of two fields that reads and writes them. With the facts as fields, a value object took 96 bytes,
 * which a million-node graph's young generation copied twice (ADR 0006); the columns are a few large
 * arrays the collector does not copy, and the facts most values lack (declared type, contents,
 * initializer) take no room for them.
 */
export class ValueFacts {
  #kinds: Uint8Array;
  /** Index of the producing node in the graph's execution order, or NO_PRODUCER. */
  #producers: Int32Array;
  readonly #types: SparseColumn<ValueType>;
  readonly #declared = new SparseColumn<OnnxType>();
  /** Names given as strings, and names decoded from the graph's name buffer once asked for. */
  readonly #names = new SparseColumn<string>();
  readonly #contents = new Map<number, readonly Dim[]>();
  readonly #initializers = new Map<number, OnnxTensor>();

  /** `capacity`: about how many values the graph will have (the columns grow past it as needed). */
  constructor(
    readonly links: GraphLinks,
    capacity: number,
  ) {
    this.#kinds = new Uint8Array(Math.max(8, capacity));
    this.#producers = new Int32Array(Math.max(8, capacity));
    // Shapes types every value: one allocation, not a doubling per million.
    this.#types = new SparseColumn(capacity);
  }

  /**
   * Records value `number`. `name` undefined: the name is the bytes the graph's ValueIndex keeps for
   * it. A number may be defined again (a value the index then refused is replaced by the next).
   */
  define(number: number, name: string | undefined, kind: ValueKind, declared: OnnxType | undefined, initializer: OnnxTensor | undefined, producer: Node | undefined): void {
    if (number >= this.#kinds.length) this.#grow(number + 1);
    this.#kinds[number] = KINDS.indexOf(kind);
    this.#producers[number] = producer ? producer.index : NO_PRODUCER;
    this.#names.set(number, name);
    this.#declared.set(number, declared);
    if (initializer) this.#initializers.set(number, initializer);
    else if (this.#initializers.size > 0) this.#initializers.delete(number);
  }

  name(number: number): string {
    return this.#names.get(number) ?? (this.#names.set(number, this.links.values.nameAt(number)) as string);
  }

  kind(number: number): ValueKind {
    return KINDS[this.#kinds[number]];
  }

  declared(number: number): OnnxType | undefined {
    return this.#declared.get(number);
  }

  setDeclared(number: number, type: OnnxType | undefined): void {
    this.#declared.set(number, type);
  }

  type(number: number): ValueType | undefined {
    return this.#types.get(number);
  }

  setType(number: number, type: ValueType | undefined): void {
    this.#types.set(number, type);
  }

  contents(number: number): readonly Dim[] | undefined {
    return this.#contents.size === 0 ? undefined : this.#contents.get(number);
  }

  setContents(number: number, contents: readonly Dim[] | undefined): void {
    if (contents !== undefined) this.#contents.set(number, contents);
    else if (this.#contents.size > 0) this.#contents.delete(number);
  }

  initializer(number: number): OnnxTensor | undefined {
    return this.#initializers.size === 0 ? undefined : this.#initializers.get(number);
  }

  producer(number: number): Node | undefined {
    const index = this.#producers[number];
    return index === NO_PRODUCER ? undefined : this.links.nodes[index];
  }

  /** `node` must be a node of this graph. */
  setProducer(number: number, node: Node | undefined): void {
    if (node && this.links.nodes[node.index] !== node) throw new Error('Value.producer: a node of another graph');
    this.#producers[number] = node ? node.index : NO_PRODUCER;
  }

  #grow(n: number): void {
    let capacity = this.#kinds.length * 2;
    while (capacity < n) capacity *= 2;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.#kinds);
    this.#kinds = kinds;
    const producers = new Int32Array(capacity);
    producers.set(this.#producers);
    this.#producers = producers;
  }
}
