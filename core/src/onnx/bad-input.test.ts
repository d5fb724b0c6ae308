/**
 * Hostile and foreign inputs: each must end in a coded AutodocError, never a crash, stack overflow or
 * hang. Hand-built bytes come from the raw ProtoWriter; field numbers from onnx.proto.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { ProtoWriter, overlongVarintBytes } from '../testing/proto-writer.js';
import { readModel } from './read-model.js';
import type { ReadOptions } from './types.js';
import { seededBytes, tempDir } from './test-files.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

/** Loads `bytes` from a temp file and returns the thrown AutodocError (fails if it loads). */
async function failure(bytes: Uint8Array | string, options?: ReadOptions): Promise<AutodocError> {
  const p = tmp.file(`m${n++}.onnx`, bytes);
  try {
    await readModel(p, options);
  } catch (e) {
    expect(e).toBeInstanceOf(AutodocError);
    return e as AutodocError;
  }
  throw new Error('expected readModel to throw');
}

/** A minimal valid ModelProto around a graph writer: ir_version 8, graph, opset ai.onnx 17. */
function model(graph: (g: ProtoWriter) => void = (g) => g.message(1, (nd) => nd.string(4, 'Relu'))): ProtoWriter {
  return new ProtoWriter()
    .varint(1, 8)
    .message(7, graph)
    .message(8, (o) => o.string(1, '').varint(2, 17));
}

