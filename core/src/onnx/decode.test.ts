/**
 * Decoding details on hand-built ModelProtos: normalisation, name tables, protobuf merge and unknown
 * fields, int64 edge cases, UTF-8, attributes, types, functions and sparse tensors. Field numbers are
 * onnx.proto's; each expectation follows from the bytes written here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ProtoWriter } from '../testing/proto-writer.js';
import { COLUMNS_FROM } from './node-table.js';
import { readModel } from './read-model.js';
import { tempDir } from './test-files.js';
import type { OnnxModel, ReadOptions } from './types.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

async function load(w: ProtoWriter, options?: ReadOptions): Promise<OnnxModel> {
  const bytes = w.finish();
  const p = tmp.file(`d${n++}.onnx`, bytes);
  const m = await readModel(p, options);
  // Every test also runs through the streaming path with tiny windows and must agree.
  expect(await readModel(p, { ...options, chunkBytes: 64 })).toEqual(m);
  return m;
}

/** The warnings a test is about: these hand-built models omit ir_version/opset_import to stay minimal. */
function subject(m: OnnxModel) {
  return m.warnings.filter((d) => d.code !== 'MODEL_VERSION_MISSING');
}

const node = (op: string, domain?: string) => (g: ProtoWriter) =>
  g.message(1, (nd) => {
    nd.string(1, 'x').string(2, 'y').string(4, op);
    if (domain !== undefined) nd.string(7, domain);
  });

