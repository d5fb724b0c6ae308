import { PassThrough } from 'node:stream';
import { lazyRowsChunks, writeJsonChunks } from '../report/json-chunks.js';
import type { LazyRows } from '../report/lazy-rows.js';

/**
 * The JSON a LazyRows table writes from its source, brackets included, without making its rows: for
 * tests that hold the writer to `JSON.stringify(rows.make())` on models too small to be kept lazy.
 */
export function lazyRowsJson(rows: LazyRows<unknown>): string {
  return [...lazyRowsChunks(rows)].join('');
}

/**
 * What `writeJsonChunks` writes for `value` (a report, with its tables kept as sources), as one
 * string: for tests that hold the streamed JSON to `JSON.stringify(value)`.
 */
export async function writtenJson(value: unknown): Promise<string> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (d: Buffer) => parts.push(d));
  await writeJsonChunks(sink, value);
  sink.end();
  return Buffer.concat(parts).toString('utf8');
}
