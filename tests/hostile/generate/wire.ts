/**
 * Wire-level hostile inputs: bytes that are not a well-formed ONNX protobuf (→ exit 3), plus the
 * forward-compatible cases that are (unknown fields, merged repeats, padded varints → a report).
 * Field numbers come from onnx.proto.
 */
import { ProtoWriter, nestedMessages, overlongVarintBytes } from '@autodoc/core/testing';
import { richModel } from './base-models.js';
import { messageBoundaries, scan } from './proto-scan.js';
import { BAD_BYTES, type HostileCase, error, report } from './types.js';
import { bytesCase, concat, seededBytes } from './write.js';

/** A minimal valid ModelProto around a graph: ir_version 8, graph, opset ai.onnx 17. */
export function modelAround(graph: (g: ProtoWriter) => void, head?: (m: ProtoWriter) => void): ProtoWriter {
  const m = new ProtoWriter().varint(1, 8);
  head?.(m);
  return m.message(7, graph).message(8, (o) => o.string(1, '').varint(2, 17));
}

/** One Relu node on graph input x, with input and output value infos. */
export function reluGraph(g: ProtoWriter): void {
  g.message(1, (n) => n.string(1, 'x').string(2, 'y').string(3, 'relu').string(4, 'Relu'));
  g.string(2, 'g');
  g.message(11, (v) => v.string(1, 'x').message(2, (t) => t.message(1, (tt) => tt.varint(1, 1).message(2, (s) => s.message(1, (d) => d.varint(1, 4))))));
  g.message(12, (v) => v.string(1, 'y'));
}

