import { createRequire } from 'node:module';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { monotonicMs } from '../system/clock.js';
import type { MemoryWatch } from './watchdog.js';

/** Default time budget of one analysis (read → analyze → render): 120 s. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Default heap guard: 4 GiB of JS heap plus external (Buffer) memory. */
export const DEFAULT_MAX_HEAP_BYTES = 4 * 1024 ** 3;

const MiB = 1024 * 1024;

/**
 * Share of Node's own heap limit at which the guard stops a run. V8 does not throw when an
 * allocation finds its heap full: it aborts the process with a native stack trace (exit 134). The
 * work between two checks must still fit in the rest (the graph build checks every 16,384 nodes,
 * ~8 MB).
 */
export const HEAP_LIMIT_SHARE = 0.85;
/**
 * V8's heap limit is the old space (`--max-old-space-size`) plus the young generation: 48 MiB on
 * 64-bit Node 20 (3 × 16 MiB semi-spaces), which long-lived objects cannot use.
 */
const YOUNG_GENERATION_BYTES = 48 * MiB;
/**
 * Memory is looked at most this often: the pipeline checks at every reader window refill, every
 * 16,384 nodes and before every plugin tap, and once a millisecond was ~65 ms of a 13 s million-node
 * run. The heap keeps growing by ~1 MB per 10 ms while a big graph is built, against a guard margin
 * of 15 % of the heap.
 */
const MEMORY_CHECK_INTERVAL_MS = 10;

/** The heap use at which the guard stops a run in a Node whose heap limit is `heapLimitBytes`. */
export function guardedHeapBytes(heapLimitBytes: number): number {
  return HEAP_LIMIT_SHARE * (heapLimitBytes - YOUNG_GENERATION_BYTES);
}

/** `--max-old-space-size` (MiB) a Node needs so that a guard of `maxMemoryBytes` stops a run first. */
export function oldSpaceMiBFor(maxMemoryBytes: number): number {
  return Math.ceil(maxMemoryBytes / HEAP_LIMIT_SHARE / MiB);
}

/** node:v8, loaded when first asked (~2 ms): `--version` and `--help` never need it. */
let v8Module: typeof import('node:v8') | undefined;

/**
 * V8's heap statistics: how the pipeline reads its heap. Not process.memoryUsage(), which also reads
 * the resident set from /proc; that read waits while other threads of the process map memory (the
 * collector's, the file reads'): up to 5–13 ms a call on the bench machine, 12–21 ms of a run of the
 * 2.9 GB decoder, against ~0.1 ms for the statistics.
 */
export function heapStatistics(): ReturnType<typeof import('node:v8').getHeapStatistics> {
  v8Module ??= createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  return v8Module.getHeapStatistics();
}

/** Node's heap limit (`--max-old-space-size`, or V8's default for this machine's memory). */
export function nodeHeapLimitBytes(): number {
  return heapStatistics().heap_size_limit;
}

/**
 * The per-run time budget and memory guard (issue #9): `--max-memory` over heap + external memory,
 * and {@link HEAP_LIMIT_SHARE} of Node's own heap limit. Checks are cooperative: the pipeline calls
 * {@link RunBudget.check} at every window refill of the reader, every 16,384 nodes of the graph
 * build and rows of `layers[]`, before each plugin tap of the analyze hook (plugins with long loops
 * call it too) and before each format renders; an exceeded budget becomes a coded RESOURCE_LIMIT
 * (exit 3); the time is checked every call, the memory at most every 10 ms. Work inside one tap is
 * not interrupted by these checks: when the caller gives `onStuck` (the CLI does), the pipeline's
 * watchdog (watchdog.ts) ends a run whose JavaScript has not returned a second past the budget, or
 * that meanwhile grew past the memory guard (memoryWatch), for large graphs, plugins not shipped
 * with autodoc and rendering; the hostile-input suite and the fuzzer hold every built-in rule to
 * bounded time.
 */
export class RunBudget {
  readonly timeoutMs: number;
  readonly maxHeapBytes: number;
  private readonly deadline: number;

  private readonly heapLimit: number | undefined;
  private nextMemoryCheck = Number.NEGATIVE_INFINITY;
  /** The plugin whose tap runs, and the last step checked (`inferring shapes`): where a stopped run was. */
  #plugin: string | undefined;
  #step = 'starting the analysis';
  #stepInPlugin = false;

  /** `heapLimitBytes`: Node's heap limit; read from V8 with the heap use unless given (tests). */
  constructor(timeoutMs: number = DEFAULT_TIMEOUT_MS, maxHeapBytes: number = DEFAULT_MAX_HEAP_BYTES, heapLimitBytes?: number) {
    this.timeoutMs = timeoutMs;
    this.maxHeapBytes = maxHeapBytes;
    this.heapLimit = heapLimitBytes;
    this.deadline = monotonicMs() + timeoutMs;
  }

