/**
 * A fluent builder that writes real ONNX bytes, for fixtures, the demo model and benchmarks.
 *
 * @example
 * ```ts
 * const b = new ModelBuilder({ opset: 17 });
 * const x = b.input('x', 'FLOAT', ['batch', 3, 224, 224]);
 * const w = b.initializer('w', 'FLOAT', [64, 3, 7, 7]);          // zeros, streamed on write
 * const [y] = b.node('Conv', [x, w], { attrs: { pads: [3, 3, 3, 3], strides: [2, 2] } });
 * b.output(y, 'FLOAT', ['batch', 64, 112, 112]);
 * await b.write('model.onnx');
 * ```
 *
 * Encoding follows protobuf's canonical form (fields in number order, unpacked repeated ints and
 * floats in attributes, packed typed tensor fields), so a model built like one made with
 * `onnx.helper` serialises to the same bytes.
 */
import { dirname } from 'node:path';
import { BuilderContext, GraphBuilder, NodeScope } from './model-builder-graph.js';
import { writeExternalFiles, writeRope } from './model-builder-io.js';
import { Encoder } from './proto-writer-encoder.js';
import { type Rope, concatRopes, ropeToBytes } from './proto-writer-rope.js';

/** Options of a {@link ModelBuilder}. */
export interface ModelBuilderOptions {
  /** Version of the default (`''`, ai.onnx) opset; default 17. */
  opset?: number;
  /** ModelProto.ir_version; default: the IR version released with `opset` (8 for opsets 15–18). */
  irVersion?: number | bigint;
  /** Default `'autodoc-builder'`; `null` writes no producer_name. */
  producerName?: string | null;
  producerVersion?: string;
  /** ModelProto.domain. */
  domain?: string;
  modelVersion?: number;
  docString?: string;
  /** Main graph name; default `'main_graph'` (as PyTorch names it). */
  graphName?: string;
  /** Further opset imports by domain (written after the default domain, in this order). */
  opsetImports?: Readonly<Record<string, number>>;
  /** metadata_props entries. */
  metadata?: Readonly<Record<string, string>>;
}

/** Options of {@link ModelBuilder.function}. */
export interface FunctionOptions {
  name: string;
  domain: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** Names of the function's attributes (referenced in the body with `attrRef`). */
  attributes?: readonly string[];
  /** The body's opset imports; default `{ '': <model opset> }`. */
  opsetImports?: Readonly<Record<string, number>>;
  docString?: string;
  /** Adds the body's nodes. */
  body: (f: NodeScope) => void;
}

/**
 * IR version released together with each ai.onnx opset (onnx.helper.VERSION_TABLE), used as the
 * default `irVersion`; opsets past the table map to the last entry.
 */
export function defaultIrVersion(opset: number): number {
  const table: [number, number][] = [
    [8, 3],
    [9, 4],
    [10, 5],
    [11, 6],
    [14, 7],
    [18, 8],
    [20, 9],
    [22, 10],
    [23, 11],
    [24, 12],
  ];
  for (const [maxOpset, ir] of table) if (opset <= maxOpset) return ir;
  return 13;
}

/** Builds a ModelProto; see the module example. */
export class ModelBuilder extends GraphBuilder {
  /** Opset of the default domain. */
  readonly opset: number;
  private readonly options: ModelBuilderOptions;
  private readonly opsets: Map<string, number>;
  private readonly functionEnc = new Encoder();

  constructor(options: ModelBuilderOptions = {}) {
    super(new BuilderContext(), options.graphName ?? 'main_graph');
    this.options = options;
    this.opset = options.opset ?? 17;
    this.opsets = new Map([['', this.opset]]);
    for (const [domain, version] of Object.entries(options.opsetImports ?? {})) this.opsets.set(domain, version);
  }

  /** Adds (or changes) an opset import. */
  opsetImport(domain: string, version: number): this {
    this.opsets.set(domain, version);
    return this;
  }

  /**
   * Adds a model-local function (FunctionProto). Its domain is added to the model's opset imports
   * (version 1) when absent, since nodes calling it need one.
   */
  function(opts: FunctionOptions): this {
    const body = new NodeScope(this.context, 7);
    opts.body(body);
    const opsets = opts.opsetImports ?? { '': this.opset };
    this.functionEnc.message(25, (f) => {
      f.string(1, opts.name);
      for (const x of opts.inputs) f.string(4, x);
      for (const y of opts.outputs) f.string(5, y);
      for (const a of opts.attributes ?? []) f.string(6, a);
      f.appendRope(body.encodeNodes());
      if (opts.docString !== undefined) f.string(8, opts.docString);
      for (const [domain, version] of Object.entries(opsets)) {
        f.message(9, (o) => {
          o.string(1, domain);
          o.varint(2, version);
        });
      }
      f.string(10, opts.domain);
    });
    if (!this.opsets.has(opts.domain)) this.opsets.set(opts.domain, 1);
    return this;
  }

  /** The whole ModelProto as a rope (payloads not materialised). */
  encode(): Rope {
    const o = this.options;
    const head = new Encoder();
    head.varint(1, o.irVersion ?? defaultIrVersion(this.opset));
    const producer = o.producerName === undefined ? 'autodoc-builder' : o.producerName;
    if (producer !== null) head.string(2, producer);
    if (o.producerVersion !== undefined) head.string(3, o.producerVersion);
    if (o.domain !== undefined) head.string(4, o.domain);
    if (o.modelVersion !== undefined) head.varint(5, o.modelVersion);
    if (o.docString !== undefined) head.string(6, o.docString);
    head.rope(7, this.encodeGraph());
    const tail = new Encoder();
    for (const [domain, version] of this.opsets) {
      tail.message(8, (s) => {
        s.string(1, domain);
        s.varint(2, version);
      });
    }
    for (const [key, value] of Object.entries(o.metadata ?? {})) {
      tail.message(14, (kv) => {
        kv.string(1, key);
        kv.string(2, value);
      });
    }
    return concatRopes(head.finish(), tail.finish(), this.functionEnc.finish());
  }

  /** The model bytes in memory (external data files are not included; use write for those). */
  toBytes(): Uint8Array {
    return ropeToBytes(this.encode());
  }

  /**
   * Writes the model to `path`, streaming weight payloads in chunks (bounded memory for multi-GB
   * models), and writes every external data file beside it.
   */
  async write(path: string): Promise<void> {
    await writeRope(path, this.encode());
    await writeExternalFiles(dirname(path), this.context.external);
  }
}
