import { AsyncSeriesBailHook, AsyncSeriesHook, SyncHook } from 'tapable';
import type { AnalysisContext, FailedContext, FinalizeContext, GraphContext, LoadContext, ModelSource, RenderHookContext } from './contexts.js';

/**
 * The run's lifecycle. One staged `analyze` hook instead of a hook per analysis: tap it with
 * `{ name, stage: Stage.Count }`.
 */
export interface Hooks {
  /** Converters and other readers: the first tap returning a ModelSource wins; else the ONNX reader. */
  readonly load: AsyncSeriesBailHook<[LoadContext], ModelSource | undefined>;
  /** Read-only observers of the built graph (before any analysis). */
  readonly graph: SyncHook<[GraphContext]>;
  /** Every analysis, ordered by stage, then by `requires`, then by registration. */
  readonly analyze: AsyncSeriesHook<[AnalysisContext]>;
  /** Summarizers, redactors; then the report is validated and deep-frozen. */
  readonly finalize: SyncHook<[FinalizeContext]>;
  /** Formats have rendered; integrations may add or post-process files. */
  readonly render: AsyncSeriesHook<[RenderHookContext]>;
  /** The run is over and files are written. */
  readonly done: AsyncSeriesHook<[RenderHookContext]>;
  /** A run failed (CLI, telemetry). */
  readonly failed: SyncHook<[FailedContext]>;
}

export function createHooks(): Hooks {
  return Object.freeze({
    load: new AsyncSeriesBailHook<[LoadContext], ModelSource | undefined>(['context']),
    graph: new SyncHook<[GraphContext]>(['context']),
    analyze: new AsyncSeriesHook<[AnalysisContext]>(['context']),
    finalize: new SyncHook<[FinalizeContext]>(['context']),
    render: new AsyncSeriesHook<[RenderHookContext]>(['context']),
    done: new AsyncSeriesHook<[RenderHookContext]>(['context']),
    failed: new SyncHook<[FailedContext]>(['context']),
  });
}
