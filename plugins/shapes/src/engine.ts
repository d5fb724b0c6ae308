/**
 * The walk: each graph's nodes in order (already topologically sorted), one rule call per node (a
 * rule that declares `shapeFromTypes` gives its last result again to a node of its op with the same
 * input types), the result written to the output values. Bodies (If/Loop/Scan) are walked when
 * their node's rule asks (`inferSubgraph`), model-local functions are inlined per call. Per node: one argument array, one
 * OpNode, one short-lived view per input and output; nothing per value is kept beyond its `type` and
 * `value`, so memory (and garbage collection) stays proportional to the graph.
 */
import {
  dataTypeName,
  dims,
  type Dim,
  type Graph,
  type InferredType,
  MAX_RANK,
  type Node,
  type OnnxAttribute,
  type OnnxFunction,
  type OnnxTensor,
  type OpRegistry,
  ResultsByTypes,
  reusableByTypes,
  type TensorArg,
  type Value,
  type ValueType,
  createOpNode,
  tensorArg,
  valueArg,
} from '@autodoc/core';
import { type DeclaredContext, fromDeclared } from './declared.js';
import { MAX_DIM_CHARS, type ShapeDiagnostics } from './diagnostics.js';
import { functionBody, functionKey } from './functions.js';
import { reconcile } from './reconcile.js';

/** Deepest chain of model-local function calls followed (recursion is a model error). */
export const MAX_FUNCTION_DEPTH = 16;
/** Opset assumed for a domain the model does not import: the newest rule applies. */
const NEWEST = 1_000;

export interface EngineSettings {
  readonly ops: OpRegistry;
  readonly opsetImports: Readonly<Record<string, number>>;
  readonly declared: DeclaredContext;
  readonly trustModelShapes: boolean;
  readonly diagnostics: ShapeDiagnostics;
  readonly tensorValues: ReadonlyMap<OnnxTensor, readonly Dim[]>;
  readonly functions: ReadonlyMap<string, OnnxFunction>;
  /** Symbols the model itself names; every other symbol in a shape was made up by inference. */
  readonly modelSymbols: ReadonlySet<string>;
  /** Sparse initializers: the values tensor → the dense dims. */
  readonly sparseDims: ReadonlyMap<OnnxTensor, readonly number[]>;
  /** The run's budget check (AnalysisContext.checkBudget); called every few thousand nodes. */
  readonly checkBudget?: (where: string) => void;
}

/** Nodes between two budget checks: a clock read per 4,096 nodes costs nothing measurable. */
const BUDGET_STRIDE = 4096;

function isTensor(t: ValueType | undefined): t is Extract<ValueType, { kind: 'tensor' | 'sparse_tensor' }> {
  return t !== undefined && (t.kind === 'tensor' || t.kind === 'sparse_tensor');
}

export class ShapeEngine {
  readonly #s: EngineSettings;
  readonly #hasBindings: boolean;
  #opsets: Readonly<Record<string, number>>;
  #functionDepth = 0;
  /** Results of `shapeFromTypes` rules, for the next node of the op with the same input types. */
  readonly #reuse = new ResultsByTypes<readonly (InferredType | undefined)[]>();
  /** Nodes whose TENSOR attributes carry pre-read contents: their augmented attribute maps. */
  readonly #attrCache = new WeakMap<Node, ReadonlyMap<string, OnnxAttribute>>();

  constructor(settings: EngineSettings) {
    this.#s = settings;
    this.#opsets = settings.opsetImports;
    this.#hasBindings = Object.keys(settings.declared.bindings).length > 0;
  }

  /** The argument view of a value (undefined when nothing is known about it). */
  arg(v: Value): TensorArg | undefined {
    return v.type === undefined ? undefined : valueArg(v);
  }

  /**
   * Walks a graph. `inputTypes` seed its inputs (bodies: given by the node's rule); missing entries
   * fall back to the declared types. Returns the types of the graph's outputs, contents included.
   */
  inferGraph(
    graph: Graph,
    inputTypes?: readonly (InferredType | undefined)[],
    inputValues?: ReadonlyMap<string, readonly Dim[]>,
  ): (InferredType | undefined)[] {
    graph.inputs.forEach((v, i) => {
      const given = inputTypes?.[i];
      if (given) this.#seed(v, withoutContents(given), contentsOf(given));
      else this.#seed(v, fromDeclared(v.declared, this.#s.declared), inputValues?.get(v.name));
    });
    for (const v of graph.initializers) this.#seedInitializer(v);
    if (graph.parent) this.#resolveOuter(graph);
    const nodes = graph.nodes;
    for (let i = 0; i < nodes.length; i++) {
      if (i % BUDGET_STRIDE === BUDGET_STRIDE - 1) this.#s.checkBudget?.('inferring shapes');
      this.#inferNode(nodes[i]);
    }
    return graph.outputs.map((v) => {
      const t = v.type;
      if (!t) return undefined;
      return v.value && isTensor(t) ? { ...t, value: v.value } : (t as InferredType);
    });
  }