describe('model fields and normalisation', () => {
  it('opset imports: "" and "ai.onnx" both become ai.onnx; name tables have no prototype', async () => {
    const m = await load(
      new ProtoWriter()
        .varint(1, 9)
        .string(2, 'pytorch')
        .string(3, '2.1')
        .string(4, 'org.example')
        .varint(5, 7)
        .string(6, 'doc')
        .message(7, node('Relu'))
        .message(8, (o) => o.string(1, '').varint(2, 17))
        .message(8, (o) => o.string(1, 'com.microsoft').varint(2, 1))
        .message(14, (kv) => kv.string(1, '__proto__').string(2, 'a'))
        .message(14, (kv) => kv.string(1, 'constructor').string(2, 'b')),
    );
    expect(m).toMatchObject({ irVersion: 9, producerName: 'pytorch', producerVersion: '2.1', domain: 'org.example', modelVersion: 7, docString: 'doc' });
    expect({ ...m.opsetImports }).toEqual({ 'ai.onnx': 17, 'com.microsoft': 1 });
    expect(Object.getPrototypeOf(m.metadata)).toBeNull();
    expect(Object.getPrototypeOf(m.opsetImports)).toBeNull();
    expect(Object.keys(m.metadata)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(m.metadata, '__proto__')?.value).toBe('a');
    const m2 = await load(
      new ProtoWriter()
        .varint(1, 8)
        .message(7, node('Relu'))
        .message(8, (o) => o.string(1, 'ai.onnx').varint(2, 13)),
    );
    expect({ ...m2.opsetImports }).toEqual({ 'ai.onnx': 13 });
  });

  it("node domain '' (and absent) becomes ai.onnx; other domains are kept", async () => {
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        node('Relu')(g);
        node('Abs', '')(g);
        node('FusedMatMul', 'com.microsoft')(g);
      }),
    );
    expect(m.graph.nodes.map((x) => x.domain)).toEqual(['ai.onnx', 'ai.onnx', 'com.microsoft']);
  });

  it("a node's inputs and outputs may interleave in the wire; a repeated name keeps the last; doc string and overload kept", async () => {
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        g.message(1, (nd) => nd.string(2, 'y').string(1, 'a').string(3, 'first').string(2, 'z').string(1, '').string(1, 'b').string(3, 'split').string(4, 'Split').string(6, 'doc').string(8, 'v2'));
        g.message(1, (nd) => nd.string(1, 'y').string(4, 'Relu'));
      }),
    );
    expect(m.graph.nodes).toEqual([
      { name: 'split', opType: 'Split', domain: 'ai.onnx', inputs: ['a', '', 'b'], outputs: ['y', 'z'], attributes: [], docString: 'doc', overload: 'v2' },
      { name: '', opType: 'Relu', domain: 'ai.onnx', inputs: ['y'], outputs: [], attributes: [], docString: '' },
    ]);
  });

  it('a graph of 300 nodes (moved to columns at 256) and its one-node body read back whole', async () => {
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        for (let i = 0; i < 300; i++) {
          g.message(1, (nd) => {
            nd.string(1, `t${i}`).string(2, `t${i + 1}`).string(3, i % 2 ? `n${i}` : '').string(4, i === 150 ? 'If' : 'Relu');
            if (i === 150) nd.message(5, (a) => a.string(1, 'then_branch').varint(20, 5).message(6, (b) => b.message(1, (bn) => bn.string(1, 't0').string(2, 'y').string(4, 'Neg'))));
          });
        }
      }),
    );
    expect(m.graph.nodes).toHaveLength(300);
    expect(m.graph.nodes.map((x) => [x.name, x.inputs, x.outputs])).toEqual(Array.from({ length: 300 }, (_, i) => [i % 2 ? `n${i}` : '', [`t${i}`], [`t${i + 1}`]]));
    expect(m.graph.nodes[150].attributes[0].g?.nodes.map((x) => [x.opType, x.inputs, x.outputs])).toEqual([['Neg', ['t0'], ['y']]]);
  });

  it('a singular message repeated merges (two graph fields = one graph with both nodes)', async () => {
    const m = await load(
      new ProtoWriter()
        .varint(1, 8)
        .message(7, node('Relu'))
        .message(7, (g) => g.string(2, 'main').message(1, (nd) => nd.string(4, 'Abs'))),
    );
    expect(m.graph.name).toBe('main');
    expect(m.graph.nodes.map((x) => x.opType)).toEqual(['Relu', 'Abs']);
  });

  it('unknown fields of every wire type are skipped; training_info is skipped unread', async () => {
    const garbage = Uint8Array.from([0xff, 0xff, 0xff, 0x07, 0x00]); // not a valid message on purpose
    const m = await load(
      new ProtoWriter()
        .varint(1, 8)
        .varint(999, 1)
        .fixed64(998, 5n)
        .fixed32(997, 5)
        .string(996, 'future')
        .bytes(20, garbage) // training_info
        .message(7, (g) => {
          g.varint(99, 3);
          g.message(1, (nd) =>
            nd
              .string(4, 'Relu')
              .message(500, (x) => x.varint(1, 1))
              .message(9, (md) => md.string(1, 'k')),
          );
          g.message(5, (t) => t.varint(1, 2).varint(2, 1).string(8, 'w').fixed32(77, 1).bytes(9, new Uint8Array(8)));
        }),
    );
    expect(m.graph.nodes[0].opType).toBe('Relu');
    expect(m.graph.initializers[0]).toMatchObject({ name: 'w', dims: [2], dataType: 1, elementCount: 2, payload: { field: 'raw_data', length: 8 } });
    expect(subject(m)).toEqual([]);
  });
});

