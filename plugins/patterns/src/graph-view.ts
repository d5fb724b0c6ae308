import { type AnalysisContext, constantTest, type Dim, type Graph, type Node, nodesOfType, type OnnxTensor, tensorOf, type Value, weightBehind } from '@autodoc/core';

/** Largest tensor whose contents are read for pattern matching (shape constants, scales, axes). */
const MAX_CONST_ELEMENTS = 64;

/** Ops whose constant operands detectors read: head-split shapes, score scales, exponents. */
const CONTENT_CONSUMERS = new Set(['Reshape', 'Concat', 'Div', 'Mul', 'Pow', 'Split', 'Expand', 'Identity', 'Cast']);
/** Most constants read per graph. */
const MAX_CONST_READS = 10_000;
/** Constants read concurrently. */
const READ_BATCH = 16;

/**
 * A read-only view of one graph for pattern detectors: producers, consumers, constants and their
 * known contents, shapes (inferred, else declared). Detectors are synchronous; the contents of small
 * constants are read once, before they run ({@link createGraphView}).
 */
export interface GraphView {
  readonly graph: Graph;
  readonly nodes: readonly Node[];
  /**
   * The nodes whose op type is one of `opTypes` (any domain), in graph order (core's `nodesOfType`).
   * Detectors start from these instead of testing every node: seventeen detectors each walking a
   * million nodes cost ~0.4 s.
   */
  nodesOf(opTypes: Iterable<string>): readonly Node[];
  /** The model's ai.onnx opset. */
  readonly opset: number;
  /** The node that produces `v`, if any (graph inputs and initializers have none). */
  producer(v: Value | undefined): Node | undefined;
  /** The op type of `v`'s producer, or undefined. */
  producerOp(v: Value | undefined): string | undefined;
  consumers(v: Value | undefined): readonly Node[];
  /** True for initializers, Constant outputs and values computed only from those. */
  isConstant(v: Value | undefined): boolean;
  /** The weight initializer behind input `i` of `node` (core's `weightBehind`: through layout, dtype and dequantization ops). */
  weight(node: Node, i: number): OnnxTensor | undefined;
  /** Known integer contents of a small constant or folded shape value, or undefined. */
  ints(v: Value | undefined): number[] | undefined;
  /** Known float contents of a small constant, or undefined. */
  floats(v: Value | undefined): number[] | undefined;
  /** The shape of `v`: inferred when the Shapes stage ran, else declared in the file. */
  shape(v: Value | undefined): readonly (Dim | string | null)[] | undefined;
  attrInt(node: Node, name: string, fallback: number): number;
  attrInts(node: Node, name: string): number[] | undefined;
  /** True when `node` is a MatMul/Gemm/Conv whose second input is a constant weight. */
  isWeighted(node: Node): boolean;
}

/** Reads the small constants of `graph` (async), then returns a synchronous view over it. */
export async function createGraphView(ctx: AnalysisContext, graph: Graph = ctx.graph): Promise<GraphView> {
  // Only constants that detectors look at (shapes, scales, exponents), and a bounded number of
  // them, so a graph with a million tiny constants does not turn into a million reads.
  const small = (tensor: OnnxTensor | undefined): tensor is OnnxTensor => tensor !== undefined && tensor.elementCount >= 0 && tensor.elementCount <= MAX_CONST_ELEMENTS;
  const wanted = (v: Value) => v.consumers.some((c) => CONTENT_CONSUMERS.has(c.opType));
  const candidates: [Value, OnnxTensor][] = [];
  for (const v of graph.initializers) if (small(v.initializer) && wanted(v)) candidates.push([v, v.initializer]);
  for (const node of nodesOfType(graph, 'Constant')) {
    const out = node.output(0);
    const t = node.attributes.get('value')?.t;
    if (out && small(t) && wanted(out)) candidates.push([out, t]);
  }
  // A few reads in flight at a time (the run keeps the model file open), results kept in order: the
  // first MAX_CONST_READS readable constants are the ones used.
  const contents = new Map<Value, number[]>();
  for (let i = 0; i < candidates.length && contents.size < MAX_CONST_READS; i += READ_BATCH) {
    const batch = candidates.slice(i, i + READ_BATCH);
    const read = await Promise.all(batch.map(([, tensor]) => ctx.readInitializer(tensor, MAX_CONST_ELEMENTS).catch(() => undefined)));
    for (let k = 0; k < batch.length && contents.size < MAX_CONST_READS; k++) {
      // An unreadable constant only means a detector cannot use its value.
      const values = read[k];
      if (values) contents.set(batch[k][0], values.map((x) => Number(x)));
    }
  }
  return graphViewOf(graph, ctx.opset('') ?? 0, contents);
}

