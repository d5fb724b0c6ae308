import type { Dim } from '../dims/index.js';
import type { OnnxTensor, OnnxType } from '../onnx/types.js';
import type { Node, Value, ValueKind } from './graph.js';
import type { GraphLinks } from './graph-links.js';
import type { ValueType } from './value-type.js';

/**
 * The IR's value. Its consumers are looked up in the graph's links (see GraphLinks) when asked for.
 * A node output of a big graph is named by its bytes in the reader's name buffer (the graph's
 * `ValueIndex` keeps where): its string is made on first read, as IrNode's name is.
 */
export class IrValue implements Value {
  #name: string | undefined;
  readonly kind: ValueKind;
  declared: OnnxType | undefined;
  type: ValueType | undefined = undefined;
  value: readonly Dim[] | undefined = undefined;
  readonly initializer: OnnxTensor | undefined;
  producer: Node | undefined;
  readonly #number: number;
  readonly #links: GraphLinks;

  /** `name` undefined: the name is the bytes the graph's ValueIndex was given for this value. */
  constructor(links: GraphLinks, number: number, name: string | undefined, kind: ValueKind, declared: OnnxType | undefined, initializer?: OnnxTensor, producer?: Node) {
    this.#name = name;
    this.kind = kind;
    this.declared = declared;
    this.initializer = initializer;
    this.producer = producer;
    this.#number = number;
    this.#links = links;
  }

  get name(): string {
    return (this.#name ??= this.#links.values.nameAt(this.#number));
  }

  /** The value's number in its graph: its position in `Graph.values`. */
  get number(): number {
    return this.#number;
  }

  get consumers(): Node[] {
    return this.#links.consumersOf(this.#number);
  }
}