describe('int64 edge cases', () => {
  it('a dim beyond 2^53 becomes -1 with DIM_OUT_OF_RANGE; element count -1', async () => {
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        g.message(5, (t) =>
          t
            .varint(1, 2n ** 60n)
            .varint(1, 3)
            .varint(2, 1)
            .string(8, 'huge'),
        );
        g.message(11, (v) =>
          v.string(1, 'x').message(2, (tp) =>
            tp.message(1, (tt) =>
              tt.varint(1, 1).message(2, (s) =>
                s
                  .message(1, (d) => d.varint(1, 2n ** 62n))
                  .message(1, (d) => d.string(2, 'batch'))
                  .message(1, () => {}),
              ),
            ),
          ),
        );
      }),
    );
    expect(m.graph.initializers[0].dims).toEqual([-1, 3]);
    expect(m.graph.initializers[0].elementCount).toBe(-1);
    expect(m.graph.inputs[0].type).toEqual({ kind: 'tensor', elemType: 1, shape: [-1, 'batch', null] });
    expect(m.warnings.find((d) => d.code === 'DIM_OUT_OF_RANGE')?.count).toBe(2);
  });
  it('a negative dim gives element count -1 and DIM_NEGATIVE', async () => {
    // -1 as int64 is the 10-byte varint ff ff ff ff ff ff ff ff ff 01.
    const m = await load(new ProtoWriter().varint(1, 8).message(7, (g) => g.message(5, (t) => t.varint(1, -1).varint(1, 4).varint(2, 1))));
    expect(m.graph.initializers[0]).toMatchObject({ dims: [-1, 4], elementCount: -1 });
    expect(subject(m).map((d) => d.code)).toEqual(['DIM_NEGATIVE']);
  });
  it('an element count past 2^53 is clamped with a warning; 2^53 - 1 is not', async () => {
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        g.message(5, (t) =>
          t
            .varint(1, 2 ** 30)
            .varint(1, 2 ** 30)
            .varint(1, 2 ** 30)
            .varint(2, 1),
        ); // 2^90
        g.message(5, (t) => t.varint(1, 2 ** 53 - 1).varint(2, 1));
        g.message(5, (t) =>
          t
            .varint(1, 3)
            .varint(1, 0)
            .varint(1, 2 ** 50)
            .varint(2, 1),
        ); // zero elements
      }),
    );
    expect(m.graph.initializers.map((t) => t.elementCount)).toEqual([Number.MAX_SAFE_INTEGER, 2 ** 53 - 1, 0]);
    // The two non-empty tensors carry no data at all, which is also a size mismatch (issue #9).
    expect(subject(m).map((d) => d.code)).toEqual(['ELEMENT_COUNT_OUT_OF_RANGE', 'TENSOR_DATA_SIZE_MISMATCH']);
    expect(subject(m)[1].count).toBe(2);
  });
  it('attribute ints beyond 2^53 are the nearest double (INT64_MAX sentinels)', async () => {
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) =>
        g.message(1, (nd) =>
          nd
            .string(4, 'Slice')
            .message(5, (a) =>
              a
                .string(1, 'ends')
                .varint(8, 2n ** 63n - 1n)
                .varint(8, -1)
                .varint(20, 7),
            )
            .message(5, (a) =>
              a
                .string(1, 'axis')
                .varint(3, -(2n ** 63n))
                .varint(20, 2),
            ),
        ),
      ),
    );
    const [ends, axis] = m.graph.nodes[0].attributes;
    expect(ends).toEqual({ name: 'ends', type: 'INTS', ints: [2 ** 63, -1] });
    expect(axis).toEqual({ name: 'axis', type: 'INT', i: -(2 ** 63) });
  });
});