describe('readModel: files that are not there or not files', () => {
  it('a missing file is FILE_NOT_FOUND', async () => {
    await expect(readModel(path.join(tmp.dir, 'nope.onnx'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
  it('a directory is FILE_NOT_FOUND', async () => {
    await expect(readModel(tmp.dir)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
  it('a FIFO is refused without opening it (no hang)', async () => {
    const fifo = path.join(tmp.dir, 'pipe.onnx');
    execFileSync('mkfifo', [fifo]);
    await expect(readModel(fifo)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
  it('maxFileBytes is a RESOURCE_LIMIT', async () => {
    const e = await failure(model().finish(), { maxFileBytes: 10 });
    expect(e.code).toBe('RESOURCE_LIMIT');
  });
  it('a valid minimal model loads (control for the cases below)', async () => {
    const m = await readModel(tmp.file('ok.onnx', model().finish()));
    expect(m.graph.nodes.map((x) => x.opType)).toEqual(['Relu']);
  });
});

describe('readModel: other formats are named (FILE_NOT_ONNX)', () => {
  const cases: [string, Uint8Array | string, RegExp][] = [
    ['empty file', new Uint8Array(0), /empty/],
    ['PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), /PNG/],
    ['JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]), /JPEG/],
    ['gzip', Uint8Array.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), /gzip/],
    ['zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(26), Buffer.from('readme.txt')]), /zip archive/],
    [
      'PyTorch zip checkpoint',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(26), Buffer.from('archive/data.pkl')]),
      /PyTorch checkpoint: convert it with `autodoc convert`/,
    ],
    ['JSON', '{\n  "model_type": "gpt2"\n}\n', /JSON/],
    ['text', 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n', /text file/],
    ['ORT flatbuffer', Buffer.concat([Buffer.from([0x14, 0, 0, 0]), Buffer.from('ORTM'), Buffer.alloc(24)]), /ORT/],
    ['TFLite', Buffer.concat([Buffer.from([0x1c, 0, 0, 0]), Buffer.from('TFL3'), Buffer.alloc(24)]), /TensorFlow Lite/],
    // safetensors: 8-byte LE header length (15), then the JSON header.
    ['safetensors', Buffer.concat([Buffer.from([15, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{"__metadata__"'), Buffer.alloc(8)]), /safetensors/],
    ['HDF5 / Keras .h5', Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]), /HDF5/],
  ];
  for (const [name, bytes, message] of cases) {
    it(name, async () => {
      const e = await failure(bytes);
      expect(e.code).toBe('FILE_NOT_ONNX');
      expect(e.message).toMatch(message);
    });
  }
});

describe('readModel: malformed protobuf', () => {
  it('random bytes (seeded) never crash or hang', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const e = await failure(seededBytes(seed, 16 + seed * 97));
      expect(['MODEL_INVALID', 'MODEL_TRUNCATED', 'FILE_NOT_ONNX'], `seed ${seed}: ${e.message}`).toContain(e.code);
    }
  });

  it('a protobuf of another schema (a TensorProto) is MODEL_INVALID', async () => {
    // TensorProto: dims=1 (field 1 varint), data_type=2 (field 2 varint — ModelProto's producer_name is a string).
    const tensor = new ProtoWriter().varint(1, 3).varint(2, 1).string(8, 'w').bytes(9, new Uint8Array(12)).finish();
    expect((await failure(tensor)).code).toBe('MODEL_INVALID');
  });
  it('a protobuf with only unknown field numbers is MODEL_INVALID (no graph)', async () => {
    const other = new ProtoWriter().varint(1000, 5).string(2001, 'hello').varint(3, 0).finish();
    // field 3 (producer_version) as a varint is a wrong wire type; without it: no graph.
    expect((await failure(other)).code).toBe('MODEL_INVALID');
    const unknownOnly = new ProtoWriter().varint(1000, 5).string(2001, 'hello').finish();
    const e = await failure(unknownOnly);
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toMatch(/no ModelProto field/);
  });
  it('a model without a graph is MODEL_INVALID', async () => {
    const e = await failure(
      new ProtoWriter()
        .varint(1, 8)
        .message(8, (o) => o.varint(2, 17))
        .finish(),
    );
    expect(e.code).toBe('MODEL_INVALID');
    expect(e.message).toMatch(/no graph/);
  });
  it('wrong wire types for known fields are MODEL_INVALID', async () => {
    expect((await failure(new ProtoWriter().varint(1, 8).varint(7, 3).finish())).code).toBe('MODEL_INVALID'); // graph as varint
    expect((await failure(model((g) => g.varint(1, 1)).finish())).code).toBe('MODEL_INVALID'); // node as varint
    expect((await failure(model((g) => g.message(1, (nd) => nd.varint(4, 1))).finish())).code).toBe('MODEL_INVALID'); // op_type as varint
    expect((await failure(model((g) => g.message(5, (t) => t.fixed32(8, 1))).finish())).code).toBe('MODEL_INVALID'); // tensor name as fixed32
  });
  it('field number 0 and wire types 3/4/6/7 are MODEL_INVALID', async () => {
    expect((await failure(Uint8Array.from([0x08, 0x08, 0x00, 0x01]))).code).toBe('MODEL_INVALID'); // key 0x00: field 0
    for (const wire of [3, 4, 6, 7]) {
      expect((await failure(new ProtoWriter().varint(1, 8).tag(20, wire).raw([0, 0]).finish())).code).toBe('MODEL_INVALID');
    }
  });
  it('an overlong varint (11 bytes) is MODEL_INVALID', async () => {
    const bytes = new ProtoWriter().tag(1, 0).raw([0x88, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).finish();
    expect((await failure(bytes)).code).toBe('MODEL_INVALID');
    // A 10-byte varint is still legal (padded encodings of small values are accepted).
    const ten = model().tag(5, 0).raw(overlongVarintBytes(3, 10)).finish();
    expect((await readModel(tmp.file('ten.onnx', ten))).modelVersion).toBe(3);
  });
  it('a length past the end of its enclosing message is MODEL_INVALID', async () => {
    // graph (field 7) holds 3 bytes: a node key 0x0a and a length of 100 (0x64), then one more byte.
    const bytes = new ProtoWriter()
      .varint(1, 8)
      .bytes(7, Uint8Array.from([0x0a, 0x64, 0x00]))
      .message(8, (o) => o.varint(2, 17))
      .finish();
    expect((await failure(bytes)).code).toBe('MODEL_INVALID');
  });
  it('a length that wraps (≥ 2^53) is MODEL_INVALID', async () => {
    const bytes = new ProtoWriter()
      .varint(1, 8)
      .lengthPastEnd(7, 2n ** 63n, Uint8Array.from([0x0a, 0x00]))
      .finish();
    expect((await failure(bytes)).code).toBe('MODEL_INVALID');
    const bytes2 = new ProtoWriter()
      .varint(1, 8)
      .lengthPastEnd(7, 2n ** 64n - 1n)
      .finish();
    expect((await failure(bytes2)).code).toBe('MODEL_INVALID');
  });
  it('a top-level field running past the end of the file is MODEL_TRUNCATED', async () => {
    const bytes = new ProtoWriter()
      .varint(1, 8)
      .lengthPastEnd(7, 1000, Uint8Array.from([0x0a, 0x00]))
      .finish();
    expect((await failure(bytes)).code).toBe('MODEL_TRUNCATED');
  });
  it('a weight payload running past the end of the file is MODEL_TRUNCATED, in any window size', async () => {
    // graph { initializer { dims 4, data_type FLOAT, raw_data: declares 1 MB, has 16 bytes } }
    const tensorHead = new ProtoWriter()
      .varint(1, 4)
      .varint(2, 1)
      .lengthPastEnd(9, 1 << 20, new Uint8Array(16))
      .finish();
    const bytes = new ProtoWriter()
      .varint(1, 8)
      .lengthPastEnd(7, 1 << 21, new ProtoWriter().lengthPastEnd(5, (1 << 20) + 8, tensorHead).finish())
      .finish();
    for (const chunkBytes of [undefined, 64]) expect((await failure(bytes, { chunkBytes })).code).toBe('MODEL_TRUNCATED');
  });
});

const corpusModel = fileURLToPath(new URL('../../../../shared/corpus/symbolic/tiny_bert.onnx', import.meta.url));
const hasCorpus = existsSync(corpusModel);
if (!hasCorpus) console.warn(`corpus absent: ${corpusModel} not found, truncation tests skipped`);

describe.skipIf(!hasCorpus)('readModel: a corpus model cut short', () => {
  it('is MODEL_TRUNCATED at every cut inside the graph, with any window size', async () => {
    const whole = readFileSync(corpusModel);
    // tiny_bert starts ir_version (2 bytes), producer_name, producer_version, then the graph, which
    // runs to just before the trailing opset_import: every cut from byte 1 to the end falls inside a field.
    const cuts = [1, 3, 40, 100, 1000, Math.floor(whole.length / 3), Math.floor(whole.length / 2), whole.length - 20, whole.length - 1];
    for (const cut of cuts) {
      for (const chunkBytes of [undefined, 64]) {
        const e = await failure(whole.subarray(0, cut), { chunkBytes });
        expect(e.code, `cut at ${cut}: ${e.message}`).toBe('MODEL_TRUNCATED');
      }
    }
  });
});

describe('readModel: nesting limits (RESOURCE_LIMIT, no stack overflow)', () => {
  /** A graph whose one node carries a GRAPH attribute holding the next graph, `depth` times. */
  function nestedGraphs(g: ProtoWriter, depth: number): void {
    g.message(1, (nd) => {
      nd.string(4, 'If');
      if (depth > 0)
        nd.message(5, (a) =>
          a
            .string(1, 'then_branch')
            .message(6, (sub) => nestedGraphs(sub, depth - 1))
            .varint(20, 5),
        );
    });
  }
  it('200-deep nested graph attributes', async () => {
    const bytes = model((g) => nestedGraphs(g, 200)).finish();
    for (const chunkBytes of [undefined, 64]) {
      const e = await failure(bytes, { chunkBytes });
      expect(e.code).toBe('RESOURCE_LIMIT');
      expect(e.message).toMatch(/subgraphs more than 32 deep/);
    }
  });
  it('32 nested subgraphs still load', async () => {
    const m = await readModel(tmp.file('deep32.onnx', model((g) => nestedGraphs(g, 32)).finish()));
    let depth = 0;
    for (let g = m.graph; g.nodes[0].attributes[0]?.g; g = g.nodes[0].attributes[0].g) depth++;
    expect(depth).toBe(32);
  });
  it('1000-deep nested sequence types', async () => {
    // TypeProto { sequence_type (4) { elem_type (1) { sequence_type … } } }, inside out.
    let type = new ProtoWriter().message(1, (t) => t.varint(1, 1)).finish();
    for (let i = 0; i < 1000; i++) type = new ProtoWriter().message(4, (s) => s.bytes(1, type)).finish();
    const bytes = model((g) => g.message(11, (v) => v.string(1, 'x').bytes(2, type))).finish();
    const e = await failure(bytes);
    expect(e.code).toBe('RESOURCE_LIMIT');
  });
});

describe('readModel: declared sizes that disagree with the bytes (issue #9)', () => {
  const tensorModel = (tensor: (t: ProtoWriter) => void) => model((g) => g.message(1, (nd) => nd.string(4, 'Relu')).message(5, tensor));
  const codesOf = async (w: ProtoWriter) => (await readModel(tmp.file(`size${n++}.onnx`, w.finish()))).warnings.map((x) => x.code);
  it('raw_data shorter or longer than dims × element size warns once, aggregated', async () => {
    // FLOAT [1000, 1000] needs 4,000,000 bytes; 12 are stored. FLOAT [4] needs 16; 20 are stored.
    const bytes = model((g) =>
      g
        .message(5, (t) => t.varint(1, 1000).varint(1, 1000).varint(2, 1).string(8, 'a').bytes(9, new Uint8Array(12)))
        .message(5, (t) => t.varint(1, 4).varint(2, 1).string(8, 'b').bytes(9, new Uint8Array(20))),
    ).finish();
    const m = await readModel(tmp.file(`size${n++}.onnx`, bytes));
    expect(m.warnings).toEqual([expect.objectContaining({ code: 'TENSOR_DATA_SIZE_MISMATCH', count: 2 })]);
  });
  it('exact sizes do not warn: FLOAT [2, 2] in 16 raw bytes, packed float_data of 4 floats, an empty tensor', async () => {
    expect(await codesOf(tensorModel((t) => t.varint(1, 2).varint(1, 2).varint(2, 1).bytes(9, new Uint8Array(16))))).toEqual([]);
    expect(await codesOf(tensorModel((t) => t.varint(1, 4).varint(2, 1).bytes(4, new Uint8Array(16))))).toEqual([]);
    expect(await codesOf(tensorModel((t) => t.varint(1, 0).varint(2, 1)))).toEqual([]);
  });
  it('a packed float_data list of the wrong count warns (3 floats for 4 elements)', async () => {
    expect(await codesOf(tensorModel((t) => t.varint(1, 4).varint(2, 1).bytes(4, new Uint8Array(12))))).toEqual(['TENSOR_DATA_SIZE_MISMATCH']);
  });
  it('a non-empty tensor with no data at all warns', async () => {
    expect(await codesOf(tensorModel((t) => t.varint(1, 4).varint(2, 7)))).toEqual(['TENSOR_DATA_SIZE_MISMATCH']);
  });
});

describe('readModel: missing and unknown versions are warnings (issue #9)', () => {
  const graph = (g: ProtoWriter) => g.message(1, (nd) => nd.string(4, 'Relu'));
  const codes = async (w: ProtoWriter) => (await readModel(tmp.file(`v${n++}.onnx`, w.finish()))).warnings.map((d) => d.code);
  it('no ir_version and no opset_import: MODEL_VERSION_MISSING', async () => {
    expect(await codes(new ProtoWriter().message(7, graph))).toEqual(['MODEL_VERSION_MISSING']);
  });
  it('only another domain imported (training models do this) is not missing', async () => {
    expect(await codes(new ProtoWriter().varint(1, 8).message(7, graph).message(8, (o) => o.string(1, 'ai.onnx.preview.training').varint(2, 1)))).toEqual([]);
  });
  it('ir_version 99 (future) and an opset version 0 are MODEL_VERSION_UNKNOWN', async () => {
    expect(await codes(new ProtoWriter().varint(1, 99).message(7, graph).message(8, (o) => o.varint(2, 17)))).toEqual(['MODEL_VERSION_UNKNOWN']);
    expect(await codes(new ProtoWriter().varint(1, 8).message(7, graph).message(8, (o) => o.varint(2, 0)))).toEqual(['MODEL_VERSION_UNKNOWN']);
  });
  it('the model builder default (IR 8, opset 17) has no version warning', async () => {
    expect(await codes(model())).toEqual([]);
  });
});
