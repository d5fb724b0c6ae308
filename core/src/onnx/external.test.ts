/**
 * External data at load: location strings, symlinks, hard links, missing and non-regular files.
 * Load never opens an external file: a FIFO named as data would block an open() forever, so the
 * FIFO test finishing proves it.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelBuilder } from '../testing/model-builder.js';
import { ProtoWriter } from '../testing/proto-writer.js';
import { readModel } from './read-model.js';
import { readTensorValues } from './tensor-values.js';
import { tempDir } from './test-files.js';

const tmp = tempDir('autodoc-ext-');
afterAll(() => tmp.cleanup());
let n = 0;

/** A folder with model.onnx holding INT64 initializers `w` (3 elements) and `v` (2), both external. */
async function externalModel(location: string, opts: { write?: boolean; offset?: number; length?: number } = {}): Promise<{ dir: string; model: string }> {
  const dir = path.join(tmp.dir, `case${n++}`);
  mkdirSync(dir, { recursive: true });
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'INT64', [3]);
  b.initializer('w', 'INT64', [3], { data: [1n, -2n, 3n], external: { location, write: opts.write ?? false, offset: opts.offset, length: opts.length } });
  b.initializer('v', 'INT64', [2], { data: [7n, 8n], external: { location, write: opts.write ?? false } });
  const [y] = b.node('Add', [x, 'w']);
  b.output(y, 'INT64', [3]);
  const model = path.join(dir, 'model.onnx');
  await b.write(model);
  return { dir, model };
}

describe('external data locations that must be refused', () => {
  const outside: string[] = [
    '../x',
    '/etc/passwd',
    'http://x',
    'file:///etc/passwd',
    'C:\\weights.bin',
    '\\\\server\\share\\w.bin',
    'a/../../x',
    'sub\\..\\..\\x',
  ];
  for (const location of outside) {
    it(`${JSON.stringify(location)} → EXTERNAL_DATA_OUTSIDE_FOLDER`, async () => {
      const { model } = await externalModel(location);
      await expect(readModel(model)).rejects.toMatchObject({ code: 'EXTERNAL_DATA_OUTSIDE_FOLDER' });
    });
  }
  for (const location of ['a\0b', '']) {
    it(`${JSON.stringify(location)} → EXTERNAL_DATA_INVALID`, async () => {
      const { model } = await externalModel(location);
      await expect(readModel(model)).rejects.toMatchObject({ code: 'EXTERNAL_DATA_INVALID' });
    });
  }

  it('duplicate keys in external_data → EXTERNAL_DATA_INVALID', async () => {
    const entry = (k: string, v: string) => (t: ProtoWriter) => t.message(13, (e) => e.string(1, k).string(2, v));
    const bytes = new ProtoWriter()
      .varint(1, 8)
      .message(7, (g) =>
        g.message(5, (t) => {
          t.varint(1, 2).varint(2, 7).string(8, 'w');
          entry('location', 'w.bin')(t);
          entry('offset', '0')(t);
          entry('offset', '16')(t);
          t.varint(14, 1);
        }),
      )
      .message(8, (o) => o.varint(2, 17))
      .finish();
    writeFileSync(path.join(tmp.dir, 'w.bin'), new Uint8Array(32));
    await expect(readModel(tmp.file('dup.onnx', bytes))).rejects.toMatchObject({ code: 'EXTERNAL_DATA_INVALID', message: expect.stringMatching(/twice/) });
  });

  it('a symlink leaving the folder → EXTERNAL_DATA_OUTSIDE_FOLDER, unless its target root is allowed', async () => {
    const { dir, model } = await externalModel('link.bin');
    const elsewhere = path.join(tmp.dir, `elsewhere${n++}`);
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'data.bin'), new Uint8Array(40));
    symlinkSync(path.join(elsewhere, 'data.bin'), path.join(dir, 'link.bin'));
    await expect(readModel(model)).rejects.toMatchObject({ code: 'EXTERNAL_DATA_OUTSIDE_FOLDER' });
    const m = await readModel(model, { allowExternalRoots: [elsewhere] });
    expect(m.graph.initializers[0].external?.path).toBe(realpathSync(path.join(elsewhere, 'data.bin')));
    expect(m.warnings).toEqual([]);
  });

  it('a symlinked folder leaving the model folder is caught too', async () => {
    const { dir, model } = await externalModel('weights/w.bin');
    const elsewhere = path.join(tmp.dir, `elsewhere${n++}`);
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'w.bin'), new Uint8Array(40));
    symlinkSync(elsewhere, path.join(dir, 'weights'));
    await expect(readModel(model)).rejects.toMatchObject({ code: 'EXTERNAL_DATA_OUTSIDE_FOLDER' });
  });

  it('a hard link (link count 2) → EXTERNAL_DATA_OUTSIDE_FOLDER', async () => {
    const { dir, model } = await externalModel('hard.bin');
    const outsideFile = path.join(tmp.dir, `outside${n++}.bin`);
    writeFileSync(outsideFile, new Uint8Array(40));
    linkSync(outsideFile, path.join(dir, 'hard.bin'));
    await expect(readModel(model)).rejects.toMatchObject({ code: 'EXTERNAL_DATA_OUTSIDE_FOLDER', message: expect.stringMatching(/hard link/) });
  });
});

