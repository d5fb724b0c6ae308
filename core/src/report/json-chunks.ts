import type { Writable } from 'node:stream';
import { JsonBytes } from './json-bytes.js';
import { hasPendingRows, type LazyRows, pendingRows } from './lazy-rows.js';

/**
 * Array elements per JSON.stringify call. V8 returns a long result as a rope of 16K-character parts,
 * and flattening it for UTF-8 encoding cost more than the stringify itself: 2,048 report rows per
 * batch (~500 KB of JSON) took ~260 ms per 100k rows to stringify and encode, 128 rows ~110 ms.
 */
const BATCH = 128;

/**
 * `JSON.stringify(value)` as a sequence of strings, for writing a large report without building one
 * string the size of the file (a million-node report is several hundred MB of JSON, and the string
 * plus its UTF-8 copy doubled the peak memory). Long arrays are cut into batches of elements; the
 * objects that contain them are written key by key; everything else goes through JSON.stringify.
 * The concatenation equals `JSON.stringify(value)` exactly (no indentation).
 */
export function* jsonChunks(value: unknown, batch = BATCH): Generator<string> {
  for (const piece of jsonPieces(value, batch)) {
    if (typeof piece === 'string') yield piece;
    else if (piece instanceof Batch) yield piece.inner();
    else yield* lazyRowsChunks(piece.rows);
  }
}

/** The JSON a LazyRows table writes from its source, brackets included, as strings (its rows are not made). */
export function* lazyRowsChunks(rows: LazyRows<unknown>): Generator<string> {
  yield '[';
  const out = new JsonBytes();
  for (const _batch of rows.jsonBatches(out)) {
    yield out.bytes().toString('utf8');
    out.reset();
  }
  yield ']';
}

/**
 * One batch of a long array: `text` is JSON.stringify of the batch, brackets included; the output
 * wants it without them, preceded by a comma unless it is the first batch. Kept whole so a writer
 * can copy it and drop the brackets in its own buffer; slicing and concatenating strings of
 * hundreds of KB made V8 copy each one again before encoding it.
 */
class Batch {
  constructor(
    readonly text: string,
    readonly first: boolean,
  ) {}

  inner(): string {
    return this.first ? this.text.slice(1, -1) : `,${this.text.slice(1, -1)}`;
  }
}

/** A table not made yet (see LazyRows): written from its source, brackets included. */
class RowsPiece {
  constructor(readonly rows: LazyRows<unknown>) {}
}

function* jsonPieces(value: unknown, batch: number): Generator<string | Batch | RowsPiece> {
  if (Array.isArray(value)) {
    if (value.length <= batch) {
      yield JSON.stringify(value);
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i += batch) yield new Batch(JSON.stringify(value.slice(i, i + batch)), i === 0);
    yield ']';
    return;
  }
  if (!isWalkable(value) || !holdsLongArray(value, batch, 3)) {
    const text = JSON.stringify(value);
    if (text !== undefined) yield text;
    return;
  }
  yield '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const rows = pendingRows(value, key);
    if (rows) {
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield new RowsPiece(rows);
      continue;
    }
    const child = (value as Record<string, unknown>)[key];
    // JSON.stringify leaves out these members; so do we.
    if (child === undefined || typeof child === 'function' || typeof child === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(child, batch);
  }
  yield '}';
}

/** A plain object JSON.stringify would walk (not one with its own toJSON). */
function isWalkable(value: unknown): value is object {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Whether an array longer than `batch`, or a table not made yet, sits within `depth` levels of objects below `value`. */
function holdsLongArray(value: object, batch: number, depth: number): boolean {
  if (hasPendingRows(value)) return true;
  for (const child of Object.values(value)) {
    if (Array.isArray(child)) {
      if (child.length > batch) return true;
    } else if (depth > 1 && isWalkable(child) && holdsLongArray(child, batch, depth - 1)) return true;
  }
  return false;
}

const FLUSH_BYTES = 4 << 20;
const BRACKETS = Buffer.from('[]');

export interface WriteJsonOptions {
  /** Array elements per JSON.stringify call (see BATCH). */
  readonly batch?: number;
  /**
   * Write the same buffer again once the stream holds nothing after a write. Only for a stream that
   * hands the bytes on before `write` returns, such as `process.stdout` on a file or pipe on Linux;
   * a stream that keeps the chunk it was given (a PassThrough) would see it overwritten.
   */
  readonly reuseBuffer?: boolean;
}

/**
 * Writes the JSON to a stream, waiting for 'drain' when its buffer is full. Pieces are UTF-8 encoded
 * straight into a buffer of a few megabytes (a batch's brackets are overwritten or dropped in place):
 * concatenating strings first made V8 flatten ropes and copy each piece again. A fresh buffer per
 * flush is fresh memory for the kernel to hand over, page by page (56 MB for a report of a million
 * tensors, ~300 MB with its layers), which `reuseBuffer` saves.
 */
export async function writeJsonChunks(stream: NodeJS.WritableStream, value: unknown, options: WriteJsonOptions = {}): Promise<void> {
  const batch = options.batch ?? BATCH;
  let buf = Buffer.allocUnsafe(FLUSH_BYTES);
  let used = 0;
  const flush = async (): Promise<void> => {
    const full = stream.write(used === buf.length ? buf : buf.subarray(0, used));
    // Unless the stream has let go of the buffer, it may still read it: take a new one.
    if (!options.reuseBuffer || (stream as Partial<Writable>).writableLength !== 0) buf = Buffer.allocUnsafe(FLUSH_BYTES);
    used = 0;
    if (!full) await new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  const write = async (bytes: Buffer): Promise<void> => {
    if (used > 0 && used + bytes.length > buf.length) await flush();
    if (bytes.length > buf.length) {
      if (!stream.write(Buffer.from(bytes))) await new Promise<void>((resolve) => stream.once('drain', resolve));
      return;
    }
    used += bytes.copy(buf, used);
  };
  const rowsOut = new JsonBytes();
  for (const piece of jsonPieces(value, batch)) {
    if (piece instanceof RowsPiece) {
      await write(BRACKETS.subarray(0, 1));
      for (const _batch of piece.rows.jsonBatches(rowsOut)) {
        await write(rowsOut.bytes());
        rowsOut.reset();
      }
      await write(BRACKETS.subarray(1));
      continue;
    }
    const text = typeof piece === 'string' ? piece : piece.text;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (used > 0 && used + text.length * 3 > buf.length) await flush();
    if (text.length * 3 > buf.length) {
      const big = typeof piece === 'string' ? piece : piece.inner();
      if (!stream.write(big)) await new Promise<void>((resolve) => stream.once('drain', resolve));
      continue;
    }
    const start = used;
    used += buf.write(text, used);
    if (typeof piece !== 'string') {
      // `[a,b]` → `a,b` for the first batch, `,a,b` after it.
      used--;
      if (piece.first) {
        buf.copy(buf, start, start + 1, used);
        used--;
      } else buf[start] = 0x2c;
    }
  }
  if (used > 0) await flush();
}
