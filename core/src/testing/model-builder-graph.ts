/**
 * Graph and node builders. Nodes, initializers and value infos are encoded as they are added (each
 * repeated field into its own encoder), so a builder holds bytes, not an object per node: a
 * million-node chain costs tens of megabytes, and weights cost nothing until written.
 *
 * The builder does not validate the graph (no SSA or topological-order checks) on purpose: hostile
 * fixtures need invalid graphs too. Auto-generated names are `<OpType>_<n>` for nodes (n counts per op
 * type across the whole model, subgraphs and functions included) and `<nodeName>_output_<i>` for
 * outputs; pick other names for your own values to avoid collisions.
 */
import { type AttrValue, type Attrs, GraphValue, writeAttribute } from './model-builder-attrs.js';
import type { DTypeName, TensorData } from './model-builder-dtypes.js';
import {
  ExternalFiles,
  type SparseTensorOptions,
  type SparseTensorValue,
  type TensorOptions,
  type TensorValue,
  encodeSparseTensor,
  encodeTensor,
  writeTensorBody,
} from './model-builder-tensor.js';
import { type Shape, type TypeSpec, toTypeSpec, writeValueInfo } from './model-builder-types.js';
import { Encoder } from './proto-writer-encoder.js';
import { type Rope, concatRopes } from './proto-writer-rope.js';

/** State shared by a model and all its subgraphs and functions. */
export class BuilderContext {
  private readonly counters = new Map<string, number>();
  readonly external = new ExternalFiles();
  private graphs = 0;

  /** A node name unique among auto-generated ones: `<opType>_<n>`. */
  nextNodeName(opType: string): string {
    const n = this.counters.get(opType) ?? 0;
    this.counters.set(opType, n + 1);
    return `${opType}_${n}`;
  }

  /** A default subgraph name. */
  nextGraphName(): string {
    return `subgraph_${this.graphs++}`;
  }
}

/** Options of {@link NodeScope.node}. */
export interface NodeOptions {
  /** Attribute values by name; `undefined` entries are skipped. */
  attrs?: Attrs;
  /** Node name; auto-generated when absent. */
  name?: string;
  /** NodeProto.domain; not written when absent (the default domain). */
  domain?: string;
  /** Output names, or how many to auto-generate (default 1). */
  outputs?: number | readonly string[];
  /** NodeProto.doc_string. */
  docString?: string;
}

/** Something that can hold nodes: a graph or a function body. */
export class NodeScope {
  protected readonly nodeEnc = new Encoder();
  private nodes = 0;

  constructor(
    /** Shared naming counters and external files. */
    readonly context: BuilderContext,
    /** Field number of the node list: 1 in GraphProto, 7 in FunctionProto. */
    private readonly nodeField = 1,
  ) {}

  /** Number of nodes added to this scope (not counting subgraphs). */
  get nodeCount(): number {
    return this.nodes;
  }

  /**
   * Adds a node and returns its output names. `inputs` entries that are `null`/`undefined`/`''` are
   * written as `''` (an omitted optional input).
   */
  node(opType: string, inputs: readonly (string | null | undefined)[], opts: NodeOptions = {}): string[] {
    const name = opts.name ?? this.context.nextNodeName(opType);
    const outs = opts.outputs;
    let outputs: string[];
    if (typeof outs === 'object') outputs = outs.slice();
    else {
      const count = outs ?? 1;
      outputs = new Array<string>(count);
      for (let i = 0; i < count; i++) outputs[i] = `${name}_output_${i}`;
    }
    this.nodeEnc.message(this.nodeField, (n) => {
      for (const x of inputs) n.string(1, x ?? '');
      for (const y of outputs) n.string(2, y);
      n.string(3, name);
      n.string(4, opType);
      if (opts.attrs) {
        for (const key in opts.attrs) {
          const v: AttrValue | undefined = opts.attrs[key];
          if (v !== undefined) writeAttribute(n, 5, key, v);
        }
      }
      if (opts.docString !== undefined) n.string(6, opts.docString);
      if (opts.domain !== undefined) n.string(7, opts.domain);
    });
    this.nodes++;
    return outputs;
  }

  /** The encoded node list (NodeProtos in field `nodeField`). */
  encodeNodes(): Rope {
    return this.nodeEnc.finish();
  }