/** A protobuf varint's bytes; negative values are written as their 64-bit two's complement. */
export function varintBytes(n: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

/**
 * `depth` nested messages; level i is field `pattern[i % pattern.length]`. Sizes are computed from
 * the inside out, so 100,000 levels cost one pass and no recursion.
 */
export function nestedChain(pattern: readonly number[], depth: number, inner: Uint8Array = new Uint8Array(0)): Uint8Array {
  const sizes = new Array<number>(depth);
  let len = inner.length;
  for (let i = depth - 1; i >= 0; i--) {
    sizes[i] = len;
    len += varintBytes(BigInt(pattern[i % pattern.length] << 3) | 2n).length + varintBytes(BigInt(len)).length;
  }
  const out = new Uint8Array(len);
  let p = 0;
  for (let i = 0; i < depth; i++) {
    for (const b of varintBytes(BigInt(pattern[i % pattern.length] << 3) | 2n)) out[p++] = b;
    for (const b of varintBytes(BigInt(sizes[i]))) out[p++] = b;
  }
  out.set(inner, p);
  return out;
}

/** Truncation of the rich base model at message boundaries: the expected outcome of each cut. */
export function truncationCases(sampleEvery = 1): HostileCase[] {
  const bytes = richModel().toBytes();
  const top = scan(bytes);
  if (!top) throw new Error('base model does not scan');
  const cuts = messageBoundaries(bytes);
  const topEnds = new Map(top.map((f) => [f.end, f]));
  const out: HostileCase[] = [];
  cuts.forEach((cut, i) => {
    // A cut at the end of a top-level field leaves a well-formed (shorter) ModelProto: it is a model
    // iff its graph field is complete; any other cut leaves a message running past the end of file.
    const complete = topEnds.has(cut);
    const hasGraph = top.some((f) => f.field === 7 && f.end <= cut);
    const expect = complete ? (hasGraph ? report() : error('MODEL_INVALID')) : error('MODEL_TRUNCATED');
    out.push(
      bytesCase('wire', `truncated-at-${cut}`, `rich model truncated at message boundary ${cut} of ${bytes.length}`, expect, () => bytes.subarray(0, cut), {
        cli: i % sampleEvery === 0,
      }),
    );
  });
  return out;
}

const relu = () => modelAround(reluGraph);

export function wireCases(): HostileCase[] {
  const c = (id: string, title: string, expect: ReturnType<typeof error>, bytes: () => Uint8Array | string, cli = true) => bytesCase('wire', id, title, expect, bytes, { cli });
  const cases: HostileCase[] = [
    c('control-relu', 'a well-formed minimal model (control)', report(), () => relu().finish()),
    c('empty', 'an empty file', error('FILE_NOT_ONNX'), () => new Uint8Array(0)),
    c('one-byte', 'a single ir_version key, no value', error('MODEL_TRUNCATED'), () => Uint8Array.of(0x08)),
    ...[1, 2, 3, 4, 5, 6].map((seed) =>
      c(`random-${seed}`, `${[16, 256, 4096, 65536, 1 << 20, 3][seed - 1]} random bytes (seed ${seed})`, error(...BAD_BYTES), () => seededBytes([16, 256, 4096, 65536, 1 << 20, 3][seed - 1], seed), seed <= 4),
    ),
    c('random-after-header', 'ir_version then 4 KiB of random bytes', error(...BAD_BYTES), () => concat([0x08, 0x08], seededBytes(4096, 99))),
    // Wrong wire types for known fields.
    c('graph-as-varint', 'ModelProto.graph (7) written as a varint', error('MODEL_INVALID'), () => new ProtoWriter().varint(1, 8).varint(7, 5).finish()),
    c('graph-as-fixed32', 'ModelProto.graph (7) written as fixed32', error('MODEL_INVALID'), () => new ProtoWriter().varint(1, 8).fixed32(7, 5).finish()),
    c('ir-version-as-string', 'ModelProto.ir_version (1) written as a string', error('MODEL_INVALID'), () => modelAround(reluGraph, (m) => m.string(1, 'eight')).finish()),
    c('node-as-varint', 'GraphProto.node (1) written as a varint', error('MODEL_INVALID'), () => modelAround((g) => g.varint(1, 3)).finish()),
    c('op-type-as-fixed64', 'NodeProto.op_type (4) written as fixed64', error('MODEL_INVALID'), () => modelAround((g) => g.message(1, (n) => n.fixed64(4, 1))).finish()),
    c('dims-as-fixed64', 'TensorProto.dims (1) written as fixed64', error('MODEL_INVALID'), () => modelAround((g) => g.message(5, (t) => t.fixed64(1, 4).varint(2, 1).string(8, 'w'))).finish()),
    c('attr-float-as-varint', 'AttributeProto.f (2) written as a varint', error('MODEL_INVALID'), () => modelAround((g) => g.message(1, (n) => n.string(4, 'Elu').message(5, (a) => a.string(1, 'alpha').varint(2, 1).varint(20, 1)))).finish()),
    c('opset-as-varint', 'ModelProto.opset_import (8) written as a varint', error('MODEL_INVALID'), () => new ProtoWriter().varint(1, 8).message(7, reluGraph).varint(8, 17).finish()),
    ...[3, 4, 6, 7].map((wt) => c(`wire-type-${wt}`, `a field key with wire type ${wt}`, error('MODEL_INVALID'), () => concat(relu().finish(), [(99 << 3) | wt, 0]))),
    c('field-zero', 'a field key with field number 0', error('MODEL_INVALID'), () => concat([0x02, 0x00], relu().finish())),
    // Varints.
    c('overlong-varint-11', 'an 11-byte varint', error('MODEL_INVALID'), () => concat([0x08], overlongVarintBytes(8, 10).map((b) => b | 0x80), [0x00], relu().finish())),
    c('padded-varint-10', 'ir_version 8 padded to a valid 10-byte varint', report(), () => concat([0x08], overlongVarintBytes(8, 10), new ProtoWriter().message(7, reluGraph).message(8, (o) => o.varint(2, 17)).finish())),
    c('overlong-key', 'a field key wider than 32 bits', error('MODEL_INVALID'), () => concat([0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00], relu().finish())),
    c('varint-at-eof', 'a varint cut in the middle at end of file', error('MODEL_TRUNCATED'), () => concat(relu().finish(), [0x08, 0xff, 0xff])),
    // Lengths.
    c('length-past-eof', 'the graph declares 1000 bytes, 1 follows', error('MODEL_TRUNCATED'), () => new ProtoWriter().varint(1, 8).lengthPastEnd(7, 1000, Uint8Array.of(0x0a)).finish()),
    c('length-wraps-2^32', 'the graph declares 2^32 + 3 bytes, 3 follow (wraps to 3 in 32 bits)', error('MODEL_TRUNCATED'), () => new ProtoWriter().varint(1, 8).lengthPastEnd(7, 2 ** 32 + 3, Uint8Array.of(0x12, 0x01, 0x67)).finish()),
    c('length-2^32-1', 'a doc string declaring 2^32 - 1 bytes', error('MODEL_TRUNCATED'), () => relu().lengthPastEnd(6, 2 ** 32 - 1, Uint8Array.of(0x41)).finish()),
    c('length-2^64-1', 'a field declaring 2^64 - 1 bytes', error('MODEL_INVALID', 'MODEL_TRUNCATED'), () => relu().lengthPastEnd(6, (1n << 64n) - 1n, Uint8Array.of(0x41)).finish()),
    c('length-2^53+1', 'a field declaring 2^53 + 1 bytes', error('MODEL_INVALID', 'MODEL_TRUNCATED'), () => relu().lengthPastEnd(6, 2n ** 53n + 1n, Uint8Array.of(0x41)).finish()),
    c('length-past-parent', "a node's name runs past the end of its node (but not of the file)", error('MODEL_INVALID'), () =>
      modelAround((g) => g.bytes(1, concat(new ProtoWriter().string(4, 'Relu').finish(), [0x1a, 0x40]))).finish(),
    ),
    c('packed-floats-odd', 'a packed float list of 5 bytes', error('MODEL_INVALID'), () =>
      modelAround((g) => g.message(1, (n) => n.string(4, 'Foo').message(5, (a) => a.string(1, 'v').bytes(7, Uint8Array.of(0, 0, 128, 63, 0)).varint(20, 6)))).finish(),
    ),
    // Nesting.
    c('nest-subgraphs-100k', '100,000-deep graph → node → attribute → graph nesting', error('RESOURCE_LIMIT'), () => concat([0x08, 0x08], nestedChain([7], 1, nestedChain([1, 5, 6], 99_999)))),
    c('nest-types-100k', '100,000-deep sequence-of-sequence TypeProto on a graph input', error('RESOURCE_LIMIT'), () =>
      concat([0x08, 0x08], nestedChain([7, 11, 2], 3, nestedChain([4, 1], 100_000))),
    ),
    c('nest-unknown-100k', '100,000-deep unknown field inside the graph (skipped by position)', report(), () =>
      modelAround((g) => {
        reluGraph(g);
        g.raw(nestedMessages(99, 100_000));
      }).finish(),
    ),
    c('nest-model-in-model', 'field 7 nested 100,000 deep (graph inside graph as an unknown field)', report(), () => concat([0x08, 0x08], nestedChain([7], 100_000, new ProtoWriter().message(1, (n) => n.string(4, 'Relu')).finish()))),
    // Forward compatibility.
    c('unknown-fields-everywhere', 'unknown fields of every wire type in every message', report(), () => unknownEverywhere()),
    c('graph-merged', 'ModelProto.graph written twice: the halves merge (C++ semantics)', report(), () =>
      new ProtoWriter()
        .varint(1, 8)
        .message(7, (g) => g.message(1, (n) => n.string(1, 'x').string(2, 'h').string(4, 'Relu')).message(11, (v) => v.string(1, 'x')))
        .message(7, (g) => g.message(1, (n) => n.string(1, 'h').string(2, 'y').string(4, 'Relu')).message(12, (v) => v.string(1, 'y')))
        .message(8, (o) => o.varint(2, 17))
        .finish(),
    ),
    // Another schema, or no graph.
    c('tensorproto-file', 'a serialized TensorProto, not a ModelProto', error('MODEL_INVALID'), () =>
      new ProtoWriter().varint(1, 2).varint(1, 2).varint(2, 1).string(8, 'weights').bytes(9, new Uint8Array(16)).finish(),
    ),
    c('graphdef-like', 'a TensorFlow GraphDef-like protobuf (node {name op})', error('MODEL_INVALID'), () =>
      new ProtoWriter().message(1, (n) => n.string(1, 'input').string(2, 'Placeholder')).message(4, (v) => v.varint(1, 27)).finish(),
    ),
    c('no-graph', 'a ModelProto with ir_version and opset but no graph', error('MODEL_INVALID'), () => new ProtoWriter().varint(1, 8).message(8, (o) => o.varint(2, 17)).finish()),
    c('empty-graph', 'a ModelProto with an empty graph', report(), () => new ProtoWriter().varint(1, 8).message(7, () => {}).message(8, (o) => o.varint(2, 17)).finish()),
  ];
  for (const x of cases) if (x.id === 'graph-merged') Object.assign(x, { check: (r: Record<string, unknown>) => ((r.graph as { nodeCount: number }).nodeCount === 2 ? undefined : 'merged graph should have 2 nodes') });
  return cases;
}

/** The Relu model with unknown fields (numbers 90+) of wire types 0, 1, 2, 5 in every message. */
function unknownEverywhere(): Uint8Array {
  const junk = (w: ProtoWriter) => w.varint(90, 1).fixed64(91, 2).string(92, 'future').fixed32(93, 3).message(94, (x) => x.varint(1, 1));
  return new ProtoWriter()
    .varint(1, 8)
    .message(7, (g) => {
      g.message(1, (n) => {
        n.string(1, 'x').string(2, 'y').string(4, 'Relu');
        n.message(5, (a) => junk(a.string(1, 'unused').varint(3, 1).varint(20, 2)));
        junk(n);
      });
      g.message(5, (t) => junk(t.varint(1, 1).varint(2, 1).string(8, 'w').bytes(9, new Uint8Array(4))));
      g.message(11, (v) => junk(v.string(1, 'x').message(2, (t) => junk(t.message(1, (tt) => junk(tt.varint(1, 1).message(2, (s) => junk(s.message(1, (d) => junk(d.varint(1, 4)))))))))));
      g.message(12, (v) => junk(v.string(1, 'y')));
      junk(g);
    })
    .message(8, (o) => junk(o.varint(2, 17)))
    .message(14, (e) => junk(e.string(1, 'k').string(2, 'v')))
    .varint(20000, 5)
    .finish();
}
