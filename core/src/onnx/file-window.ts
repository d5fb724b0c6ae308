/**
 * Positional, chunked reads of the model file into one reused window buffer. Sequential refills
 * (the decoder walking a long node list) double the read size up to `capacity`; a refill after a
 * jump (past a skipped weight payload) starts small again, so a 1.6 GB model with a few hundred
 * weights costs a few hundred small reads, not 1.6 GB of I/O.
 */
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Cursor, truncated } from './wire.js';

/** Default largest window: 16 MiB. */
export const DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;
const FIRST_READ = 64 * 1024;

export class FileWindow {
  /** The reusable cursor over the window (decoders must not keep it across a refill). */
  readonly cursor: Cursor;
  /** Absolute end of the bytes in the window. */
  end = 0;
  /** Size of the first read after a jump; also the "small field" threshold of the streaming driver. */
  readonly minRead: number;
  private buf: Buffer | undefined;
  private readSize: number;

  constructor(
    private readonly fh: FileHandle,
    readonly fileSize: number,
    /** Largest window in bytes. */
    readonly capacity: number,
    /** Called before each refill (the run budget's check); may throw. */
    private readonly onFill?: () => void,
  ) {
    this.minRead = Math.max(1, Math.min(FIRST_READ, capacity));
    this.readSize = this.minRead;
    this.cursor = new Cursor(Buffer.alloc(0), 0, fileSize);
  }

  /** Absolute offset of the window's first byte. */
  get base(): number {
    return this.cursor.base;
  }

  /** True when `[pos, pos + n)` is in the window. */
  has(pos: number, n: number): boolean {
    return pos >= this.cursor.base && pos + n <= this.end;
  }

  /**
   * Refills the window to start at `pos` and hold at least `need` bytes (fewer only at the end of the
   * file). `need` must not exceed `capacity`.
   */
  fill(pos: number, need: number): void {
    this.onFill?.();
    const contiguous = pos >= this.cursor.base && pos <= this.end && this.end > 0;
    this.readSize = contiguous ? Math.min(this.readSize * 2, this.capacity) : this.minRead;
    let size = Math.max(this.readSize, need);
    size = Math.min(size, this.capacity, this.fileSize - pos);
    if (size < 0) size = 0;
    if (!this.buf) this.buf = Buffer.allocUnsafe(Math.min(this.capacity, this.fileSize));
    readFully(this.fh, this.buf, size, pos, this.fileSize);
    this.cursor.reset(this.buf, pos);
    this.end = pos + size;
  }

  /** Reads `[pos, pos + len)` into a buffer of its own (callers checked it lies inside the file). */
  readExact(pos: number, len: number): Buffer {
    const out = Buffer.allocUnsafe(len);
    readFully(this.fh, out, len, pos, this.fileSize);
    return out;
  }
}

function readFully(fh: FileHandle, buf: Buffer, size: number, pos: number, fileSize: number): void {
  const got = readAtMost(fh, buf, size, pos);
  if (got < size) truncated(fileSize, `the file shrank while it was being read (at byte ${pos + got})`);
}

/**
 * Reads `[pos, pos + size)` of the file into `buf` from its start; returns the bytes read, fewer
 * only at the end of the file. Synchronous: an asynchronous read is a trip to libuv's thread pool
 * and back, and the decoder has nothing to do meanwhile; a 1.6 GB model's ~100 windows (64 KB
 * each, from the page cache) left the main thread idle ~7 ms of a ~150 ms analysis that way.
 */
export function readAtMost(fh: FileHandle, buf: Buffer, size: number, pos: number): number {
  let got = 0;
  while (got < size) {
    const bytesRead = readSync(fh.fd, buf, got, size - got, pos + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}
