import type { JsonBytes } from './json-bytes.js';

/**
 * A long table of a report (one row per node or per tensor) kept as its source until someone reads
 * it: a million rows made as objects cost ~0.9 s and ~200 MB that survive until the report is
 * written, then ~1 s of `JSON.stringify`. A report that only goes out as JSON never makes them.
 */
export interface LazyRows<Row> {
  /** How many rows the table holds. */
  readonly length: number;
  /** Every row, frozen throughout (see markFrozenThroughout): what the property holds once read. */
  make(): Row[];
  /**
   * Writes the rows' JSON into `out`, comma-separated without the brackets, byte for byte
   * `JSON.stringify(make()).slice(1, -1)`; stops after every batch of rows and yields, so the caller
   * can take the bytes out and reset `out`.
   */
  jsonBatches(out: JsonBytes): Generator<void, void, void>;
}

/** Tables not made yet, by object and key; an entry goes when the property is first read. */
const pending = new WeakMap<object, Map<string, LazyRows<unknown>>>();
/**
 * Whether a table was ever kept for later in this process: until then `hasPendingRows` answers
 * without a lookup (deep freeze asks it for every object of a report).
 */
let anyKept = false;

/**
 * Tables shorter than this are made at once: a table's own JSON writer is JavaScript that runs cold
 * for its first few thousand rows (GPT-2-medium's 2,300 layer and 2,600 tensor rows took ~20 ms
 * more that way than made and stringified), while a million rows take ~0.5 s instead of ~2 s.
 */
export const LAZY_ROWS_MIN = 16_384;

/**
 * Defines `target[key]` as a table made on first read (then kept), or, when it is shorter than
 * {@link LAZY_ROWS_MIN} rows, sets it to the rows made at once; returns whether it was kept for
 * later. The property is enumerable and reads like any other: `JSON.stringify`, spreads and formats
 * see the rows. The core's JSON writer and deep freeze ask `pendingRows` first and leave an unread
 * table unmade.
 */
export function defineLazyRows<Row>(target: object, key: string, rows: LazyRows<Row>): boolean {
  if (rows.length < LAZY_ROWS_MIN) {
    (target as Record<string, unknown>)[key] = rows.make();
    return false;
  }
  anyKept = true;
  let byKey = pending.get(target);
  if (!byKey) pending.set(target, (byKey = new Map()));
  byKey.set(key, rows);
  let made: Row[] | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: false,
    get: () => {
      if (made === undefined) {
        made = rows.make();
        byKey.delete(key);
      }
      return made;
    },
    // A finalize tap may replace the table, as it could replace any key, until the report is frozen.
    set: (value: Row[]) => {
      if (Object.isFrozen(target)) throw new TypeError(`Cannot assign to read only property '${key}' of a frozen report`);
      made = value;
      byKey.delete(key);
    },
  });
  return true;
}

/** Whether `target` has a table not made yet (one lookup, for walks over many objects). */
export function hasPendingRows(target: object): boolean {
  return anyKept && (pending.get(target)?.size ?? 0) > 0;
}

/** The table `target[key]` will make when read, or undefined (a plain property, or already made). */
export function pendingRows(target: object, key: string): LazyRows<unknown> | undefined {
  return pending.get(target)?.get(key);
}