  /** A tensor value for a `TENSOR` attribute (e.g. Constant's `value`). */
  tensor(dtype: DTypeName, dims: readonly number[], data?: TensorData, opts: TensorOptions & { name?: string } = {}): TensorValue {
    return encodeTensor(opts.name, dtype, dims, { ...opts, data: data ?? opts.data }, this.context.external);
  }

  /** A sparse tensor value for a `SPARSE_TENSOR` attribute. */
  sparseTensor(dtype: DTypeName, dims: readonly number[], opts: SparseTensorOptions & { name?: string }): SparseTensorValue {
    return encodeSparseTensor(opts.name, dtype, dims, opts);
  }

  /** A subgraph for a `GRAPH` attribute (If branches, Loop/Scan bodies), built by `build`. */
  subgraph(build: (g: GraphBuilder) => void, name?: string): GraphValue {
    const g = new GraphBuilder(this.context, name ?? this.context.nextGraphName());
    build(g);
    return new GraphValue(g.encodeGraph(), g.name);
  }
}

/** Builds a GraphProto: inputs, initializers, nodes, outputs, value infos. */
export class GraphBuilder extends NodeScope {
  private readonly initEnc = new Encoder();
  private readonly inputEnc = new Encoder();
  private readonly outputEnc = new Encoder();
  private readonly valueInfoEnc = new Encoder();
  private readonly sparseEnc = new Encoder();
  /** Names of the graph inputs, in order. */
  readonly inputNames: string[] = [];
  /** Names of the graph outputs, in order. */
  readonly outputNames: string[] = [];
  /** Names of the dense initializers, in order. */
  readonly initializerNames: string[] = [];
  /** GraphProto.doc_string. */
  docString: string | undefined;

  constructor(
    context: BuilderContext,
    /** GraphProto.name. */
    public name: string,
  ) {
    super(context);
  }

  /** Adds a graph input; `input(name, 'FLOAT', ['batch', 3])` or `input(name, { kind: 'sequence', ... })`. */
  input(name: string, type?: DTypeName | TypeSpec, shape?: Shape, docString?: string): string {
    writeValueInfo(this.inputEnc, 11, name, toTypeSpec(type, shape), docString);
    this.inputNames.push(name);
    return name;
  }

  /** Adds a graph output (the type is optional: an untyped output is legal in subgraphs). */
  output(name: string, type?: DTypeName | TypeSpec, shape?: Shape, docString?: string): string {
    writeValueInfo(this.outputEnc, 12, name, toTypeSpec(type, shape), docString);
    this.outputNames.push(name);
    return name;
  }

  /** Adds a `value_info` entry (a type annotation on an intermediate value). */
  valueInfo(name: string, type?: DTypeName | TypeSpec, shape?: Shape, docString?: string): string {
    writeValueInfo(this.valueInfoEnc, 13, name, toTypeSpec(type, shape), docString);
    return name;
  }

  /**
   * Adds a dense initializer. Without `data`/`seed`/`rawBytes` its raw_data is `ceil(numel × bits / 8)`
   * zero bytes, streamed on write and never held in memory.
   */
  initializer(name: string, dtype: DTypeName, dims: readonly number[], opts: TensorOptions = {}): string {
    this.initEnc.message(5, (t) => writeTensorBody(t, name, dtype, dims, opts, this.context.external));
    this.initializerNames.push(name);
    return name;
  }

  /** Adds a sparse initializer (COO; its `values` tensor carries the name). */
  sparseInitializer(name: string, dtype: DTypeName, dims: readonly number[], opts: SparseTensorOptions): string {
    this.sparseEnc.rope(15, encodeSparseTensor(name, dtype, dims, opts).rope);
    return name;
  }

  /** The GraphProto's fields in field-number order. */
  encodeGraph(): Rope {
    const head = new Encoder();
    head.string(2, this.name);
    const mid = new Encoder();
    if (this.docString !== undefined) mid.string(10, this.docString);
    return concatRopes(
      this.encodeNodes(),
      head.finish(),
      this.initEnc.finish(),
      mid.finish(),
      this.inputEnc.finish(),
      this.outputEnc.finish(),
      this.valueInfoEnc.finish(),
      this.sparseEnc.finish(),
    );
  }
}
