import type { Dim } from '../dims/index.js';
import type { OnnxTensor, OnnxType } from '../onnx/types.js';
import type { Node, Value, ValueKind } from './graph.js';
import type { ValueFacts } from './value-facts.js';
import type { ValueType } from './value-type.js';

/**
 * The IR's value: a handle on its graph's columns (see ValueFacts), which hold its facts, and links
 * (see GraphLinks), which give its consumers when asked for. One object per value keeps `Value`
 * identity for plugins (`===`, Map keys) at 48 bytes instead of the 96 its fields took. `type` stays
 * a field: every analysis reads it for every value, and a column read through the handle made the
 * million-node summary's FLOP count ~40% slower. A node output of a big graph is named by its bytes
 * in the reader's name buffer: its string is made on first read.
 */
export class IrValue implements Value {
  type: ValueType | undefined = undefined;
  readonly #facts: ValueFacts;
  readonly #number: number;

  constructor(facts: ValueFacts, number: number) {
    this.#facts = facts;
    this.#number = number;
  }

  get name(): string {
    return this.#facts.name(this.#number);
  }

  get kind(): ValueKind {
    return this.#facts.kind(this.#number);
  }

  get declared(): OnnxType | undefined {
    return this.#facts.declared(this.#number);
  }

  set declared(type: OnnxType | undefined) {
    this.#facts.setDeclared(this.#number, type);
  }

  get value(): readonly Dim[] | undefined {
    return this.#facts.contents(this.#number);
  }

  set value(contents: readonly Dim[] | undefined) {
    this.#facts.setContents(this.#number, contents);
  }

  get initializer(): OnnxTensor | undefined {
    return this.#facts.initializer(this.#number);
  }

  get producer(): Node | undefined {
    return this.#facts.producer(this.#number);
  }

  set producer(node: Node | undefined) {
    this.#facts.setProducer(this.#number, node);
  }

  /** The value's number in its graph: its position in `Graph.values`. */
  get number(): number {
    return this.#number;
  }

  get consumers(): Node[] {
    return this.#facts.links.consumersOf(this.#number);
  }

  get consumerCount(): number {
    return this.#facts.links.consumerCount(this.#number);
  }

  consumer(i: number): Node | undefined {
    return this.#facts.links.consumerAt(this.#number, i);
  }
}
