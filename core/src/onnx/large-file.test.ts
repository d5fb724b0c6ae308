/**
 * Offsets past 4 GB and bounded reads, on a sparse 9 GB file: two 2.9 GB raw_data payloads are holes
 * (no disk space, no write time), so the reader must skip them by position. Byte counts of the reads
 * are taken from the FileWindow (the reader's only way to the file).
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ProtoWriter } from '../testing/proto-writer.js';
import { FileWindow } from './file-window.js';
import { readModel } from './read-model.js';
import { tempDir } from './test-files.js';

const tmp = tempDir('autodoc-large-');
afterAll(() => tmp.cleanup());

const PAYLOAD = 4.5 * 2 ** 30; // bytes per weight: the second one starts past 2^32
const originalFill = FileWindow.prototype.fill;
const originalReadExact = FileWindow.prototype.readExact;

/** Writes the sparse model; returns its path and the absolute offsets where each payload starts. */
async function writeSparseModel(): Promise<{ file: string; payloadOffsets: number[]; size: number }> {
  const headNode = new ProtoWriter().message(1, (nd) => nd.string(1, 'x').string(1, 'w0').string(2, 'h').string(4, 'MatMul')).finish();
  const tailNode = new ProtoWriter()
    .message(1, (nd) => nd.string(1, 'h').string(1, 'w1').string(2, 'y').string(4, 'MatMul'))
    .message(12, (v) => v.string(1, 'y'))
    .finish();
  // TensorProto up to raw_data's key and length: dims [PAYLOAD], UINT8 (1 byte per element).
  const tensorHead = (name: string) => new ProtoWriter().varint(1, PAYLOAD).varint(2, 2).string(8, name).lengthPastEnd(9, PAYLOAD).finish();
  const heads = [tensorHead('w0'), tensorHead('w1')];
  const initializer = (head: Uint8Array) => new ProtoWriter().lengthPastEnd(5, head.length + PAYLOAD).finish();
  const inits = heads.map(initializer);
  const graphLength = headNode.length + inits.reduce((s, b, i) => s + b.length + heads[i].length + PAYLOAD, 0) + tailNode.length;
  const modelHead = new ProtoWriter().varint(1, 8).lengthPastEnd(7, graphLength).finish();
  const modelTail = new ProtoWriter().message(8, (o) => o.varint(2, 17)).finish();

  const file = path.join(tmp.dir, 'sparse.onnx');
  const fh = await open(file, 'w');
  let pos = 0;
  const put = async (b: Uint8Array) => {
    await fh.write(b, 0, b.length, pos);
    pos += b.length;
  };
  const payloadOffsets: number[] = [];
  await put(modelHead);
  await put(headNode);
  for (let i = 0; i < 2; i++) {
    await put(inits[i]);
    await put(heads[i]);
    payloadOffsets.push(pos);
    pos += PAYLOAD; // a hole
  }
  await put(tailNode);
  await put(modelTail);
  await fh.close();
  return { file, payloadOffsets, size: pos };
}

describe('a 9 GB sparse model', () => {
  it('loads with exact payload offsets past 2^32 and reads well under a megabyte', async () => {
    const { file, payloadOffsets, size } = await writeSparseModel();
    const st = await stat(file);
    if (st.blocks * 512 > 64 * 2 ** 20) {
      console.warn('the temp file system does not keep sparse files; large-file test skipped');
      return;
    }
    expect(size).toBeGreaterThan(9 * 2 ** 30);
    expect(payloadOffsets[1]).toBeGreaterThan(2 ** 32);
    let bytesRead = 0;
    const fill = vi.spyOn(FileWindow.prototype, 'fill');
    const readExact = vi.spyOn(FileWindow.prototype, 'readExact');
    fill.mockImplementation(async function (this: FileWindow, pos: number, need: number) {
      return Reflect.apply(originalFill, this, [pos, need]).then(() => {
        bytesRead += this.end - this.base;
      });
    });
    readExact.mockImplementation(async function (this: FileWindow, pos: number, len: number) {
      bytesRead += len;
      return Reflect.apply(originalReadExact, this, [pos, len]);
    });
    try {
      for (const chunkBytes of [undefined, 64]) {
        bytesRead = 0;
        const m = await readModel(file, { chunkBytes });
        expect(m.fileBytes).toBe(size);
        expect(m.graph.nodes.map((x) => x.outputs[0])).toEqual(['h', 'y']);
        expect(m.graph.outputs.map((o) => o.name)).toEqual(['y']);
        expect(m.opsetImports['ai.onnx']).toBe(17);
        expect(m.graph.initializers.map((t) => t.payload)).toEqual(payloadOffsets.map((offset) => ({ field: 'raw_data', offset, length: PAYLOAD })));
        expect(m.graph.initializers.map((t) => t.elementCount)).toEqual([PAYLOAD, PAYLOAD]);
        expect(bytesRead).toBeLessThan(2 ** 20);
      }
    } finally {
      fill.mockRestore();
      readExact.mockRestore();
    }
  });
});
