import type { AutodocError } from '../diagnostics/autodoc-error.js';

/** Numeric precision for byte and speed estimates (`--precision`); does not change the model. */
export type Precision = 'fp32' | 'tf32' | 'fp16' | 'bf16' | 'fp8' | 'int8' | 'int4';

/** Options of one analysis run, from CLI flags or the API. */
export interface RunOptions {
  /** Symbol bindings (`--dim batch=1`). Unbound symbols stay symbolic in the report. */
  readonly bindings: Readonly<Record<string, number>>;
  readonly precision?: Precision;
  /** `--batch-size`: binds the batch symbol when the model has one, else scales per-sample figures. */
  readonly batchSize?: number;
  readonly gpuCount?: number;
  /** Device id or 'auto'. */
  readonly hardware?: string;
  /** Leave per-node arrays (`layers[]`, `graph.tensors[]`) out of the report. */
  readonly summary: boolean;
  /**
   * Leave `layers[]` out but keep `graph.tensors[]` (`--no-layers`): every tensor's type and shape
   * without a row per node (a million rows are ~250 MB of objects and ~2 s to build and check).
   */
  readonly omitLayers?: boolean;
  /** Extra roots external data may live in (e.g. a Hugging Face cache). */
  readonly allowExternalRoots: readonly string[];
  /** Prefer shapes written in the model over inferred ones when they disagree. */
  readonly trustModelShapes: boolean;
  readonly maxFileBytes?: number;
  readonly maxNodes?: number;
  /** Time budget of the whole run in milliseconds (`--timeout`, default 120 s): RESOURCE_LIMIT past it. */
  readonly timeoutMs?: number;
  /** Heap guard in bytes (`--max-memory`, default 4 GiB), checked at stage boundaries: RESOURCE_LIMIT past it. */
  readonly maxHeapBytes?: number;
  /**
   * Ends the process when a plugin's JavaScript has not returned a second past the time budget, or
   * has grown past the memory guard meanwhile (an endless loop the budget's checks cannot reach). A watchdog thread calls it on the main thread,
   * inside the stuck code, so it must print the error with synchronous writes and exit; the CLI's
   * does (exit 3). Without it the budget is checked between and within steps only. The watchdog runs
   * for plugins not shipped with autodoc, for graphs of 10,000 nodes or more and while formats render
   * (ADR 0007).
   */
  readonly onStuck?: (error: AutodocError) => never;
  /**
   * Per-plugin extras from CLI flags a plugin owns (e.g. `extras.hardware` for the sweeps and targets
   * of the hardware-estimates plugin). Each plugin validates its own entry; the core never reads it.
   */
  readonly extras?: Readonly<Record<string, unknown>>;
}

export function defaultRunOptions(overrides: Partial<RunOptions> = {}): RunOptions {
  return { bindings: {}, summary: false, allowExternalRoots: [], trustModelShapes: false, ...overrides };
}
