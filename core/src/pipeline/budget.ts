import { AutodocError } from '../diagnostics/autodoc-error.js';

/** Default time budget of one analysis (read → analyze → render): 120 s. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Default heap guard: 4 GiB of JS heap plus external (Buffer) memory. */
export const DEFAULT_MAX_HEAP_BYTES = 4 * 1024 ** 3;

const MiB = 1024 * 1024;

/**
 * The per-run time budget and memory guard (issue #9). Checks are cooperative: the pipeline calls
 * {@link RunBudget.check} at stage boundaries — every window refill of the reader, after the graph is
 * built, before each plugin tap of the analyze hook, before each format renders — and an exceeded
 * budget becomes a coded RESOURCE_LIMIT (exit 3). Work inside one tap is not interrupted; the
 * hostile-input suite and the fuzzer hold every built-in rule to bounded time instead.
 */
export class RunBudget {
  readonly timeoutMs: number;
  readonly maxHeapBytes: number;
  private readonly deadline: number;

  constructor(timeoutMs: number = DEFAULT_TIMEOUT_MS, maxHeapBytes: number = DEFAULT_MAX_HEAP_BYTES) {
    this.timeoutMs = timeoutMs;
    this.maxHeapBytes = maxHeapBytes;
    this.deadline = performance.now() + timeoutMs;
  }

  /** Throws RESOURCE_LIMIT when the time budget is spent or the heap is past the guard. */
  check(stage: string): void {
    if (performance.now() > this.deadline) {
      throw new AutodocError(
        'RESOURCE_LIMIT',
        `The analysis ran past its time budget of ${formatSeconds(this.timeoutMs)} (while ${stage}).`,
        'Raise the budget with --timeout SECONDS if the model is genuine and large.',
      );
    }
    // process.memoryUsage, not node:v8's getHeapStatistics: the same two figures, without loading
    // node:v8 (~4 ms of every run's start-up).
    const { heapUsed, external } = process.memoryUsage();
    const used = heapUsed + external;
    if (used > this.maxHeapBytes) {
      throw new AutodocError(
        'RESOURCE_LIMIT',
        `The analysis uses ${Math.round(used / MiB)} MiB of memory, more than the limit of ${Math.round(this.maxHeapBytes / MiB)} MiB (while ${stage}).`,
        'Raise the limit with --max-memory SIZE (e.g. 8GiB) if the model is genuine and large.',
      );
    }
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
