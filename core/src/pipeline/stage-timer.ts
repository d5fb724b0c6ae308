import { heapStatistics } from './budget.js';

/**
 * Wall time and heap growth per pipeline step, printed to stderr when `AUTODOC_TIMINGS=1`. For
 * profiling (see bench/PROFILE.md); it costs two clock reads per step and prints nothing otherwise.
 */
export class StageTimer {
  readonly #enabled = process.env.AUTODOC_TIMINGS === '1';
  readonly #rows: { step: string; ms: number; heapMb: number }[] = [];
  // performance.now() counts from process start: the first step includes Node's start-up and module loading.
  #last = 0;
  #lastHeap = 0;

  /** Ends the current step (time since the previous mark) under `step`. */
  mark(step: string): void {
    if (!this.#enabled) return;
    const now = performance.now();
    const heap = heapStatistics().used_heap_size;
    this.#rows.push({ step, ms: now - this.#last, heapMb: (heap - this.#lastHeap) / 2 ** 20 });
    this.#last = now;
    this.#lastHeap = heap;
  }

  #current: string | undefined;

  /** Ends the running step (if any) and starts `step`; for steps whose end is the next one's start. */
  startStep(step: string): void {
    this.endStep();
    this.#current = step;
  }

  /** Ends the step begun with startStep. */
  endStep(): void {
    if (this.#current !== undefined) this.mark(this.#current);
    this.#current = undefined;
  }

  /** Writes the table to stderr (no-op unless enabled). */
  print(): void {
    if (!this.#enabled) return;
    const total = this.#rows.reduce((sum, r) => sum + r.ms, 0);
    const lines = this.#rows.map((r) => `${r.ms.toFixed(1).padStart(9)} ms ${r.heapMb.toFixed(1).padStart(8)} MB  ${r.step}`);
    process.stderr.write(`autodoc timings (heap growth per step):\n${lines.join('\n')}\n${total.toFixed(1).padStart(9)} ms total\n`);
  }
}

/** One timer per process: the CLI's steps and the pipeline's add to the same table. */
export const stageTimer = new StageTimer();
