/**
 * Milliseconds on a monotonic clock, for durations. Not `performance.now()`: the first use of the
 * `performance` global loads Node's perf_hooks (~3–4 ms of every run's start-up on Node 20).
 */
export function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}
