/**
 * Round trips through the project's own reader (core/src/onnx): what the builder writes, the reader
 * must read back as the same structure. Skips when the reader is not there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attrFloat, attrFloats, attrRef, attrType } from './model-builder-attrs.js';
import { rawByteLength } from './model-builder-dtypes.js';
import { ModelBuilder } from './model-builder.js';
import { gptDecoder, transformerEncoder } from './models/index.js';

type Reader = typeof import('../onnx/index.js');
let reader: Reader | undefined;
try {
  reader = await import('../onnx/index.js');
  if (typeof reader.readModel !== 'function') reader = undefined;
} catch {
  reader = undefined;
}
if (!reader) console.warn('core/src/onnx readModel absent: reader round trips skipped');
const dir = mkdtempSync(join(tmpdir(), 'autodoc-builder-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!reader)('builder → readModel round trips', () => {
  it('reads back structure, attributes, types and payload spans', async () => {
    const b = new ModelBuilder({ opset: 17, opsetImports: { 'com.microsoft': 1 }, metadata: { author: 'x' }, producerName: 'pp' });
    const x = b.input('x', 'FLOAT', ['batch', null, 4]);
    b.input('seq', { kind: 'sequence', elem: { kind: 'tensor', dtype: 'INT64', shape: [] } });
    b.initializer('w', 'FLOAT', [4, 4]);
    b.initializer('i4', 'INT4', [5], { data: [1, 2, 3, 4, 5] });
    b.initializer('shape', 'INT64', [2], { data: [1n, -1n], field: 'int64_data' });
    const body = b.subgraph((g) => g.output(g.node('Identity', [x])[0], 'FLOAT'));
    const [y] = b.node('MatMul', [x, 'w'], { name: 'mm' });
    b.node('Custom', [y], {
      name: 'custom',
      domain: 'com.microsoft',
      outputs: ['z'],
      attrs: { f: attrFloat(1), i: -3, s: 'abc', ints: [1, 2], floats: attrFloats([0.5]), strs: ['a'], g: body, t: b.tensor('INT32', [2], [7, 8]), tp: attrType({ kind: 'tensor', dtype: 'FLOAT' }) },
    });
    b.output('z', 'FLOAT', ['batch', null, 4]);
    const path = join(dir, 'rt.onnx');
    await b.write(path);
    const m = await reader!.readModel(path);
    expect([m.irVersion, m.producerName, m.metadata.author]).toEqual([8, 'pp', 'x']);
    expect({ ...m.opsetImports }).toEqual({ 'ai.onnx': 17, 'com.microsoft': 1 });
    expect(m.graph.nodes.map((n) => [n.name, n.opType, n.domain])).toEqual([
      ['mm', 'MatMul', 'ai.onnx'],
      ['custom', 'Custom', 'com.microsoft'],
    ]);
    const attrs = Object.fromEntries(m.graph.nodes[1].attributes.map((a) => [a.name, a]));
    expect([attrs.f.type, attrs.f.f, attrs.i.i, attrs.s.s, attrs.ints.ints, attrs.floats.floats, attrs.strs.strings]).toEqual([
      'FLOAT', 1, -3, 'abc', [1, 2], [0.5], ['a'],
    ]);
    expect(attrs.g.g?.nodes.map((n) => n.opType)).toEqual(['Identity']);
    expect(attrs.t.t?.dims).toEqual([2]);
    expect(attrs.tp.type).toBe('TYPE_PROTO');
    expect(m.graph.inputs[0].type).toEqual({ kind: 'tensor', elemType: 1, shape: ['batch', null, 4] });
    expect(m.graph.inputs[1].type?.kind).toBe('sequence');
    const inits = Object.fromEntries(m.graph.initializers.map((t) => [t.name, t]));
    expect([inits.w.payload?.field, inits.w.payload?.length]).toEqual(['raw_data', 64]);
    expect([inits.i4.dataType, inits.i4.payload?.length]).toEqual([22, rawByteLength('INT4', 5)]);
    expect(inits.shape.payload?.field).toBe('int64_data');
    expect(await reader!.readTensorValues(m, inits.shape, { maxElements: 16 })).toEqual([1n, -1n]);
  });

  it('reads back external data and functions', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.initializer('e', 'FLOAT', [3], { data: [1, 2, 3], external: { location: 'data.bin', offset: 8 } });
    b.function({
      name: 'F',
      domain: 'local',
      inputs: ['X'],
      outputs: ['Y'],
      attributes: ['alpha'],
      body: (f) => f.node('LeakyRelu', ['X'], { outputs: ['Y'], attrs: { alpha: attrRef('alpha', 'FLOAT') } }),
    });
    const x = b.input('x', 'FLOAT', [3]);
    b.output(b.node('F', [x], { domain: 'local', attrs: { alpha: attrFloat(0.2) } })[0], 'FLOAT', [3]);
    const path = join(dir, 'ext', 'm.onnx');
    await b.write(path);
    const m = await reader!.readModel(path);
    const e = m.graph.initializers[0];
    expect([e.external?.location, e.external?.offset, e.external?.length]).toEqual(['data.bin', 8, 12]);
    expect(e.external?.path).toBeDefined();
    expect(await reader!.readTensorValues(m, e, { maxElements: 16 })).toEqual([1, 2, 3]);
    expect(m.functions.map((f) => [f.name, f.domain, f.attributes, f.nodes[0].attributes[0].refAttrName])).toEqual([
      ['F', 'local', ['alpha'], 'alpha'],
    ]);
  });

  it('reads the canned transformer models with the documented node counts', async () => {
    const enc = join(dir, 'enc.onnx');
    await transformerEncoder({ layers: 3 }).write(enc);
    expect((await reader!.readModel(enc)).graph.nodes).toHaveLength(14 + 61 * 3);
    const dec = join(dir, 'dec.onnx');
    await gptDecoder({ layers: 2, kvHeads: 2 }).write(dec);
    const m = await reader!.readModel(dec);
    expect(m.graph.nodes).toHaveLength(14 + 2 * 43 + 3);
    expect(m.graph.inputs.map((i) => i.name).slice(0, 2)).toEqual(['input_ids', 'past_key_values.0.key']);
  });
});
