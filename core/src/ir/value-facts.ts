import type { Dim } from '../dims/index.js';
import type { OnnxTensor, OnnxType } from '../onnx/types.js';
import type { Node, ValueKind } from './graph.js';
import type { GraphLinks } from './graph-links.js';
import { SparseColumn } from './sparse-column.js';

const KINDS: readonly ValueKind[] = ['input', 'initializer', 'intermediate', 'outer'];
const NO_PRODUCER = -1;

/**
 * What one graph knows of each of its values but their types, by value number, in columns: an
 * `IrValue` is a handle that reads and writes them. With the facts as fields, a value object took 96
 * bytes, which a million-node graph's young generation copied twice (ADR 0006); the columns are a few
 * large arrays the collector does not copy, and the facts most values lack (declared type, contents,
 * initializer) take no room for them.
 */
export class ValueFacts {
  #kinds: Uint8Array;
  /** Index of the producing node in the graph's execution order, or NO_PRODUCER. */
  #producers: Int32Array;
  readonly #declared = new SparseColumn<OnnxType>();
  /** Names given as strings, and names decoded from the graph's name buffer once asked for. */
  readonly #names: SparseColumn<string>;
  // Columns, not Maps, though few values have either: both are read for every value by several
  // analyses, and a Map lookup per read cost the million-node summary ~0.3 s.
  readonly #contents = new SparseColumn<readonly Dim[]>();
  readonly #initializers = new SparseColumn<OnnxTensor>();

  /** `capacity`: about how many values the graph will have (the columns grow past it as needed). */
  constructor(
    readonly links: GraphLinks,
    capacity: number,
  ) {
    this.#names = new SparseColumn(capacity);
    this.#kinds = new Uint8Array(Math.max(8, capacity));
    this.#producers = new Int32Array(Math.max(8, capacity));
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
    this.#initializers.set(number, initializer);
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

  contents(number: number): readonly Dim[] | undefined {
    return this.#contents.get(number);
  }

  setContents(number: number, contents: readonly Dim[] | undefined): void {
    this.#contents.set(number, contents);
  }

  initializer(number: number): OnnxTensor | undefined {
    return this.#initializers.get(number);
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