  /** Throws RESOURCE_LIMIT when the time budget is spent or the heap is past the guard. */
  check(stage: string): void {
    this.#step = stage;
    this.#stepInPlugin = this.#plugin !== undefined;
    const now = monotonicMs();
    if (now > this.deadline) {
      throw new AutodocError(
        'RESOURCE_LIMIT',
        `The analysis ran past its time budget of ${formatSeconds(this.timeoutMs)} (while ${stage}).`,
        'Raise the budget with --timeout SECONDS if the model is genuine and large.',
      );
    }
    this.#checkMemory(stage, now);
  }

  /** Milliseconds left of the time budget (negative once spent). */
  remainingMs(): number {
    return this.deadline - monotonicMs();
  }

  /** Names the plugin whose tap runs from now on (undefined: none), for the errors of a stopped run. */
  enterPlugin(name: string | undefined): void {
    this.#plugin = name;
    this.#stepInPlugin = false;
  }

  #where(): string {
    if (this.#plugin === undefined) return `last step: ${this.#step}`;
    return this.#stepInPlugin ? `in plugin ${this.#plugin}, last check: ${this.#step}` : `in plugin ${this.#plugin}`;
  }

  /**
   * The error of a run stopped from outside because its JavaScript did not return within the budget
   * (see watchdog.ts): it names the plugin that ran, or the last step checked.
   */
  stoppedError(): AutodocError {
    return new AutodocError(
      'RESOURCE_LIMIT',
      `The analysis ran past its time budget of ${formatSeconds(this.timeoutMs)} without returning and was stopped (${this.#where()}).`,
      'Raise the budget with --timeout SECONDS if the model is genuine and large; a plugin that never returns on a model is a bug to report to its authors.',
    );
  }

  /**
   * The memory guard as the watchdog keeps it (watchdog.ts), for a run whose JavaScript never returns
   * to a check: the lower of the two limits checkMemory applies, over the heap and external memory now.
   */
  memoryWatch(): MemoryWatch<AutodocError> {
    const limitBytes = Math.min(this.maxHeapBytes, guardedHeapBytes(this.heapLimit ?? heapStatistics().heap_size_limit));
    return {
      limitBytes,
      used: () => {
        const now = heapStatistics();
        return now.used_heap_size + now.external_memory;
      },
      // Judged and worded as checkMemory judges; a stuck thread's error says where it was stopped.
      exceeded: (stuck) => this.#memoryError(stuck ? `stopped where it did not return to a check: ${this.#where()}` : `while ${this.#step}`),
    };
  }

  /**
   * The error of a run whose work waits on nothing: the process has no more to do while the run has
   * not ended (a plugin's promise that nothing settles). A plugin's bug when one was running.
   */
  stalledError(): AutodocError {
    const inPlugin = this.#plugin !== undefined;
    return new AutodocError(
      inPlugin ? 'PLUGIN_ERROR' : 'INTERNAL_ERROR',
      `The analysis stopped making progress: it waits on a promise that nothing will settle (${this.#where()}).`,
      inPlugin ? 'This is a bug in that plugin (a promise it returns never resolves); report it to its authors.' : 'This is a bug in ONNX Autodoc; please report it with the --debug output.',
    );
  }

  /**
   * The memory guard alone, for work that may come after the run (rows of a report made when first
   * read), where the time budget no longer applies.
   */
  checkMemory(stage: string): void {
    this.#checkMemory(stage, monotonicMs());
  }

  #checkMemory(stage: string, now: number): void {
    if (now < this.nextMemoryCheck) return;
    this.nextMemoryCheck = now + MEMORY_CHECK_INTERVAL_MS;
    const error = this.#memoryError(`while ${stage}`);
    if (error) throw error;
  }

  /** The error of a run whose memory is past the guard now, else undefined; `context` ends its message. */
  #memoryError(context: string): AutodocError | undefined {
    const stats = heapStatistics();
    const heapUsed = stats.used_heap_size;
    const used = heapUsed + stats.external_memory;
    if (used > this.maxHeapBytes) {
      return new AutodocError(
        'RESOURCE_LIMIT',
        `The analysis uses ${Math.round(used / MiB)} MiB of memory, more than the limit of ${Math.round(this.maxHeapBytes / MiB)} MiB (${context}).`,
        'Raise the limit with --max-memory SIZE (e.g. 8GiB) if the model is genuine and large.',
      );
    }
    const heapLimit = this.heapLimit ?? stats.heap_size_limit;
    if (heapUsed > guardedHeapBytes(heapLimit)) {
      return new AutodocError(
        'RESOURCE_LIMIT',
        `The analysis uses ${Math.round(heapUsed / MiB)} MiB of JavaScript heap, close to Node's heap limit of ${Math.round(heapLimit / MiB)} MiB (${context}).`,
        'Give Node a larger heap if the machine has the memory: --max-memory SIZE (the autodoc CLI restarts Node with a heap to match) or NODE_OPTIONS=--max-old-space-size=MiB.',
      );
    }
    return undefined;
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
