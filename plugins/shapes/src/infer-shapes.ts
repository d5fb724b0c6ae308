/**
 * inferShapes: the whole Shapes stage as a pure-ish function (it writes `type`/`value` on the
 * graph's values and returns diagnostics), usable from tests without the pipeline.
 */
import { dims, type Diagnostic, type Dim, type Graph, type OnnxModel, type OnnxTensor, type OpRegistry, readTensorValues, walkAllGraphs } from '@autodoc/core';
import { declaredNames } from './declared.js';
import { ShapeDiagnostics } from './diagnostics.js';
import { ShapeEngine } from './engine.js';
import { functionTable } from './functions.js';
import { prereadTensors, type TensorReader } from './preread.js';

export interface InferShapesOptions {
  /** Symbol bindings (`--dim batch=2`): bound symbols become numbers everywhere. */
  readonly bindings?: Readonly<Record<string, number>>;
  /** Prefer declared shapes when they disagree with inferred ones (`--trust-model-shapes`). */
  readonly trustModelShapes?: boolean;
  /** Reads a small tensor's contents; defaults to the ONNX reader on the model's file. */
  readonly readTensor?: TensorReader;
  /** Known contents of graph inputs by name (tests bind recorded input values this way). */
  readonly inputValues?: ReadonlyMap<string, readonly Dim[]>;
  /** The symbol table to draw fresh `unk__N` names from (a new one per run by default). */
  readonly symbols?: dims.SymbolTable;
  /** The run's budget check (AnalysisContext.checkBudget). */
  readonly checkBudget?: (where: string) => void;
}

export interface InferShapesResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly symbols: dims.SymbolTable;
  /** Diagnostic counts by code (SHAPE_UNKNOWN_OP: nodes without a rule, …). */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Infers the dtype and shape of every value of `graph` (bodies when their node's rule walks them),
 * keeping symbols symbolic, and folds small integer contents through shape arithmetic.
 */
export async function inferShapes(graph: Graph, model: OnnxModel, ops: OpRegistry, options: InferShapesOptions = {}): Promise<InferShapesResult> {
  const bindings = options.bindings ?? {};
  const graphs = walkAllGraphs(graph);
  const modelSymbols = new Set<string>();
  for (const g of graphs) {
    for (const v of g.inputs) declaredNames(v.declared, modelSymbols);
    for (const v of g.outputs) declaredNames(v.declared, modelSymbols);
  }
  for (const vi of model.graph.valueInfo) declaredNames(vi.type, modelSymbols);
  const symbols = options.symbols ?? new dims.SymbolTable(modelSymbols);
  for (const name of modelSymbols) symbols.declare(name);

  const read: TensorReader = options.readTensor ?? ((t: OnnxTensor, max: number) => readTensorValues(model, t, { maxElements: max }));
  const tensorValues = await prereadTensors(graphs, model.functions, read);
  const sparseDims = new Map<OnnxTensor, readonly number[]>();
  for (const s of model.graph.sparseInitializers) sparseDims.set(s.values, s.dims);

  const diagnostics = new ShapeDiagnostics();
  const engine = new ShapeEngine({
    ops,
    opsetImports: model.opsetImports,
    declared: { symbols, bindings },
    trustModelShapes: options.trustModelShapes ?? false,
    diagnostics,
    tensorValues,
    functions: functionTable(model.functions),
    modelSymbols,
    sparseDims,
    checkBudget: options.checkBudget,
  });
  engine.inferGraph(graph, undefined, options.inputValues);
  return { diagnostics: diagnostics.list(), symbols, counts: diagnostics.counts() };
}
