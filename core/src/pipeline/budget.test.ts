import { describe, expect, it } from 'vitest';
import { RunBudget } from './budget.js';

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
});
