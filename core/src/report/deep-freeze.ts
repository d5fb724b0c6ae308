import { hasPendingRows, pendingRows } from './lazy-rows.js';

/** Objects the core froze, with everything below them, as it made them (see markFrozenThroughout). */
const frozenThroughout = new WeakSet<object>();

/**
 * Freezes `value` and records that everything below it is frozen already, so deepFreeze does not
 * walk it. For long tables frozen row by row as they are made (the core's `layers[]`, the graph
 * section's `tensors[]`): walking a million `layers[]` rows (three objects each) took ~1 s, freezing
 * them when made costs next to nothing, and V8 stringifies objects made frozen faster than objects
 * frozen later (~0.3 s against ~0.47 s per million tensor rows). Public for plugins with such
 * tables. Only for values whose every object is frozen: deepFreeze trusts the mark.
 */
export function markFrozenThroughout<T extends object>(value: T): T {
  frozenThroughout.add(Object.freeze(value));
  return value;
}

/**
 * Freezes an object graph iteratively (reports can hold a million layer rows; no recursion). Index
 * loops and `for…in` instead of `for…of` and `Object.keys`: a million rows made millions of iterator
 * results and key arrays otherwise.
 *
 * An object that is already frozen is still walked, once: a plugin may hand in a shallowly frozen
 * object whose children are not. Those are rare, so only they go through the `walked` set; the
 * objects frozen here are walked when they are frozen. Values marked by markFrozenThroughout are
 * not walked.
 */
export function deepFreeze<T>(root: T): T {
  const stack: unknown[] = [root];
  const walked = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (Object.isFrozen(item)) {
      if (walked.has(item) || frozenThroughout.has(item)) continue;
      walked.add(item);
    } else Object.freeze(item);
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const child: unknown = item[i];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    } else {
      // A table not made yet stays unmade: it is frozen throughout when made.
      const lazy = hasPendingRows(item);
      for (const key in item) {
        if (!Object.hasOwn(item, key) || (lazy && pendingRows(item, key))) continue;
        const child = (item as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return root;
}