describe('strings', () => {
  it('invalid UTF-8 becomes U+FFFD with one aggregated warning; a real U+FFFD is no warning', async () => {
    const bad = Uint8Array.from([0x41, 0xff, 0x42]);
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        g.message(1, (nd) => nd.bytes(3, bad).string(4, 'Relu'));
        g.message(1, (nd) => nd.bytes(3, bad).string(4, 'Relu'));
        g.message(1, (nd) => nd.string(3, 'ok \uFFFD, naïve, 名前').string(4, 'Relu'));
      }),
    );
    expect(m.graph.nodes.map((x) => x.name)).toEqual(['A\uFFFDB', 'A\uFFFDB', 'ok \uFFFD, naïve, 名前']);
    expect(subject(m)).toEqual([expect.objectContaining({ code: 'MODEL_INVALID_UTF8', count: 2 })]);
  });
  it('the same in a graph large enough to keep its nodes in columns (names of every role, short and long)', async () => {
    const bad = Uint8Array.from([0x41, 0xff, 0x42]);
    const longBad = Uint8Array.from([...new TextEncoder().encode('x'.repeat(70)), 0xc3]);
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        for (let i = 0; i < COLUMNS_FROM + 10; i++) g.message(1, (nd) => nd.string(1, `in${i}`).string(2, `out${i}`).string(3, `n${i}`).string(4, 'Relu'));
        g.message(1, (nd) => nd.bytes(1, bad).string(2, 'o1').string(4, 'Relu'));
        g.message(1, (nd) => nd.string(1, 'i2').bytes(2, bad).string(4, 'Relu'));
        g.message(1, (nd) => nd.string(1, 'i3').string(2, 'o3').bytes(3, longBad).string(4, 'Relu'));
        g.message(1, (nd) => nd.string(1, 'i4').string(2, 'o4').string(3, 'naïve, 名前 \uFFFD').string(4, 'Relu'));
      }),
    );
    const tail = m.graph.nodes.slice(-4);
    expect(tail.map((x) => [x.inputs[0], x.outputs[0], x.name])).toEqual([
      ['A\uFFFDB', 'o1', ''],
      ['i2', 'A\uFFFDB', ''],
      ['i3', 'o3', `${'x'.repeat(70)}\uFFFD`],
      ['i4', 'o4', 'naïve, 名前 \uFFFD'],
    ]);
    expect(subject(m)).toEqual([expect.objectContaining({ code: 'MODEL_INVALID_UTF8', count: 3 })]);
  });
  it('a node decodes alike before and after its graph moves to columns (every field, any order, unknown ones)', async () => {
    const node = (nd: ProtoWriter, i: number) =>
      nd
        .string(7, 'com.acme')
        .string(2, `y${i}`)
        .string(1, `x${i}`)
        .string(4, 'Fancy')
        .message(5, (a) => a.string(1, 'alpha').float(2, 0.5).varint(20, 1))
        .string(1, '')
        .string(6, 'doc')
        .varint(99, 7) // unknown: skipped
        .string(3, `n${i}`)
        .string(8, 'v2')
        .string(1, `w${i}`);
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        for (let i = 0; i < COLUMNS_FROM + 10; i++) g.message(1, (nd) => node(nd, i));
      }),
    );
    const expected = (i: number) => ({
      name: `n${i}`,
      opType: 'Fancy',
      domain: 'com.acme',
      inputs: [`x${i}`, '', `w${i}`],
      outputs: [`y${i}`],
      attributes: [{ name: 'alpha', type: 'FLOAT', f: 0.5 }],
      docString: 'doc',
      overload: 'v2',
    });
    expect(m.graph.nodes[3]).toEqual(expected(3));
    expect(m.graph.nodes[COLUMNS_FROM + 5]).toEqual(expected(COLUMNS_FROM + 5));
  });
  it('names such as __proto__ are plain strings everywhere', async () => {
    const m = await load(
      new ProtoWriter()
        .varint(1, 8)
        .message(7, (g) => g.message(1, (nd) => nd.string(1, '__proto__').string(2, 'constructor').string(3, 'toString').string(4, 'Relu'))),
    );
    expect(m.graph.nodes[0]).toMatchObject({ inputs: ['__proto__'], outputs: ['constructor'], name: 'toString' });
  });
});