/** A view without preloaded constant contents (enough for structure: producers, weights, shapes). */
export function graphViewOf(graph: Graph, opset: number, contents: ReadonlyMap<Value, number[]> = new Map()): GraphView {
  const isConstant = constantTest(graph);
  const numbers = (v: Value | undefined): number[] | undefined => {
    if (!v) return undefined;
    const c = contents.get(v);
    if (c) return c;
    if (v.value?.every((d) => typeof d === 'number')) return v.value as number[];
    const p = v.producer;
    // Identity/Cast of a constant keep its contents (common around exported shape constants).
    if (p && (p.opType === 'Identity' || p.opType === 'Cast')) return numbers(p.inputs[0]);
    return undefined;
  };
  const nodesOf = (opTypes: Iterable<string>): readonly Node[] => nodesOfType(graph, ...opTypes);
  return {
    graph,
    nodes: graph.nodes,
    nodesOf,
    opset,
    producer: (v) => v?.producer,
    producerOp: (v) => v?.producer?.opType,
    consumers: (v) => v?.consumers ?? [],
    isConstant,
    weight: (node, i) => weightBehind(node.input(i)),
    ints: (v) => {
      const n = numbers(v);
      return n?.every((x) => Number.isInteger(x)) ? n : undefined;
    },
    floats: numbers,
    shape: (v) => {
      if (!v) return undefined;
      const inferred = tensorOf(v).shape;
      if (inferred) return inferred;
      const d = v.declared;
      if (d && (d.kind === 'tensor' || d.kind === 'sparse_tensor') && d.shape) return d.shape.map((x) => (typeof x === 'number' && x < 0 ? null : x));
      if (v.initializer) return v.initializer.dims;
      return undefined;
    },
    attrInt: (node, name, fallback) => node.attributes.get(name)?.i ?? fallback,
    attrInts: (node, name) => node.attributes.get(name)?.ints,
    isWeighted: (node) => {
      if (node.opType !== 'MatMul' && node.opType !== 'Gemm' && node.opType !== 'Conv' && node.opType !== 'ConvTranspose') return false;
      return weightBehind(node.input(1)) !== undefined;
    },
  };
}

/** A value's node-free neighbours: the single consumer when there is exactly one. */
export function soleConsumer(view: GraphView, v: Value | undefined): Node | undefined {
  const c = view.consumers(v);
  return c.length === 1 ? c[0] : undefined;
}

/** The first non-constant input of `node`, or undefined. */
export function dataInput(view: GraphView, node: Node): Value | undefined {
  for (let i = 0, count = node.inputCount; i < count; i++) {
    const v = node.input(i);
    if (v !== undefined && !view.isConstant(v)) return v;
  }
  return undefined;
}

/** How many inputs of `node` are not constant (a bias Add has one). */
export function dataInputCount(view: GraphView, node: Node): number {
  let n = 0;
  for (let i = 0, count = node.inputCount; i < count; i++) {
    const v = node.input(i);
    if (v !== undefined && !view.isConstant(v)) n++;
  }
  return n;
}

/** Node names for a match location, dropping repeats. */
export function names(...nodes: (Node | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of nodes) if (n && !out.includes(n.name)) out.push(n.name);
  return out;
}
