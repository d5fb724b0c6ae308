import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModel } from '../onnx/read-model.js';
import { tempDir } from '../onnx/test-files.js';
import type { OnnxModel, OnnxTensor } from '../onnx/types.js';
import { ModelBuilder } from '../testing/model-builder.js';
import { initializerReader } from './initializer-reader.js';

const tmp = tempDir('autodoc-init-');
afterAll(() => tmp.cleanup());

/** A model with a shape constant, a scale, a 100-element table and an external INT64 pair. */
async function model(name: string): Promise<{ model: OnnxModel; tensor: (n: string) => OnnxTensor }> {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', [2, 50]);
  b.initializer('shape', 'INT64', [2], { data: [5n, 20n] });
  b.initializer('scale', 'FLOAT', [], { data: [0.125] });
  b.initializer('table', 'INT32', [100], { data: Array.from({ length: 100 }, (_, i) => i) });
  b.initializer('pair', 'INT64', [2], { data: [7n, 8n], external: { location: `${name}.bin` } });
  const [r] = b.node('Reshape', [x, 'shape']);
  const [s] = b.node('Mul', [r, 'scale']);
  b.output(s, 'FLOAT', [5, 20]);
  const file = path.join(tmp.dir, `${name}.onnx`);
  await b.write(file);
  const m = await readModel(file);
  return { model: m, tensor: (n) => m.graph.initializers.find((t) => t.name === n) as OnnxTensor };
}

describe('initializerReader', () => {
  it('reads inline and external contents, tiny tensors once (the same frozen array), larger ones each time', async () => {
    const { model: m, tensor } = await model('once');
    const reader = initializerReader(m);
    try {
      const shape = await reader.read(tensor('shape'), 64);
      expect(shape).toEqual([5n, 20n]);
      expect(Object.isFrozen(shape)).toBe(true);
      // Asked again, with another limit that still admits it: the remembered contents.
      expect(await reader.read(tensor('shape'), 65_536)).toBe(shape);
      expect(await reader.read(tensor('scale'), 16)).toEqual([0.125]);
      expect(await reader.read(tensor('pair'), 16)).toEqual([7n, 8n]);
      const table = await reader.read(tensor('table'), 1000);
      expect(table).toEqual(Array.from({ length: 100 }, (_, i) => i));
      expect(await reader.read(tensor('table'), 1000)).not.toBe(table);
    } finally {
      await reader.close();
    }
  });

  it('gives undefined without reading when a tensor is past the limit', async () => {
    const { model: m, tensor } = await model('limit');
    const reader = initializerReader(m);
    // The file is gone: any attempt to read would fail, so undefined proves nothing was read.
    unlinkSync(m.path);
    expect(await reader.read(tensor('table'), 99)).toBeUndefined();
    expect(await reader.read(tensor('shape'), 1)).toBeUndefined();
    await expect(reader.read(tensor('shape'), 2)).rejects.toThrow();
    await reader.close();
  });

  it('keeps the model file open between reads and closes it once', async () => {
    const { model: m, tensor } = await model('open');
    const reader = initializerReader(m);
    expect(await reader.read(tensor('shape'), 2)).toEqual([5n, 20n]);
    // Opened for the first read: later reads still work after the path is gone.
    unlinkSync(m.path);
    expect(await reader.read(tensor('scale'), 1)).toEqual([0.125]);
    await reader.close();
    await reader.close();
    await expect(reader.read(tensor('table'), 100)).rejects.toThrow();
  });
});
