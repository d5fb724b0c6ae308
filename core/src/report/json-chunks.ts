/**
 * `JSON.stringify(value)` as a sequence of strings, for writing a large report without building one
 * string the size of the file (a million-node report is several hundred MB of JSON, and the string
 * plus its UTF-8 copy doubled the peak memory). Long arrays are cut into batches of elements; the
 * objects that contain them are written key by key; everything else goes through JSON.stringify.
 * The concatenation equals `JSON.stringify(value)` exactly (no indentation).
 */
export function* jsonChunks(value: unknown, batch = 2048): Generator<string> {
  if (Array.isArray(value)) {
    if (value.length <= batch) {
      yield JSON.stringify(value);
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i += batch) {
      const text = JSON.stringify(value.slice(i, i + batch));
      yield i === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`;
    }
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
    const child = (value as Record<string, unknown>)[key];
    // JSON.stringify leaves out these members; so do we.
    if (child === undefined || typeof child === 'function' || typeof child === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonChunks(child, batch);
  }
  yield '}';
}

/** A plain object JSON.stringify would walk (not one with its own toJSON). */
function isWalkable(value: unknown): value is object {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Whether an array longer than `batch` sits within `depth` levels of objects below `value`. */
function holdsLongArray(value: object, batch: number, depth: number): boolean {
  for (const child of Object.values(value)) {
    if (Array.isArray(child)) {
      if (child.length > batch) return true;
    } else if (depth > 1 && isWalkable(child) && holdsLongArray(child, batch, depth - 1)) return true;
  }
  return false;
}

/** Writes the chunks to a stream, waiting for 'drain' when its buffer is full. */
export async function writeJsonChunks(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
  let pending = '';
  for (const chunk of jsonChunks(value)) {
    pending += chunk;
    if (pending.length < 1 << 20) continue;
    if (!stream.write(pending)) await new Promise<void>((resolve) => stream.once('drain', resolve));
    pending = '';
  }
  if (pending.length > 0 && !stream.write(pending)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}
