import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { watchRun } from './watchdog.js';

const used = () => {
  const s = getHeapStatistics();
  return s.used_heap_size + s.external_memory;
};

describe('watchdog memory watch', () => {
  it('a memory alarm the heap does not bear out returns into the stuck code and leaves the run going', { timeout: 20_000 }, async () => {
    const watch = watchRun(() => new Error('stalled'));
    const asked: boolean[] = [];
    let stopped = 0;
    // A limit of 0: the resident set passes the threshold once it grows 64 MiB (the margin). The
    // judge says "not past the limit" (a false alarm, as when the collector keeps pages).
    watch.arm(
      60_000,
      () => new Error('time'),
      (() => {
        stopped++;
      }) as unknown as (error: Error) => never,
      {
        limitBytes: 0,
        exceeded: (stuck) => {
          asked.push(stuck);
          return undefined;
        },
        used,
      },
    );
    // Stuck for up to 3 s while 200 MiB of touched memory raise the resident set: the watchdog must
    // reach this loop through the inspector (a stuck alarm), ask, and let it go on.
    const block = Buffer.alloc(200 * 2 ** 20, 1);
    const until = Date.now() + 3_000;
    while (Date.now() < until && !asked.includes(true)) {
      // busy: the main thread does not return to the event loop
    }
    expect(block.length).toBe(200 * 2 ** 20);
    expect(asked).toContain(true);
    // The alarm posted to the main thread comes in once it is free: judged again, not past the limit.
    await new Promise((r) => setTimeout(r, 50));
    await expect(watch.race(() => 'still running')).resolves.toBe('still running');
    watch.stop();
    expect(stopped).toBe(0);
  });
});
