import { lazyRowsChunks } from '../report/json-chunks.js';
import type { LazyRows } from '../report/lazy-rows.js';

/**
 * The JSON a LazyRows table writes from its source, brackets included, without making its rows: for
 * tests that hold the writer to `JSON.stringify(rows.make())` on models too small to be kept lazy.
 */
export function lazyRowsJson(rows: LazyRows<unknown>): string {
  return [...lazyRowsChunks(rows)].join('');
}
