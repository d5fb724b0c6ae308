import { JsonBytes } from '../report/json-bytes.js';
import type { LazyRows } from '../report/lazy-rows.js';

/**
 * The JSON a LazyRows table writes from its source, brackets included, without making its rows: for
 * tests that hold the writer to `JSON.stringify(rows.make())` on models too small to be kept lazy.
 */
export function lazyRowsJson(rows: LazyRows<unknown>): string {
  const out = new JsonBytes();
  const parts: string[] = ['['];
  for (const _batch of rows.jsonBatches(out)) {
    parts.push(out.bytes().toString('utf8'));
    out.reset();
  }
  parts.push(']');
  return parts.join('');
}
