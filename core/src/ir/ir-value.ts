import type { Dim } from '../dims/index.js';
import type { OnnxTensor, OnnxType } from '../onnx/types.js';
import type { Node, Value, ValueKind } from './graph.js';
import type { GraphLinks } from './graph-links.js';
import type { ValueType } from './value-type.js';

/** The IR's value. Its consumers are looked up in the graph's links (see GraphLinks) when asked for. */
export class IrValue implements Value {
  readonly name: string;
  readonly kind: ValueKind;
  declared: OnnxType | undefined;
  type: ValueType | undefined = undefined;
  value: readonly Dim[] | undefined = undefined;
  readonly initializer: OnnxTensor | undefined;
  producer: Node | undefined;
  readonly #number: number;
  readonly #links: GraphLinks;

  constructor(links: GraphLinks, number: number, name: string, kind: ValueKind, declared: OnnxType | undefined, initializer?: OnnxTensor, producer?: Node) {
    this.name = name;
    this.kind = kind;
    this.declared = declared;
    this.initializer = initializer;
    this.producer = producer;
    this.#number = number;
    this.#links = links;
  }

  /** The value's number in its graph: its position in `Graph.values`. */
  get number(): number {
    return this.#number;
  }

  get consumers(): Node[] {
    return this.#links.consumersOf(this.#number);
  }
}