  #seed(v: Value, type: ValueType | undefined, value: readonly Dim[] | undefined): void {
    if (isTensor(type) && type.shape && type.shape.length > MAX_RANK) {
      // Declared or computed, a rank past the limit is a hostile or broken model: shape unknown.
      this.#s.diagnostics.rankLimit(v.name, type.shape.length);
      type = { ...type, shape: undefined };
      value = undefined;
    }
    v.type = type;
    v.value = type === undefined ? undefined : value;
  }

  #seedInitializer(v: Value): void {
    const t = v.initializer;
    if (!t) return;
    const sparse = this.#s.sparseDims.get(t);
    const shape: Dim[] = (sparse ?? t.dims).map((d) => (d >= 0 ? d : this.#s.declared.symbols.fresh('unk')));
    const declared = fromDeclared(v.declared, this.#s.declared);
    const dtype = declared && isTensor(declared) && declared.dtype ? declared.dtype : dataTypeName(t.dataType);
    this.#seed(v, { kind: sparse ? 'sparse_tensor' : 'tensor', dtype, shape }, this.#s.tensorValues.get(t));
  }

  /** Values a body reads from enclosing graphs take the enclosing value's current type. */
  #resolveOuter(graph: Graph): void {
    for (const v of graph.values.values()) {
      if (v.kind !== 'outer') continue;
      let found: Value | undefined;
      for (let g = graph.parent; g && !found; g = g.parent) {
        const pv = g.values.get(v.name);
        if (pv?.type) found = pv;
      }
      if (found) this.#seed(v, found.type, found.value);
      else this.#seed(v, fromDeclared(v.declared, this.#s.declared), undefined);
    }
  }

  #opsetOf(domain: string): number {
    return this.#opsets[domain] ?? NEWEST;
  }

  #inferNode(node: Node): void {
    let results: readonly (InferredType | undefined)[] | undefined;
    const fn = this.#s.functions.size > 0 ? this.#s.functions.get(functionKey(node.domain, node.opType)) : undefined;
    if (fn) results = this.#inferCall(node, fn, argsOf(node.inputs));
    else {
      const opset = this.#opsetOf(node.domain);
      const def = this.#s.ops.lookup(node.domain, node.opType, opset);
      const reusable = def?.shapeFromTypes === true && reusableByTypes(node);
      const reused = reusable ? this.#reuse.get(def, opset, node) : undefined;
      if (reused) results = reused;
      else if (!def?.shape) this.#s.diagnostics.unknownOp(node);
      else {
        const inputs = argsOf(node.inputs);
        const opNode = createOpNode({
          name: node,
          opType: node.opType,
          domain: node.domain,
          opset,
          attributes: this.#attributes(node),
          inputs,
          // Rules read only output names before shapes are known; an output left empty has none.
          outputs: node.outputs.map((v) => tensorArg(v ?? '', undefined)),
          inferSubgraph: node.subgraphs.size > 0 ? (attr, types) => this.#inferBody(node, attr, types) : undefined,
        });
        try {
          results = def.shape(opNode);
          if (reusable) this.#reuse.set(def, opset, node, false, results);
        } catch (error) {
          this.#s.diagnostics.ruleFailed(node, error);
        }
      }
    }
    for (let i = 0, count = node.outputCount; i < count; i++) {
      const v = node.output(i);
      if (v) this.#assign(v, results?.[i], node);
    }
  }

  /** The node's attributes, with pre-read TENSOR contents attached as `t.values` (see attrTensorValues). */
  #attributes(node: Node): ReadonlyMap<string, OnnxAttribute> {
    const attrs = node.attributes;
    if (attrs.size === 0 || this.#s.tensorValues.size === 0) return attrs;
    const cached = this.#attrCache.get(node);
    if (cached) return cached;
    let out: Map<string, OnnxAttribute> | undefined;
    for (const [name, a] of attrs) {
      const values = a.t ? this.#s.tensorValues.get(a.t) : undefined;
      if (!values) continue;
      out ??= new Map(attrs);
      out.set(name, { ...a, t: Object.assign({}, a.t, { values }) });
    }
    const result = out ?? attrs;
    this.#attrCache.set(node, result);
    return result;
  }

  #inferBody(node: Node, attr: string, types: readonly (InferredType | undefined)[]): (InferredType | undefined)[] {
    const body = node.subgraphs.get(attr);
    if (!body) return [];
    return this.inferGraph(body, types);
  }

  /** Inlines a model-local function for this call. */
  #inferCall(node: Node, fn: OnnxFunction, inputs: readonly (TensorArg | undefined)[]): (InferredType | undefined)[] | undefined {
    if (this.#functionDepth >= MAX_FUNCTION_DEPTH) {
      this.#s.diagnostics.recursion(node, MAX_FUNCTION_DEPTH);
      return undefined;
    }
    const { graph } = functionBody(fn, node);
    const types = inputs.map((a) => (a?.type ? (a.value && isTensor(a.type) ? { ...a.type, value: a.value } : (a.type as InferredType)) : undefined));
    const saved = this.#opsets;
    this.#opsets = { ...saved, ...fn.opsetImports };
    this.#functionDepth++;
    try {
      return this.inferGraph(graph, types);
    } catch (error) {
      this.#s.diagnostics.ruleFailed(node, error);
      return undefined;
    } finally {
      this.#functionDepth--;
      this.#opsets = saved;
    }
  }

  /** Writes one output: the rule's type, completed or overridden by the declared type, bindings applied. */
  #assign(v: Value, result: InferredType | undefined, node: Node): void {
    let type: ValueType | undefined;
    let value: readonly Dim[] | undefined;
    if (result) {
      if (isTensor(result)) {
        value = result.value;
        let shape = result.shape;
        // Never let an impossible dim through: downstream counts would go negative or NaN.
        const bad = shape?.find((d) => typeof d === 'number' && !(Number.isSafeInteger(d) && d >= 0));
        if (bad !== undefined) {
          this.#s.diagnostics.invalidDim(node, v.name, bad as number);
          shape = undefined;
          value = undefined;
        }
        const long = Math.max(longestDim(shape), longestDim(value));
        if (long > MAX_DIM_CHARS) {
          this.#s.diagnostics.expressionLimit(node, v.name, long);
          shape = undefined;
          value = undefined;
        }
        if (shape && this.#hasBindings) shape = this.#bind(shape);
        if (value && this.#hasBindings) value = this.#bind(value);
        // The rule's object is kept as is when it carries no contents (no copy per value).
        type = value === undefined && shape === result.shape && !('value' in result) ? result : { kind: result.kind, dtype: result.dtype, shape };
      } else type = result;
    }
    const declared = v.declared;
    if (declared) {
      const declaredType = fromDeclared(declared, this.#s.declared);
      if (!type) type = declaredType;
      else if (declaredType) {
        const r = reconcile(type, declared, declaredType, this.#s.trustModelShapes, (d) => this.#generated(d));
        if (r.conflict)
          this.#s.diagnostics.conflict(node, v.name, r.conflict.declared, r.conflict.inferred, this.#s.trustModelShapes ? 'declared' : 'inferred');
        if (r.type !== type) {
          type = r.type;
          if (r.conflict && this.#s.trustModelShapes) value = undefined;
        }
      }
    }
    this.#seed(v, type, value);
  }

  /** True for a bare symbol inference made up (not one of the model's names). */
  #generated(d: Dim): boolean {
    if (typeof d === 'number') return false;
    const names = dims.symbols(d);
    return names.length === 1 && d.key === names[0] && !this.#s.modelSymbols.has(names[0]);
  }

  #bind(ds: readonly Dim[]): readonly Dim[] {
    let out: Dim[] | undefined;
    for (let k = 0; k < ds.length; k++) {
      const d = ds[k];
      if (typeof d === 'number') continue;
      const b = dims.substitute(d, this.#s.declared.bindings);
      if (b !== d) {
        out ??= [...ds];
        out[k] = b;
      }
    }
    return out ?? ds;
  }
}

/** Characters of the longest symbolic dim of a shape or shape value (0 when all are numbers). */
function longestDim(list: readonly Dim[] | undefined): number {
  let longest = 0;
  if (list) {
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (typeof d !== 'number' && d.key.length > longest) longest = d.key.length;
    }
  }
  return longest;
}

/** The argument views of a node's inputs: a present input of unknown type is still present, an absent optional one undefined. */
function argsOf(ins: readonly (Value | undefined)[]): (TensorArg | undefined)[] {
  const inputs = new Array<TensorArg | undefined>(ins.length);
  for (let i = 0; i < ins.length; i++) inputs[i] = valueArg(ins[i]);
  return inputs;
}

function withoutContents(t: InferredType): ValueType {
  return isTensor(t) ? { kind: t.kind, dtype: t.dtype, shape: t.shape } : t;
}

function contentsOf(t: InferredType): readonly Dim[] | undefined {
  return isTensor(t) ? t.value : undefined;
}
