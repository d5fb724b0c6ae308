import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { guardedHeapBytes, HEAP_LIMIT_SHARE, oldSpaceMiBFor, RunBudget } from './budget.js';

/** A Node heap limit whose guard stops at `bytes` (V8's limit = old space + 48 MiB of young generation). */
const limitGuarding = (bytes: number) => bytes / HEAP_LIMIT_SHARE + 48 * 1024 ** 2;

describe('RunBudget', () => {
  it('passes within the budget', () => {
    expect(() => new RunBudget(60_000, 64 * 1024 ** 3).check('reading')).not.toThrow();
  });
  it('a spent time budget is RESOURCE_LIMIT naming the stage and --timeout', async () => {
    const b = new RunBudget(1, 64 * 1024 ** 3);
    await new Promise((r) => setTimeout(r, 20));
    expect(() => b.check('before plugin x')).toThrow(expect.objectContaining({ code: 'RESOURCE_LIMIT', message: expect.stringContaining('before plugin x'), hint: expect.stringContaining('--timeout') }));
  });
  it('a heap past the guard is RESOURCE_LIMIT naming --max-memory (any live process uses more than 1 KiB)', () => {
    expect(() => new RunBudget(60_000, 1024).check('rendering html')).toThrow(expect.objectContaining({ code: 'RESOURCE_LIMIT', hint: expect.stringContaining('--max-memory') }));
  });
  it('checkMemory guards the memory alone: a spent time budget passes it (rows made after the run)', async () => {
    const b = new RunBudget(1, 64 * 1024 ** 3);
    await new Promise((r) => setTimeout(r, 20));
    expect(() => b.checkMemory('making layers[]')).not.toThrow();
    expect(() => b.check('making layers[]')).toThrow(expect.objectContaining({ code: 'RESOURCE_LIMIT' }));
    expect(() => new RunBudget(1, 1024).checkMemory('making layers[]')).toThrow(expect.objectContaining({ code: 'RESOURCE_LIMIT', message: expect.stringContaining('making layers[]') }));
  });
  it("a heap near Node's own heap limit is RESOURCE_LIMIT before V8 would abort the process", () => {
    const { heapUsed } = process.memoryUsage();
    // A guard far above the heap, but a Node heap limit whose guarded share is a quarter of what
    // this process already uses (a collection in between cannot bring the heap below that).
    const nearLimit = new RunBudget(60_000, 64 * 1024 ** 3, limitGuarding(heapUsed / 4));
    expect(() => nearLimit.check('building the graph')).toThrow(
      expect.objectContaining({ code: 'RESOURCE_LIMIT', message: expect.stringContaining("Node's heap limit"), hint: expect.stringContaining('--max-old-space-size') }),
    );
    expect(() => new RunBudget(60_000, 64 * 1024 ** 3, limitGuarding(heapUsed * 4)).check('building the graph')).not.toThrow();
  });
  it('memoryWatch gives the watchdog the lower of the two limits and judges an alarm by the heap', () => {
    const MiB = 1024 ** 2;
    // --max-memory 100 MiB under a 1 GiB Node heap: the user's limit is the lower.
    expect(new RunBudget(60_000, 100 * MiB, 1024 * MiB).memoryWatch().limitBytes).toBe(100 * MiB);
    // 64 GiB asked under a 1 GiB heap: 85 % of (1,024 - 48) MiB young generation = 829.6 MiB.
    const roomy = new RunBudget(60_000, 64 * 1024 * MiB, 1024 * MiB).memoryWatch();
    expect(roomy.limitBytes).toBeCloseTo(0.85 * 976 * MiB, 0);
    expect(roomy.used()).toBeGreaterThan(0);
    // This process is far below 829 MiB: an alarm (the resident set grew) is not borne out.
    expect(roomy.exceeded(true)).toBeUndefined();
    // A 1 KiB guard: any live process is past it.
    const tight = new RunBudget(60_000, 1024, 1024 * MiB);
    tight.enterPlugin('acme:hoard');
    const watch = tight.memoryWatch();
    expect(watch.exceeded(true)).toMatchObject({
      code: 'RESOURCE_LIMIT',
      message: expect.stringMatching(/ MiB of memory, more than the limit of 0 MiB \(stopped where it did not return to a check: in plugin acme:hoard\)\.$/),
      hint: expect.stringContaining('--max-memory'),
    });
    // A thread that answered gets the cooperative check's error, naming the step.
    expect(watch.exceeded(false)).toMatchObject({ code: 'RESOURCE_LIMIT', message: expect.stringMatching(/more than the limit of 0 MiB \(while starting the analysis\)/) });
  });
  it('the old space a --max-memory needs leaves the user guard below the heap-limit guard', () => {
    const MiB = 1024 ** 2;
    for (const maxMemory of [256 * MiB, 4 * 1024 * MiB, 16 * 1024 * MiB]) {
      // V8's heap limit = old space + 48 MiB of young generation (Node 20, 64-bit).
      const heapLimit = (oldSpaceMiBFor(maxMemory) + 48) * MiB;
      expect(guardedHeapBytes(heapLimit)).toBeGreaterThanOrEqual(maxMemory);
      expect(guardedHeapBytes(heapLimit)).toBeLessThan(maxMemory * 1.01);
    }
  });
  it('reads memory at most once per 10 ms, from the heap statistics (never the resident set); the time budget at every check', () => {
    let now = 1000;
    // The budget's clock (core/src/system/clock.ts) reads process.hrtime: [seconds, nanoseconds].
    const clock = vi.spyOn(process, 'hrtime').mockImplementation((() => [Math.floor(now / 1e3), (now % 1e3) * 1e6]) as typeof process.hrtime);
    const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
    const usage = vi.spyOn(v8, 'getHeapStatistics');
    const residentSet = vi.spyOn(process, 'memoryUsage');
    try {
      const b = new RunBudget(50, 1024); // any live process uses more than 1 KiB
      expect(() => b.check('first')).toThrow(expect.objectContaining({ message: expect.stringContaining('MiB of memory') }));
      now += 5;
      expect(() => b.check('within the interval')).not.toThrow();
      expect(usage).toHaveBeenCalledTimes(1);
      now += 6;
      expect(() => b.check('after it')).toThrow(expect.objectContaining({ message: expect.stringContaining('MiB of memory') }));
      expect(usage).toHaveBeenCalledTimes(2);
      now += 1;
      expect(() => b.check('still within the time')).not.toThrow();
      now += 100;
      expect(() => b.check('past the deadline')).toThrow(expect.objectContaining({ message: expect.stringContaining('time budget') }));
      expect(residentSet).not.toHaveBeenCalled();
    } finally {
      clock.mockRestore();
      usage.mockRestore();
      residentSet.mockRestore();
    }
  });
});
