import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attrFloat, attrFloats, attrInts, attrRef, attrStrings, attrType, attrTypes } from './model-builder-attrs.js';
import { findOnnxPython, inspectWithPython, runOnnxPython } from './model-builder-pycheck.js';
import { ModelBuilder, defaultIrVersion } from './model-builder.js';

const python = findOnnxPython();
if (!python) console.warn('Python onnx absent: cross-checks of the builder against onnx are skipped');
const dir = mkdtempSync(join(tmpdir(), 'autodoc-builder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The same model, made by onnx.helper in Python, serialised to hex. */
const PY_REFERENCE = String.raw`
import sys, numpy as np, onnx
from onnx import helper, TensorProto as T
x = helper.make_tensor_value_info('x', T.FLOAT, ['batch', 3, None, 4])
s = helper.make_tensor_value_info('s', T.INT64, None)
y = helper.make_tensor_value_info('y', T.FLOAT, ['batch', 3, None, 4])
a = helper.make_tensor_value_info('a', T.FLOAT, [7])
w = helper.make_tensor('w', T.FLOAT, [2, 2], np.array([1, -2, 0.5, 3], dtype='<f4').tobytes(), raw=True)
shape = helper.make_tensor('shape', T.INT64, [2], [1, -1])
t = helper.make_tensor('t', T.INT32, [3], [1, -7, 300])
sub = helper.make_graph([helper.make_node('Identity', ['x'], ['sub_out'], name='sub_id')], 'body', [],
                        [helper.make_tensor_value_info('sub_out', T.FLOAT, None)])
n1 = helper.make_node('Custom', ['x', '', 's'], ['a', 'b'], name='n1', domain='com.example',
                      alpha=0.25, big=2**40, body=sub, count=-3, mode='fast', names=['p', 'q'],
                      pads=[1, -1, 0], scales=[0.5, 1.5], value=t)
n2 = helper.make_node('Relu', ['a'], ['y'], name='n2')
g = helper.make_graph([n1, n2], 'main_graph', [x, s], [y], initializer=[w, shape], doc_string='graph doc',
                      value_info=[a])
m = helper.make_model(g, producer_name='autodoc-builder', doc_string='model doc',
                      opset_imports=[helper.make_opsetid('', 17), helper.make_opsetid('com.example', 1)])
m.ir_version = 8
helper.set_model_props(m, {'author': 'x', 'license': 'MIT'})
sys.stdout.write(m.SerializeToString().hex())
`;

describe('ModelBuilder encoding', () => {
  it.skipIf(!python)('is byte-identical to the same model built with onnx.helper', () => {
    const b = new ModelBuilder({
      opset: 17,
      irVersion: 8,
      opsetImports: { 'com.example': 1 },
      docString: 'model doc',
      metadata: { author: 'x', license: 'MIT' },
    });
    b.docString = 'graph doc';
    b.input('x', 'FLOAT', ['batch', 3, null, 4]);
    b.input('s', 'INT64');
    b.initializer('w', 'FLOAT', [2, 2], { data: [1, -2, 0.5, 3] });
    b.initializer('shape', 'INT64', [2], { data: [1n, -1n], field: 'int64_data' });
    const body = b.subgraph((g) => {
      g.node('Identity', ['x'], { name: 'sub_id', outputs: ['sub_out'] });
      g.output('sub_out', 'FLOAT');
    }, 'body');
    // onnx.helper.make_node sorts attributes by name; give them in that order.
    b.node('Custom', ['x', null, 's'], {
      name: 'n1',
      domain: 'com.example',
      outputs: ['a', 'b'],
      attrs: {
        alpha: attrFloat(0.25),
        big: 2 ** 40,
        body,
        count: -3,
        mode: 'fast',
        names: ['p', 'q'],
        pads: [1, -1, 0],
        scales: attrFloats([0.5, 1.5]),
        value: b.tensor('INT32', [3], [1, -7, 300], { name: 't', field: 'int32_data' }),
      },
    });
    b.node('Relu', ['a'], { name: 'n2', outputs: ['y'] });
    b.output('y', 'FLOAT', ['batch', 3, null, 4]);
    b.valueInfo('a', 'FLOAT', [7]);
    expect(Buffer.from(b.toBytes()).toString('hex')).toBe(runOnnxPython(PY_REFERENCE));
  });

  it('defaults the IR version from the opset (onnx.helper.VERSION_TABLE)', () => {
    // onnx 1.12 pairs opset 17 with IR 8; 1.14 opset 19 with IR 9; 1.16 opset 21 with IR 10; 1.6 opset 11 with IR 6.
    expect([defaultIrVersion(17), defaultIrVersion(19), defaultIrVersion(21), defaultIrVersion(11)]).toEqual([8, 9, 10, 6]);
  });
});

describe.skipIf(!python)('ModelBuilder read back by Python onnx', () => {
  it('writes attributes of every type', async () => {
    const b = new ModelBuilder({ opset: 17, opsetImports: { 'test.attrs': 1 } });
    b.input('x', 'FLOAT', [2]);
    const then = b.subgraph((g) => {
      const [o] = g.node('Identity', ['x']);
      g.output(o, 'FLOAT', [2]);
    }, 'then_branch');
    const els = b.subgraph((g) => g.output(g.node('Neg', ['x'])[0], 'FLOAT', [2]), 'else_branch');
    const sp = b.sparseTensor('FLOAT', [4], { values: [5], indices: [2] });
    b.node('AllAttrs', ['x'], {
      name: 'all',
      domain: 'test.attrs',
      outputs: ['y'],
      attrs: {
        f: attrFloat(2), // FLOAT even though integral
        f2: 0.125,
        i: 7,
        ineg: -5,
        ibig: 2n ** 62n,
        s: 'héllo',
        t: b.tensor('FLOAT', [2], [1.5, -1]),
        g: then,
        floats: attrFloats([0.5, 2]),
        ints: [3, -4],
        noints: attrInts([]),
        strings: ['a', 'bc'],
        strings2: attrStrings(['z']),
        tensors: [b.tensor('INT64', [1], [9n]), b.tensor('INT8', [2], [-1, 1])],
        graphs: [then, els],
        sparse: sp,
        tp: attrType({ kind: 'sequence', elem: { kind: 'tensor', dtype: 'INT32', shape: ['n'] } }),
        tps: attrTypes([{ kind: 'tensor', dtype: 'FLOAT16', shape: [] }, { kind: 'optional', elem: { kind: 'tensor', dtype: 'BOOL' } }]),
        skipped: undefined,
      },
    });
    b.output('y', 'FLOAT', [2]);
    const path = join(dir, 'attrs.onnx');
    await b.write(path);
    const m = inspectWithPython(path);
    const attrs = m.nodes[0].attrs;
    // AttributeProto.AttributeType: FLOAT 1, INT 2, STRING 3, TENSOR 4, GRAPH 5, FLOATS 6, INTS 7,
    // STRINGS 8, TENSORS 9, GRAPHS 10, SPARSE_TENSOR 11, TYPE_PROTO 13, TYPE_PROTOS 14.
    const types = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, v.type]));
    expect(types).toEqual({
      f: 1, f2: 1, i: 2, ineg: 2, ibig: 2, s: 3, t: 4, g: 5, floats: 6, ints: 7, noints: 7, strings: 8, strings2: 8,
      tensors: 9, graphs: 10, sparse: 11, tp: 13, tps: 14,
    });
    expect(attrs.f.value).toBe(2);
    expect(attrs.f2.value).toBe(0.125);
    expect(attrs.ineg.value).toBe(-5);
    expect(attrs.ibig.value).toBe(2 ** 62);
    expect(attrs.s.value).toBe('héllo');
    expect((attrs.t.value as { values: number[] }).values).toEqual([1.5, -1]);
    expect((attrs.g.value as { nodes: { opType: string }[] }).nodes[0].opType).toBe('Identity');
    expect(attrs.floats.value).toEqual([0.5, 2]);
    expect(attrs.ints.value).toEqual([3, -4]);
    expect(attrs.noints.value).toEqual([]);
    expect(attrs.strings.value).toEqual(['a', 'bc']);
    expect((attrs.tensors.value as { values: number[] }[]).map((t) => t.values)).toEqual([[9], [-1, 1]]);
    expect((attrs.graphs.value as { name: string }[]).map((g) => g.name)).toEqual(['then_branch', 'else_branch']);
    const sparse = attrs.sparse.value as { dims: number[]; values: { values: number[] }; indices: { values: number[] } };
    expect([sparse.dims, sparse.values.values, sparse.indices.values]).toEqual([[4], [5], [2]]);
    // INT32 is elem type 6, FLOAT16 10, BOOL 9.
    expect(attrs.tp.value).toEqual({ kind: 'sequence', elem: { kind: 'tensor', elem: 6, shape: ['n'] } });
    expect(attrs.tps.value).toEqual([
      { kind: 'tensor', elem: 10, shape: [] },
      { kind: 'optional', elem: { kind: 'tensor', elem: 9, shape: null } },
    ]);
  });

  it('writes If subgraphs that pass the checker', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const c = b.input('cond', 'BOOL', []);
    const x = b.input('x', 'FLOAT', ['n']);
    const then = b.subgraph((g) => g.output(g.node('Relu', [x])[0], 'FLOAT', ['n']));
    const els = b.subgraph((g) => g.output(g.node('Neg', [x])[0], 'FLOAT', ['n']));
    const [y] = b.node('If', [c], { attrs: { then_branch: then, else_branch: els } });
    b.output(y, 'FLOAT', ['n']);
    const path = join(dir, 'if.onnx');
    await b.write(path);
    const m = inspectWithPython(path, { fullCheck: true });
    expect([m.checker, m.fullCheck]).toEqual(['ok', 'ok']);
    expect(m.nodes[0].attrs.then_branch.type).toBe(5);
  });

  it('writes value types: dim_param, unknown dims, scalars, unknown rank, sequence/optional/map/sparse', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.input('a', 'FLOAT', ['batch', null, 3, { param: 'seq', denotation: 'DATA_CHANNEL' }]);
    b.input('scalar', 'INT64', []);
    b.input('anyrank', 'FLOAT');
    b.input('seq', { kind: 'sequence', elem: { kind: 'tensor', dtype: 'FLOAT', shape: ['n', 2] } });
    b.input('opt', { kind: 'optional', elem: { kind: 'tensor', dtype: 'INT32', shape: [1] } });
    b.input('map', { kind: 'map', key: 'STRING', value: { kind: 'tensor', dtype: 'FLOAT', shape: [] } });
    b.input('sp', { kind: 'sparse', dtype: 'FLOAT', shape: [10, 10] });
    b.output('a', 'FLOAT', ['batch', null, 3, 'seq']);
    const path = join(dir, 'types.onnx');
    await b.write(path);
    const m = inspectWithPython(path);
    expect(m.inputs.map((i) => i.type)).toEqual([
      { kind: 'tensor', elem: 1, shape: ['batch', null, 3, 'seq'] },
      { kind: 'tensor', elem: 7, shape: [] },
      { kind: 'tensor', elem: 1, shape: null },
      { kind: 'sequence', elem: { kind: 'tensor', elem: 1, shape: ['n', 2] } },
      { kind: 'optional', elem: { kind: 'tensor', elem: 6, shape: [1] } },
      { kind: 'map', key: 8, value: { kind: 'tensor', elem: 1, shape: [] } },
      { kind: 'sparse', elem: 1, shape: [10, 10] },
    ]);
    // onnx 1.12's checker wants a shape on every top-level tensor input: 'anyrank' is rejected.
    expect(m.checker).toBe("Field 'shape' of 'type' is required but missing.");
  });

  it('writes model-local functions with attribute references', async () => {
    const b = new ModelBuilder({ opset: 17, irVersion: 8 });
    b.function({
      name: 'ScaledLeaky',
      domain: 'local',
      inputs: ['X'],
      outputs: ['Y'],
      attributes: ['alpha'],
      body: (f) => {
        const [t] = f.node('LeakyRelu', ['X'], { attrs: { alpha: attrRef('alpha', 'FLOAT') } });
        f.node('Identity', [t], { outputs: ['Y'] });
      },
    });
    const x = b.input('x', 'FLOAT', [4]);
    const [y] = b.node('ScaledLeaky', [x], { domain: 'local', attrs: { alpha: attrFloat(0.1) } });
    b.output(y, 'FLOAT', [4]);
    const path = join(dir, 'func.onnx');
    await b.write(path);
    const m = inspectWithPython(path);
    expect(m.checker).toBe('ok');
    expect(m.opsetImports).toEqual({ '': 17, local: 1 });
    expect(m.functions).toHaveLength(1);
    const f = m.functions[0];
    expect([f.name, f.domain, f.inputs, f.outputs, f.attributes]).toEqual(['ScaledLeaky', 'local', ['X'], ['Y'], ['alpha']]);
    expect(f.nodes.map((n) => n.opType)).toEqual(['LeakyRelu', 'Identity']);
    expect(f.nodes[0].attrs.alpha).toEqual({ type: 1, value: null, refAttrName: 'alpha' });
  });

  it('writes sparse initializers the checker accepts', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.sparseInitializer('sw', 'FLOAT', [3, 4], { values: [1, 2], indices: [1, 11] });
    b.sparseInitializer('sc', 'FLOAT', [3, 4], { values: [3], indices: [2, 3], coordinates: true });
    const x = b.input('x', 'FLOAT', [3, 4]);
    const [y] = b.node('Add', [x, 'sw']);
    const [z] = b.node('Add', [y, 'sc']);
    b.output(z, 'FLOAT', [3, 4]);
    const path = join(dir, 'sparse.onnx');
    await b.write(path);
    const m = inspectWithPython(path);
    expect(m.checker).toBe('ok');
    expect(m.sparseInitializers.map((s) => [s.name, s.dims, s.indicesDims])).toEqual([
      ['sw', [3, 4], [2]],
      ['sc', [3, 4], [1, 2]],
    ]);
  });

  it('writes metadata, producer, doc strings, opset imports and node domains', async () => {
    const b = new ModelBuilder({
      opset: 13,
      producerName: 'p',
      docString: 'd',
      graphName: 'g',
      opsetImports: { 'com.microsoft': 1 },
      metadata: { author: 'x', 'k:2': 'ü' },
    });
    const x = b.input('x', 'FLOAT', [1]);
    b.node('Relu', [x], { outputs: ['a'], domain: 'ai.onnx' });
    b.node('Relu', ['a'], { outputs: ['b'] });
    b.output('b', 'FLOAT', [1]);
    const path = join(dir, 'meta.onnx');
    await b.write(path);
    const m = inspectWithPython(path);
    // defaultIrVersion(13) is 7 (onnx 1.8 shipped opset 13 with IR 7).
    expect([m.irVersion, m.producerName, m.docString, m.graphName]).toEqual([7, 'p', 'd', 'g']);
    expect(m.opsetImports).toEqual({ '': 13, 'com.microsoft': 1 });
    expect(m.metadata).toEqual({ author: 'x', 'k:2': 'ü' });
    expect(m.nodes.map((n) => [n.name, n.domain, n.hasDomain])).toEqual([
      ['Relu_0', 'ai.onnx', true],
      ['Relu_1', '', false],
    ]);
    // The checker treats an explicit 'ai.onnx' node domain as a domain of its own.
    expect(m.checker).toBe("No opset import for domain 'ai.onnx'");
  });
});

