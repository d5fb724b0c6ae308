import { AutodocError, createOpNode, dims, type Dim, type InferredType, type OnnxAttribute, type OpDefinition, tensorArg, type ValueType } from '@autodoc/core';
import { OpTester, toAttribute } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import { generalOps } from './index-general.js';

const byType = new Map<string, OpDefinition>(generalOps.map((d) => [`${d.domain}::${d.opType}`, d]));
function op(opType: string, domain = 'ai.onnx'): OpTester {
  const def = byType.get(`${domain}::${opType}`);
  if (!def) throw new Error(`no definition for ${opType}`);
  return new OpTester(def);
}
const shapeOf = (t: InferredType | undefined) => (t && t.kind === 'tensor' ? t.shape?.map(dims.format) : undefined);
const flopsOf = (c: unknown) => (c === 'free' ? '0' : dims.format((c as { flops: Dim }).flops));

describe('generalOps examples (OpTester.check)', () => {
  it('every definition has at least one example and unique (domain, opType, since)', () => {
    const keys = generalOps.map((d) => `${d.domain}::${d.opType}@${d.since}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of generalOps) expect(d.examples?.length ?? 0, d.opType).toBeGreaterThan(0);
    for (const d of generalOps) expect(d.notes ?? '', d.opType).not.toBe('');
  });
  for (const def of generalOps) {
    it(`${def.domain}::${def.opType}`, () => {
      const tester = new OpTester(def);
      for (const ex of def.examples ?? []) expect(tester.check(ex), ex.title ?? JSON.stringify(ex.inputs)).toEqual([]);
    });
  }
});

describe('broadcasting', () => {
  it('[2,1,4] + [3,1] → [2,3,4], 24 additions', () => {
    const r = op('Add').run([[2, 1, 4], [3, 1]], {}, 14);
    expect(shapeOf(r.outputs[0])).toEqual(['2', '3', '4']);
    expect(flopsOf(r.cost)).toBe('24');
  });
  it("symbolic ['batch',1] + [1,'seq'] → [batch, seq]", () => {
    const r = op('Mul').run([['batch', 1], [1, 'seq']], {}, 14);
    expect(shapeOf(r.outputs[0])).toEqual(['batch', 'seq']);
    expect(flopsOf(r.cost)).toBe('batch*seq');
  });
  it('rank-0 with rank-2 → rank 2; rank-0 with rank-0 → scalar, 1 FLOP', () => {
    expect(shapeOf(op('Sub').run([[], [3, 4]], {}, 14).outputs[0])).toEqual(['3', '4']);
    const r = op('Div').run([[], []], {}, 14);
    expect(shapeOf(r.outputs[0])).toEqual([]);
    expect(flopsOf(r.cost)).toBe('1');
  });
  it('zero-size dims broadcast against 1 and cost 0', () => {
    const r = op('Add').run([[0, 4], [1, 4]], {}, 14);
    expect(shapeOf(r.outputs[0])).toEqual(['0', '4']);
    expect(flopsOf(r.cost)).toBe('0');
  });
  it('incompatible numbers are a SHAPE_MISMATCH', () => {
    expect(() => op('Add').run([[2, 3], [4]], {}, 14)).toThrow(AutodocError);
  });
  it('comparison gives BOOL, arithmetic keeps the dtype', () => {
    const eq = op('Equal').run([{ dtype: 'INT64', shape: [3] }, { dtype: 'INT64', shape: [3] }], {}, 13).outputs[0];
    expect(eq && eq.kind === 'tensor' ? eq.dtype : undefined).toBe('BOOL');
    const add = op('Add').run([{ dtype: 'FLOAT16', shape: [3] }, { dtype: 'FLOAT16', shape: [3] }], {}, 13).outputs[0];
    expect(add && add.kind === 'tensor' ? add.dtype : undefined).toBe('FLOAT16');
  });
  it('variadic Max of 4 inputs: 3 comparisons per element; Mean of 3: 2 adds + 1 divide', () => {
    const max = op('Max').run([[2, 3], [3], [1, 3], [2, 1]], {}, 13);
    expect(shapeOf(max.outputs[0])).toEqual(['2', '3']);
    expect(flopsOf(max.cost)).toBe('18'); // 6 elements × 3
    expect(flopsOf(op('Mean').run([['n'], ['n'], ['n']], {}, 13).cost)).toBe('3*n');
  });
  it('opset < 7 legacy broadcast keeps A\'s shape', () => {
    expect(shapeOf(op('Add').run([[2, 3, 4], [3]], { broadcast: 1, axis: 1 }, 6).outputs[0])).toEqual(['2', '3', '4']);
  });
});

describe('value propagation (shape arithmetic)', () => {
  it('Shape-derived values: [batch, 7] + [0, 1] = [batch, 8]', () => {
    const r = op('Add').run([{ dtype: 'INT64', shape: [2], value: ['batch', 7] }, { dtype: 'INT64', shape: [2], value: [0, 1] }], {}, 14);
    expect(r.outputs[0]?.value?.map(dims.format)).toEqual(['batch', '8']);
  });
  it('Mul by a broadcast scalar, integer Div truncates toward zero, Mod follows the divisor sign', () => {
    expect(op('Mul').run([{ shape: [2], value: ['seq', 3] }, { shape: [], value: [4] }], {}, 14).outputs[0]?.value?.map(dims.format)).toEqual(['4*seq', '12']);
    expect(op('Div').run([{ shape: [2], value: [-7, 7] }, { shape: [], value: [2] }], {}, 14).outputs[0]?.value).toEqual([-3, 3]);
    expect(op('Mod').run([{ shape: [2], value: [-7, 7] }, { shape: [], value: [3] }], {}, 13).outputs[0]?.value).toEqual([2, 1]);
  });
  it('symbolic Div by a positive constant is floor division (dims are non-negative)', () => {
    expect(op('Div').run([{ shape: [1], value: ['hidden'] }, { shape: [1], value: [4] }], {}, 14).outputs[0]?.value?.map(dims.format)).toEqual(['floor(hidden/4)']);
  });
  it('Equal/Where/Max/Neg on known contents', () => {
    // Equal([seq, 1], [seq, 2]) = [1, 0]; Where([1,0], [10, 20], [30, 40]) = [10, 40].
    expect(op('Equal').run([{ shape: [2], value: ['seq', 1] }, { shape: [2], value: ['seq', 2] }], {}, 13).outputs[0]?.value).toEqual([1, 0]);
    const w = op('Where').run([{ dtype: 'BOOL', shape: [2], value: [1, 0] }, { shape: [2], value: [10, 20] }, { shape: [2], value: [30, 40] }], {}, 16);
    expect(w.outputs[0]?.value).toEqual([10, 40]);
    expect(op('Max').run([{ shape: [2], value: ['n', 5] }, { shape: [2], value: ['n', 2] }], {}, 13).outputs[0]?.value?.map(dims.format)).toEqual(['n', '5']);
    expect(op('Neg').run([{ shape: [2], value: ['n', -2] }], {}, 13).outputs[0]?.value?.map(dims.format)).toEqual(['-n', '2']);
  });
  it('an element that cannot be told (Less of two unrelated symbols) leaves the value unknown', () => {
    expect(op('Less').run([{ shape: [1], value: ['a'] }, { shape: [1], value: ['b'] }], {}, 13).outputs[0]?.value).toBeUndefined();
  });
  it('opset < 7 broadcast with axis aligns B from that axis: contents not followed (numpy alignment would differ)', () => {
    // A [[1,2],[3,4]] + B [10,20] at axis 0 is [[11,12],[23,24]]; right-aligned it would be [[11,22],[13,24]].
    const r = op('Add').run([{ shape: [2, 2], value: [1, 2, 3, 4] }, { shape: [2], value: [10, 20] }], { broadcast: 1, axis: 0 }, 6);
    expect(shapeOf(r.outputs[0])).toEqual(['2', '2']);
    expect(r.outputs[0]?.value).toBeUndefined();
  });
  it('tiny float tensors are followed (1 + 2 = 3), with mixed dtypes not', () => {
    expect(op('Add').run([{ dtype: 'FLOAT', shape: [1], value: [1] }, { dtype: 'FLOAT', shape: [1], value: [2] }], {}, 14).outputs[0]?.value).toEqual([3]);
    expect(op('Add').run([{ dtype: 'FLOAT', shape: [1], value: [1] }, { dtype: 'DOUBLE', shape: [1], value: [2] }], {}, 14).outputs[0]?.value).toBeUndefined();
  });
});

describe('reductions', () => {
  it('negative axes, keepdims 0 (opset 13 attribute)', () => {
    const r = op('ReduceMean').run([['batch', 'seq', 32]], { axes: [-1], keepdims: 0 }, 13);
    expect(shapeOf(r.outputs[0])).toEqual(['batch', 'seq']);
    // 32·batch·seq additions + batch·seq divisions.
    expect(flopsOf(r.cost)).toBe('33*batch*seq');
  });
  it('ReduceSum 13 with axes input; empty axes reduce all; noop_with_empty_axes is an identity with 0 FLOPs', () => {
    expect(shapeOf(op('ReduceSum').run([[3, 2, 2], { shape: [1], value: [1] }], {}, 13).outputs[0])).toEqual(['3', '1', '2']);
    expect(shapeOf(op('ReduceSum').run([[3, 2, 2], { shape: [0], value: [] }], {}, 13).outputs[0])).toEqual(['1', '1', '1']);
    const noop = op('ReduceSum').run([[3, 2, 2], { shape: [0], value: [] }], { noop_with_empty_axes: 1 }, 13);
    expect(shapeOf(noop.outputs[0])).toEqual(['3', '2', '2']);
    expect(flopsOf(noop.cost)).toBe('0');
  });
  it('ReduceMax 18: axes input with unknown contents keeps the rank with data-dependent dims', () => {
    const keep = op('ReduceMax').run([[3, 4, 5], { dtype: 'INT64', shape: [2] }], {}, 18).outputs[0];
    expect(shapeOf(keep)?.length).toBe(3);
    const drop = op('ReduceMax').run([[3, 4, 5], { dtype: 'INT64', shape: [2] }], { keepdims: 0 }, 18).outputs[0];
    expect(shapeOf(drop)?.length).toBe(1);
  });
  it('ReduceL2 over a zero-size axis: 0 input elements, 1 sqrt per output', () => {
    const r = op('ReduceL2').run([[0, 3]], { axes: [0], keepdims: 0 }, 13);
    expect(shapeOf(r.outputs[0])).toEqual(['3']);
    expect(flopsOf(r.cost)).toBe('3');
  });
  it('ReduceProd of a known shape vector gives numel', () => {
    const r = op('ReduceProd').run([{ shape: [3], value: ['batch', 'seq', 4] }], { keepdims: 0 }, 13);
    expect(r.outputs[0]?.value?.map(dims.format)).toEqual(['4*batch*seq']);
  });
  it('out-of-range axis throws', () => {
    expect(() => op('ReduceSum').run([[2, 3], { shape: [1], value: [2] }], {}, 13)).toThrow(/out of range/);
  });
});

describe('softmax family, arg, topk', () => {
  it('Softmax 5/element; LogSoftmax rows differ before and after opset 13', () => {
    expect(flopsOf(op('Softmax').run([[2, 3, 4]], {}, 13).cost)).toBe('120');
    // opset 11, default axis 1 on [2,3,4] → 2-D [2, 12]: 2 rows. opset 13 axis 1 → rows = 2·4 = 8.
    expect(flopsOf(op('LogSoftmax').run([[2, 3, 4]], {}, 11).cost)).toBe('122');
    expect(flopsOf(op('LogSoftmax').run([[2, 3, 4]], { axis: 1 }, 13).cost)).toBe('128');
  });
  it('Softmax before 13 accepts the default axis 1 on a 1-D input (coerced to [N, 1]); after 13 axis 1 on 1-D throws', () => {
    expect(shapeOf(op('Softmax').run([[7]], {}, 11).outputs[0])).toEqual(['7']);
    // [7] coerced to [7, 1]: 7 rows, one log each: 5·7 + 7 = 42.
    expect(flopsOf(op('LogSoftmax').run([[7]], {}, 11).cost)).toBe('42');
    expect(() => op('Softmax').run([[7]], { axis: 1 }, 13)).toThrow(/out of range/);
  });
  it('ArgMax keepdims and negative axis', () => {
    expect(shapeOf(op('ArgMax').run([[2, 3, 4]], { axis: -2, keepdims: 0 }, 13).outputs[0])).toEqual(['2', '4']);
  });
  it('TopK: symbolic k, unknown k → data-dependent dim, both outputs agree', () => {
    const sym = op('TopK').run([['batch', 100], { shape: [1], value: ['k'] }], { axis: 1 }, 11, 2);
    expect(sym.outputs.map(shapeOf)).toEqual([['batch', 'k'], ['batch', 'k']]);
    const unknown = op('TopK').run([['batch', 100], { dtype: 'INT64', shape: [1] }], {}, 11, 2);
    const [a, b] = unknown.outputs.map(shapeOf);
    expect(a?.[0]).toBe('batch');
    expect(a?.[1]).not.toMatch(/^\d+$/);
    expect(b).toEqual(a);
    expect((unknown.outputs[1] as { dtype?: string }).dtype).toBe('INT64');
  });
});

describe('data-dependent ops', () => {
  it('NonZero: rank known, count fresh', () => {
    const s = shapeOf(op('NonZero').run([['a', 'b']], {}, 13).outputs[0]);
    expect(s?.[0]).toBe('2');
    expect(s?.[1]).not.toMatch(/^\d+$/);
  });
  it('Unique shares one dim across Y, indices and counts', () => {
    const outs = op('Unique').run([[4, 5]], { axis: -1 }, 11, 4).outputs.map(shapeOf);
    expect(outs[0]?.[0]).toBe('4');
    expect(outs[1]?.[0]).toBe(outs[0]?.[1]);
    expect(outs[3]).toEqual(outs[1]);
    expect(outs[2]).toEqual(['5']);
  });
});

describe('sequences (types beyond OpTester)', () => {
  const seqArg = (elem: ValueType | undefined) => tensorArg('seq', { kind: 'sequence', elem });
  const run = (opType: string, inputs: ReturnType<typeof tensorArg>[], attrs: Record<string, unknown> = {}, opset = 17) => {
    const def = byType.get(`ai.onnx::${opType}`)!;
    const attributes = new Map<string, OnnxAttribute>(Object.entries(attrs).map(([k, v]) => [k, toAttribute(k, v)]));
    return def.shape!(createOpNode({ name: 'n', opType, domain: 'ai.onnx', opset, attributes, inputs, outputs: [tensorArg('out', undefined)] }));
  };
  it('SequenceAt returns the element type; SequenceInsert merges differing shapes to rank unknown', () => {
    const elem: ValueType = { kind: 'tensor', dtype: 'FLOAT', shape: [2, 3] };
    expect(run('SequenceAt', [seqArg(elem), tensorArg('i', { kind: 'tensor', dtype: 'INT64', shape: [] })])[0]).toEqual(elem);
    const merged = run('SequenceInsert', [seqArg(elem), tensorArg('t', { kind: 'tensor', dtype: 'FLOAT', shape: [4] })])[0];
    expect(merged).toEqual({ kind: 'sequence', elem: { kind: 'tensor', dtype: 'FLOAT', shape: undefined } });
  });
  it('SequenceEmpty is marked empty; SequenceInsert into it gives exactly the inserted shape, no longer empty', () => {
    const empty = run('SequenceEmpty', [], { dtype: 7 })[0];
    expect(empty).toEqual({ kind: 'sequence', elem: { kind: 'tensor', dtype: 'INT64', shape: undefined }, empty: true });
    const k = dims.sym('k');
    const t = tensorArg('t', { kind: 'tensor', dtype: 'INT64', shape: [2, k] }, [1, 2, 3, 4]);
    const inserted = run('SequenceInsert', [tensorArg('s', empty), t])[0];
    expect(inserted).toEqual({ kind: 'sequence', elem: { kind: 'tensor', dtype: 'INT64', shape: [2, k] } });
    // The tensor's dtype unknown: the sequence's (SequenceEmpty's dtype attribute) fills it.
    const untyped = run('SequenceInsert', [tensorArg('s', empty), tensorArg('u', { kind: 'tensor', dtype: undefined, shape: [3] })])[0];
    expect(untyped).toEqual({ kind: 'sequence', elem: { kind: 'tensor', dtype: 'INT64', shape: [3] } });
  });
  it('a sequence whose type is unknown is not taken for an empty one: inserting keeps the dtype, not the shape', () => {
    const t = tensorArg('t', { kind: 'tensor', dtype: 'FLOAT', shape: [3] });
    const floats = { kind: 'sequence', elem: { kind: 'tensor', dtype: 'FLOAT', shape: undefined } };
    expect(run('SequenceInsert', [seqArg(undefined), t])[0]).toEqual(floats);
    expect(run('SequenceInsert', [tensorArg('s', undefined), t])[0]).toEqual(floats);
    expect(run('SequenceConstruct', [tensorArg('a', undefined), t])[0]).toEqual(floats);
  });
  it('SequenceErase never claims empty (it may leave elements)', () => {
    const empty = run('SequenceEmpty', [], { dtype: 1 })[0];
    const erased = run('SequenceErase', [tensorArg('s', empty)])[0];
    expect(erased?.kind === 'sequence' ? erased.empty : 'not a sequence').toBeUndefined();
  });
  it('ConcatFromSequence with new_axis stacks: [2,3] elements on axis 0 → [n, 2, 3]', () => {
    const out = run('ConcatFromSequence', [seqArg({ kind: 'tensor', dtype: 'FLOAT', shape: [2, 3] })], { axis: 0, new_axis: 1 })[0];
    const s = shapeOf(out);
    expect(s?.slice(1)).toEqual(['2', '3']);
    expect(s?.[0]).not.toMatch(/^\d+$/);
  });
  it('SplitToSequence with a scalar split dividing the dim gives equal parts', () => {
    const out = run('SplitToSequence', [tensorArg('x', { kind: 'tensor', dtype: 'FLOAT', shape: [3, 6] }), tensorArg('s', { kind: 'tensor', dtype: 'INT64', shape: [] }, [2])], { axis: 1 });
    expect(out[0]).toEqual({ kind: 'sequence', elem: { kind: 'tensor', dtype: 'FLOAT', shape: [3, 2] } });
  });
  it('SplitToSequence with unequal parts ([3, 6] split [1, 2] on axis 0 → [1, 6], [2, 6]) keeps the rank: [unknown, 6]', () => {
    const x = tensorArg('x', { kind: 'tensor', dtype: 'FLOAT', shape: [3, 6] });
    for (const split of [tensorArg('s', { kind: 'tensor', dtype: 'INT64', shape: [2] }, [1, 2]), tensorArg('s', { kind: 'tensor', dtype: 'INT64', shape: [2] })]) {
      const out = run('SplitToSequence', [x, split])[0];
      const elem = out?.kind === 'sequence' ? out.elem : undefined;
      const s = elem?.kind === 'tensor' ? elem.shape : undefined;
      expect(s).toHaveLength(2);
      expect(typeof s?.[0]).not.toBe('number');
      expect(s?.[1]).toBe(6);
    }
    // A scalar split 4 of 6 leaves parts 4 and 2: the axis dim is unknown too.
    const uneven = run('SplitToSequence', [x, tensorArg('s', { kind: 'tensor', dtype: 'INT64', shape: [] }, [4])], { axis: 1 })[0];
    const e = uneven?.kind === 'sequence' ? uneven.elem : undefined;
    expect(e?.kind === 'tensor' ? e.shape?.[0] : undefined).toBe(3);
    expect(typeof (e?.kind === 'tensor' ? e.shape?.[1] : 0)).not.toBe('number');
  });
  it('OptionalGetElement unwraps an optional', () => {
    const elem: ValueType = { kind: 'tensor', dtype: 'INT32', shape: [4] };
    expect(run('OptionalGetElement', [tensorArg('o', { kind: 'optional', elem })], {}, 18)[0]).toEqual(elem);
  });
});

describe('costs of composite ops', () => {
  it('Gelu none 5, tanh 9; HardSwish 5; Celu 7 per element', () => {
    expect(flopsOf(op('Gelu').run([['n']], {}, 20).cost)).toBe('5*n');
    expect(flopsOf(op('Gelu').run([['n']], { approximate: 'tanh' }, 20).cost)).toBe('9*n');
    expect(flopsOf(op('HardSwish').run([[10]], {}, 14).cost)).toBe('50');
    expect(flopsOf(op('Celu').run([[10]], {}, 12).cost)).toBe('70');
  });
  it('Clip ≥ 11 counts the bounds given', () => {
    expect(flopsOf(op('Clip').run([[10], [], []], {}, 13).cost)).toBe('20');
    expect(flopsOf(op('Clip').run([[10], null, []], {}, 13).cost)).toBe('10');
  });
  it('QuantizeLinear / DequantizeLinear 2 per element; Where and Gather* free', () => {
    expect(flopsOf(op('QuantizeLinear').run([['b', 8], []], {}, 13).cost)).toBe('16*b');
    expect(op('Where').run([[2], [2], [2]], {}, 16).cost).toBe('free');
    expect(op('GatherElements').run([[2, 2], [2, 2]], {}, 13).cost).toBe('free');
  });
  it('Det of a 4×4: 4·3/2 + 4·3·7/3 + 3 = 6 + 28 + 3 = 37', () => {
    expect(flopsOf(op('Det').run([[4, 4]], {}, 11).cost)).toBe('37');
  });
  it('a cost that needs an unknown shape throws COST_SHAPE_UNKNOWN (never 0)', () => {
    const def = byType.get('ai.onnx::Relu')!;
    const cost = def.cost as (n: ReturnType<typeof createOpNode>) => unknown;
    const node = createOpNode({ name: 'r', opType: 'Relu', domain: 'ai.onnx', opset: 14, attributes: new Map(), inputs: [tensorArg('x', undefined)], outputs: [tensorArg('y', undefined)] });
    expect(() => cost(node)).toThrow(expect.objectContaining({ code: 'COST_SHAPE_UNKNOWN' }));
  });
});
