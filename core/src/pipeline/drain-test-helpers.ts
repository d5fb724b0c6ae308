import { expect } from 'vitest';

/** Test helpers for runs left waiting on nothing (see watchdog.ts, `beforeExit`). */

/** A promise and the function that resolves it: a test's signal that code reached a point. */
export function signal(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/**
 * Once `entered` resolves, checks that `promise` is still pending, then tells the process it has run
 * out of work, as Node does when its event loop is empty (the test runner keeps this one busy).
 */
export async function drainWhilePending(promise: Promise<unknown>, entered: Promise<void>): Promise<void> {
  let settled = false;
  promise.catch(() => {}).finally(() => void (settled = true));
  await entered;
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(settled).toBe(false);
  process.emit('beforeExit', 0);
}
