import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from '../dims/index.js';
import { jsonChunks, writeJsonChunks } from './json-chunks.js';

describe('jsonChunks', () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ name: `n${i}`, macs: i % 3 === 0 ? null : i, skip: undefined }));
  const report = {
    schemaVersion: '1.0.0',
    layers: rows,
    graph: { tensors: rows.map((r) => ({ name: r.name, shape: [parse('batch'), 4] })), nodeCount: 10 },
    fn: () => 1,
    nothing: undefined,
    small: [1, undefined, 'x'],
  };

  it('concatenates to exactly JSON.stringify, with long arrays cut into batches', () => {
    const chunks = [...jsonChunks(report, 3)];
    expect(chunks.join('')).toBe(JSON.stringify(report));
    // 10 rows in batches of 3 are written as 4 pieces between the brackets, not one string.
    expect(chunks.length).toBeGreaterThan(8);
  });

  it('writes values without long arrays in one piece, and top-level arrays and scalars too', () => {
    expect([...jsonChunks({ a: [1, 2] }, 3)]).toEqual(['{"a":[1,2]}']);
    expect([...jsonChunks([1, 2, 3, 4, 5], 2)].join('')).toBe('[1,2,3,4,5]');
    expect([...jsonChunks('x')]).toEqual(['"x"']);
    expect([...jsonChunks(undefined)]).toEqual([]);
  });

  it('streams into a writable with exactly the bytes of JSON.stringify, multi-byte text and large batches included', async () => {
    // 3,000 rows with names in three scripts: one default batch (2,048 rows) is too long for the buffer, the rest is buffered.
    const big = { layers: Array.from({ length: 3000 }, (_, i) => ({ name: `ñ${i}·層${'x'.repeat(i % 1500)}😀`, i })), tail: 'é' };
    // Batches of 3 exercise the in-buffer bracket trimming of first and later batches.
    for (const [value, batch] of [[report, 3], [report, 2048], [big, 3], [big, 2048]] as const) {
      const sink = new PassThrough();
      const parts: Buffer[] = [];
      sink.on('data', (d: Buffer) => parts.push(d));
      await writeJsonChunks(sink, value, { batch });
      sink.end();
      expect(Buffer.concat(parts).toString('utf8')).toBe(JSON.stringify(value));
    }
  });

  describe('reuseBuffer', () => {
    // ~12 MB of JSON: several 4 MB flushes.
    const value = { rows: Array.from({ length: 120_000 }, (_, i) => ({ name: `t${i}`, shape: ['batch', i], note: 'x'.repeat(60) })) };

    /** A sink that copies what it is given, synchronously (as a file or pipe stdout does) or a tick later. */
    function sink(sync: boolean) {
      const copies: Buffer[] = [];
      const backings = new Set<ArrayBufferLike>();
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          backings.add(chunk.buffer);
          if (sync) {
            copies.push(Buffer.from(chunk));
            done();
          } else
            setImmediate(() => {
              copies.push(Buffer.from(chunk));
              done();
            });
        },
      });
      return { stream, copies, backings };
    }

    it('writes one buffer again when the stream has let go of it, with the same bytes', async () => {
      const s = sink(true);
      await writeJsonChunks(s.stream, value, { reuseBuffer: true });
      expect(Buffer.concat(s.copies).toString('utf8')).toBe(JSON.stringify(value));
      expect(s.copies.length).toBeGreaterThan(2);
      expect(s.backings.size).toBe(1);
    });

    it('takes a new buffer while the stream still holds the last one, and by default', async () => {
      const held = sink(false);
      await writeJsonChunks(held.stream, value, { reuseBuffer: true });
      await new Promise((resolve) => held.stream.end(resolve));
      expect(Buffer.concat(held.copies).toString('utf8')).toBe(JSON.stringify(value));
      expect(held.backings.size).toBe(held.copies.length);
      const plain = sink(true);
      await writeJsonChunks(plain.stream, value);
      expect(plain.backings.size).toBe(plain.copies.length);
    });
  });
});
