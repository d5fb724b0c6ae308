import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Graph, Node } from '../ir/graph.js';
import type { OpRegistry } from '../ops/op-registry.js';
import type { OnnxModel, OnnxTensor } from '../onnx/types.js';
import type { Report, ReportDraft } from '../report/report-types.js';
import type { LayerTable } from '../report/layer-table.js';
import type { RunOptions } from '../pipeline/run-options.js';
import type { SectionDefinition } from './contributions.js';

/** Collects diagnostics; repeats of the same code and message aggregate into one entry with a count. */
export interface DiagnosticSink {
  add(diagnostic: Diagnostic): void;
  list(): readonly Diagnostic[];
}

/** Given to `load` taps: the first tap that returns a ModelSource wins (converters, other readers). */
export interface LoadContext {
  readonly path: string;
  readonly options: RunOptions;
  readonly diagnostics: DiagnosticSink;
}

/** A model ready for analysis; `convertedFrom` names the framework when a converter produced it. */
export interface ModelSource {
  readonly model: OnnxModel;
  readonly convertedFrom?: string;
}

export interface GraphContext {
  readonly model: OnnxModel;
  readonly graph: Graph;
  readonly diagnostics: DiagnosticSink;
}

/** Given to every `analyze` tap. Sections are written with `setSection` and read with `section`. */
export interface AnalysisContext {
  readonly model: OnnxModel;
  readonly graph: Graph;
  readonly options: RunOptions;
  readonly ops: OpRegistry;
  readonly diagnostics: DiagnosticSink;
  /** Per-node figures that become `layers[]`; each plugin fills its own columns. */
  readonly layers: LayerTable;
  /** The model's opset for a domain ('' = ai.onnx); undefined when not imported. */
  opset(domain: string): number | undefined;
  /** A section written by an earlier plugin (declare it in `requires`), or undefined. */
  section<T = unknown>(key: string): T | undefined;
  /** Writes a section; its key must be declared in some plugin's `sections` (or be a core key). */
  setSection(key: string, value: unknown): void;
  /**
   * Reads a small initializer's contents (undefined when it has more than `maxElements`); never used
   * for float weights. Tensors of up to 64 elements are read once per run and the same frozen array
   * is handed to every plugin that asks.
   */
  readInitializer(tensor: OnnxTensor, maxElements: number): Promise<readonly (number | bigint)[] | undefined>;
  /** The node list of every graph, top level first, then subgraph bodies (iterative walk). */
  allNodes(): readonly Node[];
  /**
   * Throws the run's coded RESOURCE_LIMIT when its time budget (`--timeout`) or memory guard
   * (`--max-memory`) is exceeded. The pipeline checks between plugins; a plugin with a long loop
   * calls this every few thousand iterations so one huge or hostile graph cannot outrun the budget.
   */
  checkBudget(where: string): void;
  /**
   * The memory guard alone (`--max-memory` and Node's heap limit), without the time budget: for work
   * that may run after the analysis, such as a LazyRows table made when first read.
   */
  checkMemory(where: string): void;
  /** Hardware devices contributed by plugins and the config (validated by the plugin that reads them). */
  readonly devices: readonly unknown[];
}

export interface FinalizeContext {
  readonly report: ReportDraft;
  readonly diagnostics: DiagnosticSink;
  readonly options: RunOptions;
}

/** A rendered output: a file name and its contents. */
export interface RenderedFile {
  readonly format: string;
  readonly fileName: string;
  readonly contents: string | Uint8Array;
}

export interface RenderHookContext {
  readonly report: Report;
  readonly files: RenderedFile[];
  readonly sections: readonly SectionDefinition[];
  readonly options: RunOptions;
}

export interface FailedContext {
  readonly error: unknown;
  readonly path: string;
}
