/**
 * Streaming file output for ropes: small byte pieces are coalesced into one staging buffer, payloads
 * are generated chunk by chunk, so memory stays bounded whatever the model's size.
 */
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { ExternalFiles } from './model-builder-tensor.js';
import type { Payload, Rope, RopePiece } from './proto-writer-rope.js';

const CHUNK = 4 * 1024 * 1024;

/** Writes pieces at increasing file positions through a staging buffer. */
class StagedWriter {
  private readonly stage = Buffer.allocUnsafe(CHUNK);
  private staged = 0;
  private zeros: Uint8Array | undefined;
  private scratch: Uint8Array | undefined;

  constructor(
    private readonly fh: FileHandle,
    private position: number,
  ) {}

  private async writeAll(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.byteLength) {
      const { bytesWritten } = await this.fh.write(bytes, done, bytes.byteLength - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  async flush(): Promise<void> {
    if (this.staged === 0) return;
    const n = this.staged;
    this.staged = 0;
    await this.writeAll(this.stage.subarray(0, n));
  }

  async bytes(b: Uint8Array): Promise<void> {
    if (this.staged + b.byteLength <= CHUNK) {
      this.stage.set(b, this.staged);
      this.staged += b.byteLength;
      return;
    }
    await this.flush();
    if (b.byteLength <= CHUNK) {
      this.stage.set(b, 0);
      this.staged = b.byteLength;
    } else await this.writeAll(b);
  }

  async payload(p: Payload): Promise<void> {
    await this.flush();
    for (let off = 0; off < p.length; off += CHUNK) {
      const n = Math.min(CHUNK, p.length - off);
      if (p.fill) {
        this.scratch ??= new Uint8Array(CHUNK);
        const dst = this.scratch.subarray(0, n);
        p.fill(dst, off);
        await this.writeAll(dst);
      } else {
        this.zeros ??= new Uint8Array(CHUNK);
        await this.writeAll(this.zeros.subarray(0, n));
      }
    }
  }

  async piece(p: RopePiece): Promise<void> {
    if (p instanceof Uint8Array) await this.bytes(p);
    else await this.payload(p);
  }

  /** Continues at another file position (for external data entries at given offsets). */
  async seek(position: number): Promise<void> {
    await this.flush();
    this.position = position;
  }
}

/** Writes `rope` to `path` (replacing the file), streaming payloads. */
export async function writeRope(path: string, rope: Rope): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const fh = await open(path, 'w');
  try {
    const w = new StagedWriter(fh, 0);
    for (const p of rope.pieces) await w.piece(p);
    await w.flush();
  } finally {
    await fh.close();
  }
}

/**
 * Refuses external locations that would write outside `dir`: absolute paths and `..` segments. A
 * fixture that must reference such a path declares it with `write: false`.
 */
function externalPath(dir: string, location: string): string {
  const norm = normalize(location);
  if (isAbsolute(location) || norm === '..' || norm.startsWith(`..${sep}`) || norm.split(/[\\/]/).includes('..')) {
    throw new Error(`external data location '${location}' is outside the model's folder; declare it with write: false`);
  }
  return join(dir, norm);
}

/** Writes every external data file whose entries ask to be written, beside the model in `dir`. */
export async function writeExternalFiles(dir: string, files: ExternalFiles): Promise<void> {
  for (const [location, file] of files.files) {
    if (!file.write) continue;
    const path = externalPath(dir, location);
    await mkdir(dirname(path), { recursive: true });
    const fh = await open(path, 'w');
    try {
      const w = new StagedWriter(fh, 0);
      // Entries at explicit offsets may leave gaps (read back as zeros) or overlap (last one wins).
      for (const e of file.entries) {
        await w.seek(e.offset);
        await w.piece(e.piece);
      }
      await w.flush();
      await fh.truncate(file.size);
    } finally {
      await fh.close();
    }
  }
}