describe('external data that loads', () => {
  it('a file inside the folder: offsets, lengths and the resolved path; values read on demand', async () => {
    const { dir, model } = await externalModel('weights.bin', { write: true });
    const m = await readModel(model);
    const [w, v] = m.graph.initializers;
    // w: 3 INT64 = 24 bytes at offset 0; v: 2 INT64 = 16 bytes right after it.
    expect(w.external).toEqual({ location: 'weights.bin', offset: 0, length: 24, path: realpathSync(path.join(dir, 'weights.bin')) });
    expect(v.external).toMatchObject({ location: 'weights.bin', offset: 24, length: 16 });
    expect(w.payload).toBeUndefined();
    expect(m.warnings).toEqual([]);
    expect(await readTensorValues(m, w, { maxElements: 16 })).toEqual([1n, -2n, 3n]);
    expect(await readTensorValues(m, v, { maxElements: 16 })).toEqual([7n, 8n]);
    expect(await readTensorValues(m, w, { maxElements: 2 })).toBeUndefined();
  });

  it('a symlink that stays inside the folder is fine', async () => {
    const { dir, model } = await externalModel('alias.bin');
    mkdirSync(path.join(dir, 'blobs'));
    writeFileSync(path.join(dir, 'blobs', 'real.bin'), new Uint8Array(40));
    symlinkSync(path.join('blobs', 'real.bin'), path.join(dir, 'alias.bin'));
    const m = await readModel(model);
    expect(m.graph.initializers[0].external?.path).toBe(realpathSync(path.join(dir, 'blobs', 'real.bin')));
  });

  it('a missing file → one EXTERNAL_DATA_MISSING warning for the file; the model loads with declared shapes', async () => {
    const { model } = await externalModel('missing.bin');
    const m = await readModel(model);
    expect(m.warnings.filter((d) => d.code === 'EXTERNAL_DATA_MISSING')).toHaveLength(1);
    expect(m.warnings[0]).toMatchObject({ code: 'EXTERNAL_DATA_MISSING', severity: 'warning' });
    expect(m.warnings[0].count).toBeUndefined(); // one per file, not one per tensor
    const w = m.graph.initializers[0];
    expect(w.dims).toEqual([3]);
    expect(w.elementCount).toBe(3);
    expect(w.external).toMatchObject({ location: 'missing.bin', offset: 0, length: 24 });
    expect(w.external?.path).toBeUndefined();
    expect(await readTensorValues(m, w, { maxElements: 16 })).toBeUndefined();
  });

  it('a FIFO as data file → a warning, no hang (it is never opened at load)', async () => {
    const { dir, model } = await externalModel('pipe.bin');
    execFileSync('mkfifo', [path.join(dir, 'pipe.bin')]);
    const m = await readModel(model);
    expect(m.warnings).toEqual([expect.objectContaining({ code: 'EXTERNAL_DATA_MISSING', message: expect.stringMatching(/FIFO/) })]);
    expect(m.graph.initializers[0].external?.path).toBeUndefined();
    expect(await readTensorValues(m, m.graph.initializers[0], { maxElements: 16 })).toBeUndefined();
  }, 10_000);

  it('a directory as data file → a warning', async () => {
    const { dir, model } = await externalModel('adir');
    mkdirSync(path.join(dir, 'adir'));
    const m = await readModel(model);
    expect(m.warnings).toEqual([expect.objectContaining({ code: 'EXTERNAL_DATA_MISSING', message: expect.stringMatching(/directory/) })]);
  });

  it('offset + length past the end of the data file → EXTERNAL_DATA_OUT_OF_RANGE', async () => {
    const { dir, model } = await externalModel('short.bin');
    writeFileSync(path.join(dir, 'short.bin'), new Uint8Array(30)); // w needs [0, 24), v [24, 40): v runs past 30
    const m = await readModel(model);
    expect(m.warnings.map((d) => d.code)).toEqual(['EXTERNAL_DATA_OUT_OF_RANGE']);
    expect(await readTensorValues(m, m.graph.initializers[1], { maxElements: 16 })).toBeUndefined();
  });
});
