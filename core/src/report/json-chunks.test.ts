import { PassThrough } from 'node:stream';
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
      await writeJsonChunks(sink, value, batch);
      sink.end();
      expect(Buffer.concat(parts).toString('utf8')).toBe(JSON.stringify(value));
    }
  });
});