describe('ModelBuilder external data and streaming', () => {
  it('writes external data files beside the model, at sequential or given offsets', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.initializer('w1', 'FLOAT', [2, 3], { data: [1, 2, 3, 4, 5, 6], external: { location: 'weights.bin' } });
    b.initializer('w2', 'FLOAT', [1000], { external: { location: 'weights.bin' } });
    b.initializer('w3', 'INT64', [2], { data: [7n, -8n], external: { location: 'sub/other.bin', offset: 64 } });
    b.initializer('ghost', 'FLOAT', [4], { external: { location: '../escape.bin', write: false } });
    const x = b.input('x', 'FLOAT', [2, 3]);
    b.output(b.node('Add', [x, 'w1'])[0], 'FLOAT', [2, 3]);
    const sub = join(dir, 'ext');
    const path = join(sub, 'model.onnx');
    await b.write(path);
    // w1: 6 floats = 24 bytes at 0; w2: 1000 floats = 4000 bytes at 24; file = 4024 bytes.
    expect(statSync(join(sub, 'weights.bin')).size).toBe(4024);
    // w3: 2 int64 = 16 bytes at 64; the gap before it reads as zeros; file = 80 bytes.
    const other = readFileSync(join(sub, 'sub/other.bin'));
    expect(other.byteLength).toBe(80);
    expect(other.readBigInt64LE(64)).toBe(7n);
    expect(other.readBigInt64LE(72)).toBe(-8n);
    const weights = readFileSync(join(sub, 'weights.bin'));
    expect([0, 1, 2, 3, 4, 5].map((i) => weights.readFloatLE(4 * i))).toEqual([1, 2, 3, 4, 5, 6]);
    if (!python) return;
    const m = inspectWithPython(path);
    expect(m.initializers.map((t) => [t.name, t.dataLocation, t.external, t.hasRaw])).toEqual([
      ['w1', 1, { location: 'weights.bin', offset: '0', length: '24' }, false],
      ['w2', 1, { location: 'weights.bin', offset: '24', length: '4000' }, false],
      ['w3', 1, { location: 'sub/other.bin', offset: '64', length: '16' }, false],
      ['ghost', 1, { location: '../escape.bin', offset: '0', length: '16' }, false],
    ]);
  });

  it('refuses to write external data outside the model folder', async () => {
    const b = new ModelBuilder();
    b.initializer('w', 'FLOAT', [1], { external: { location: '../up.bin' } });
    await expect(b.write(join(dir, 'refuse', 'm.onnx'))).rejects.toThrow(/outside the model's folder/);
  });

  it('streams zero payloads without holding them', async () => {
    const b = new ModelBuilder();
    // 16M floats = 64 MiB of raw_data.
    b.initializer('big', 'FLOAT', [4096, 4096]);
    const rope = b.encode();
    const held = rope.pieces.reduce((s, p) => s + (p instanceof Uint8Array ? p.byteLength : 0), 0);
    expect(held).toBeLessThan(1024);
    const path = join(dir, 'big.onnx');
    await b.write(path);
    expect(statSync(path).size).toBe(rope.length);
    expect(rope.length).toBeGreaterThan(64 * 2 ** 20);
  });

  it('round-trips through toBytes and write identically', async () => {
    const b = new ModelBuilder();
    b.initializer('w', 'FLOAT', [3, 5], { seed: 42 });
    b.initializer('z', 'FLOAT16', [7]);
    const path = join(dir, 'same.onnx');
    await b.write(path);
    expect(Buffer.compare(readFileSync(path), Buffer.from(b.toBytes()))).toBe(0);
  });
});