describe('attributes, types, functions, sparse tensors', () => {
  it('attribute values of every kind; types inferred when the type field is absent (IR 1)', async () => {
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) =>
        g.message(
          1,
          (nd) =>
            nd
              .string(4, 'Custom')
              .message(5, (a) => a.string(1, 'alpha').float(2, 0.5)) // no type field → FLOAT
              .message(5, (a) => a.string(1, 'k').varint(3, 4).varint(20, 2))
              .message(5, (a) => a.string(1, 'mode').string(4, 'constant').varint(20, 3))
              .message(5, (a) => a.string(1, 'scales').float(7, 1).float(7, 2).varint(20, 6))
              .message(5, (a) =>
                a
                  .string(1, 'pads')
                  .bytes(8, Uint8Array.from([1, 2, 0x7f]))
                  .varint(20, 7),
              ) // packed ints
              .message(5, (a) => a.string(1, 'names').string(9, 'a').string(9, 'b').varint(20, 8))
              .message(5, (a) =>
                a
                  .string(1, 'value')
                  .message(5, (t) => t.varint(2, 7).string(8, 'c').bytes(9, new Uint8Array(8)))
                  .varint(20, 4),
              )
              .message(5, (a) =>
                a
                  .string(1, 'body')
                  .message(6, (sg) => sg.string(2, 'body_graph').message(1, (x) => x.string(4, 'Add')))
                  .varint(20, 5),
              )
              .message(5, (a) =>
                a
                  .string(1, 'tp')
                  .message(14, (tp) => tp.message(4, (s) => s.message(1, (e) => e.message(1, (tt) => tt.varint(1, 7)))))
                  .varint(20, 13),
              )
              .message(5, (a) => a.string(1, 'ref').string(21, 'outer').varint(20, 2))
              .message(5, (a) => a.string(1, 'doc').string(13, 'about').varint(3, 1)), // INT inferred
        ),
      ),
    );
    const attrs = m.graph.nodes[0].attributes;
    expect(attrs[0]).toEqual({ name: 'alpha', type: 'FLOAT', f: 0.5 });
    expect(attrs[1]).toEqual({ name: 'k', type: 'INT', i: 4 });
    expect(attrs[2]).toEqual({ name: 'mode', type: 'STRING', s: 'constant' });
    expect(attrs[3]).toEqual({ name: 'scales', type: 'FLOATS', floats: [1, 2] });
    expect(attrs[4]).toEqual({ name: 'pads', type: 'INTS', ints: [1, 2, 127] });
    expect(attrs[5]).toEqual({ name: 'names', type: 'STRINGS', strings: ['a', 'b'] });
    expect(attrs[6].t).toMatchObject({ name: 'c', dataType: 7, dims: [], elementCount: 1, payload: { field: 'raw_data', length: 8 } });
    expect(attrs[7].g?.name).toBe('body_graph');
    expect(attrs[7].g?.nodes[0].opType).toBe('Add');
    expect(attrs[8]).toEqual({ name: 'tp', type: 'TYPE_PROTO', tp: { kind: 'sequence', elem: { kind: 'tensor', elemType: 7 } } });
    expect(attrs[9]).toEqual({ name: 'ref', type: 'INT', refAttrName: 'outer' });
    expect(attrs[10]).toEqual({ name: 'doc', type: 'INT', i: 1, docString: 'about' });
  });

  it('value types: scalar, unknown rank, sequence, map, optional, sparse', async () => {
    const tensorType = (elem: number, dims?: number[]) => (tt: ProtoWriter) => {
      tt.varint(1, elem);
      if (dims)
        tt.message(2, (s) => {
          for (const d of dims) s.message(1, (x) => x.varint(1, d));
        });
    };
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        g.message(11, (v) => v.string(1, 'scalar').message(2, (tp) => tp.message(1, tensorType(1, []))));
        g.message(11, (v) => v.string(1, 'anyrank').message(2, (tp) => tp.message(1, tensorType(1))));
        g.message(11, (v) => v.string(1, 'seq').message(2, (tp) => tp.message(4, (s) => s.message(1, (e) => e.message(1, tensorType(7, [2]))))));
        g.message(11, (v) =>
          v.string(1, 'map').message(2, (tp) => tp.message(5, (mp) => mp.varint(1, 8).message(2, (val) => val.message(1, tensorType(1, []))))),
        );
        g.message(11, (v) => v.string(1, 'opt').message(2, (tp) => tp.message(9, (o) => o.message(1, (e) => e.message(1, tensorType(1, [3]))))));
        g.message(11, (v) =>
          v
            .string(1, 'sparse')
            .message(2, (tp) => tp.message(8, tensorType(1, [10, 10])))
            .string(3, 'a sparse input'),
        );
        g.message(11, (v) => v.string(1, 'untyped'));
      }),
    );
    expect(m.graph.inputs).toEqual([
      { name: 'scalar', docString: '', type: { kind: 'tensor', elemType: 1, shape: [] } },
      { name: 'anyrank', docString: '', type: { kind: 'tensor', elemType: 1 } },
      { name: 'seq', docString: '', type: { kind: 'sequence', elem: { kind: 'tensor', elemType: 7, shape: [2] } } },
      { name: 'map', docString: '', type: { kind: 'map', keyType: 8, value: { kind: 'tensor', elemType: 1, shape: [] } } },
      { name: 'opt', docString: '', type: { kind: 'optional', elem: { kind: 'tensor', elemType: 1, shape: [3] } } },
      { name: 'sparse', docString: 'a sparse input', type: { kind: 'sparse_tensor', elemType: 1, shape: [10, 10] } },
      { name: 'untyped', docString: '' },
    ]);
  });

  it('model-local functions', async () => {
    const m = await load(
      new ProtoWriter()
        .varint(1, 8)
        .message(7, (g) => g.message(1, (nd) => nd.string(4, 'MyGelu').string(7, 'local')))
        .message(8, (o) => o.varint(2, 17))
        .message(8, (o) => o.string(1, 'local').varint(2, 1))
        .message(25, (f) =>
          f
            .string(1, 'MyGelu')
            .string(4, 'X')
            .string(5, 'Y')
            .string(6, 'approximate')
            .message(7, (nd) => nd.string(1, 'X').string(2, 'Y').string(4, 'Gelu'))
            .string(8, 'gelu fn')
            .message(9, (o) => o.string(1, '').varint(2, 20))
            .string(10, 'local')
            .message(11, (a) => a.string(1, 'alpha').float(2, 1).varint(20, 1))
            .message(12, (v) => v.string(1, 'Y'))
            .string(13, 'v2'),
        ),
    );
    expect(m.functions).toEqual([
      {
        domain: 'local',
        name: 'MyGelu',
        overload: 'v2',
        inputs: ['X'],
        outputs: ['Y'],
        attributes: ['approximate'],
        attributeProtos: [{ name: 'alpha', type: 'FLOAT', f: 1 }],
        nodes: [{ name: '', opType: 'Gelu', domain: 'ai.onnx', inputs: ['X'], outputs: ['Y'], attributes: [], docString: '' }],
        opsetImports: expect.objectContaining({ 'ai.onnx': 20 }),
        docString: 'gelu fn',
        valueInfo: [{ name: 'Y', docString: '' }],
      },
    ]);
    expect(m.graph.nodes[0].domain).toBe('local');
  });

  it('sparse initializers and string_data payload spans', async () => {
    const m = await load(
      new ProtoWriter().varint(1, 8).message(7, (g) => {
        g.message(15, (s) =>
          s
            .message(1, (v) => v.varint(1, 2).varint(2, 1).string(8, 'sp').bytes(9, new Uint8Array(8)))
            .message(2, (i) => i.varint(1, 2).varint(2, 7).bytes(9, new Uint8Array(16)))
            .varint(3, 4)
            .varint(3, 5),
        );
        g.message(5, (t) => t.varint(1, 2).varint(2, 8).string(6, 'ab').string(6, 'cde').string(8, 'names'));
      }),
    );
    const sp = m.graph.sparseInitializers[0];
    expect(sp.dims).toEqual([4, 5]);
    expect(sp.values).toMatchObject({ name: 'sp', dims: [2], elementCount: 2, payload: { field: 'raw_data', length: 8 } });
    expect(sp.indices).toMatchObject({ dataType: 7, payload: { field: 'raw_data', length: 16 } });
    // string_data: two records 32 02 'ab' and 32 03 'cde' = 4 + 5 bytes from the first key.
    expect(m.graph.initializers[0].payload).toMatchObject({ field: 'string_data', unpacked: true, length: 9 });
  });
});
