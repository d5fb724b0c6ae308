/**
 * The shape-arithmetic and control-flow definitions (index-tensor.ts): every documented example
 * holds (OpTester), contents are carried through shape arithmetic, and each opset form of an op that
 * changed its shape semantics is exercised. Expected values are worked from the ONNX spec.
 */
import { createOpNode, dims, type Dim, type InferredType, type OpDefinition, type OpNode, tensorArg } from '@autodoc/core';
import { OpTester, type TesterInput } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import { propagateIntArith } from '../util/value-arith.js';
import { tensorOps } from './index-tensor.js';
import { sliceLength } from './slice.js';

const byType = new Map<string, OpDefinition>(tensorOps.map((d) => [d.opType, d]));
function run(opType: string, inputs: readonly TesterInput[], attrs: Record<string, unknown> = {}, opset?: number, outputs = 1) {
  const def = byType.get(opType);
  if (!def) throw new Error(`no definition for ${opType}`);
  return new OpTester(def).run(inputs, attrs, opset ?? def.since, outputs).outputs;
}
const shape = (t: InferredType | undefined) => (t && t.kind === 'tensor' ? t.shape?.map((d) => dims.format(d)) : undefined);
const value = (t: InferredType | undefined) => (t && t.kind === 'tensor' ? t.value?.map((d) => dims.format(d)) : undefined);
const i64 = (v: (number | string)[], s: number[] = [v.length]) => ({ dtype: 'INT64', shape: s, value: v });

describe('tensorOps examples (OpTester.check)', () => {
  it('every definition has notes, a cost rule and unique (domain, opType, since)', () => {
    const keys = tensorOps.map((d) => `${d.domain}::${d.opType}@${d.since}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of tensorOps) {
      expect(d.notes ?? '', d.opType).not.toBe('');
      expect(d.cost, d.opType).toBeDefined();
    }
  });
  for (const def of tensorOps) {
    for (const [k, ex] of (def.examples ?? []).entries()) {
      it(`${def.opType} example ${ex.title ?? k}`, () => expect(new OpTester(def).check(ex)).toEqual([]));
    }
  }
});

describe('contents through shape arithmetic', () => {
  it('Shape carries symbolic dims; opset 15 start/end slice them (negative end counts from the back)', () => {
    expect(value(run('Shape', [['batch', 'seq', 32]])[0])).toEqual(['batch', 'seq', '32']);
    expect(value(run('Shape', [['batch', 'seq', 32]], { start: -2 }, 15)[0])).toEqual(['seq', '32']);
    // end = -5 clamps to 0 < start: an empty INT64 [0].
    expect(shape(run('Shape', [['batch', 'seq', 32]], { end: -5 }, 15)[0])).toEqual(['0']);
  });

  it('Gather picks elements (negative index from the end); Concat and Slice of vectors', () => {
    expect(value(run('Gather', [i64(['batch', 'seq', 32]), i64([-1], [])])[0])).toEqual(['32']);
    expect(value(run('Gather', [i64(['batch', 'seq', 32]), i64([0, 1])])[0])).toEqual(['batch', 'seq']);
    expect(value(run('Concat', [i64(['batch']), i64([-1, 4])], { axis: 0 }, 13)[0])).toEqual(['batch', '-1', '4']);
    // Slice [1:] of [batch, seq, 32] → [seq, 32].
    expect(value(run('Slice', [i64(['batch', 'seq', 32]), i64([1]), i64([2 ** 62])], {}, 13)[0])).toEqual(['seq', '32']);
  });

  it('Squeeze/Unsqueeze/Reshape/Identity/Cast keep contents; Cast to BOOL is x ≠ 0', () => {
    expect(value(run('Unsqueeze', [i64(['seq'], []), i64([0])], {}, 13)[0])).toEqual(['seq']);
    expect(value(run('Squeeze', [i64(['seq'], [1]), i64([0])], {}, 13)[0])).toEqual(['seq']);
    expect(value(run('Cast', [i64([0, 3])], { to: 9 }, 13)[0])).toEqual(['0', '1']);
    expect(run('Cast', [i64([0, 3])], { to: 1 }, 13)[0]).toMatchObject({ dtype: 'FLOAT' });
    // Cast-1 names the type as a string.
    expect(run('Cast', [[2]], { to: 'float16' }, 1)[0]).toMatchObject({ dtype: 'FLOAT16' });
  });

  it('Range folds small ranges; ConstantOfShape fills only when the fill is known', () => {
    expect(value(run('Range', [i64([1], []), i64([10], []), i64([3], [])])[0])).toEqual(['1', '4', '7']);
    expect(value(run('ConstantOfShape', [i64([2])])[0])).toEqual(['0', '0']);
  });

  it('propagateIntArith: symbolic arithmetic with broadcasting, Where, comparisons', () => {
    const a = { dims: [2], value: ['batch', 'seq'].map((s) => dims.sym(s)) as Dim[] };
    const four = { dims: [], value: [4] };
    expect(propagateIntArith('Mul', a, four)?.map((d) => dims.format(d))).toEqual(['4*batch', '4*seq']);
    expect(propagateIntArith('Div', { dims: [], value: [dims.mul(dims.sym('seq'), 8)] }, four)?.map((d) => dims.format(d))).toEqual(['2*seq']);
    expect(propagateIntArith('Equal', { dims: [2], value: [1, 2] }, { dims: [2], value: [1, 3] })).toEqual([1, 0]);
    expect(propagateIntArith('Where', { dims: [2], value: [1, 0] }, a, { dims: [2], value: [7, 8] })?.map((d) => dims.format(d))).toEqual(['batch', '8']);
    // Unknown contents or an unknown op: no value, never a guess.
    expect(propagateIntArith('Add', { dims: [2], value: undefined }, four)).toBeUndefined();
    expect(propagateIntArith('MatMul', a, four)).toBeUndefined();
  });
});

describe('opset forms that changed shape semantics', () => {
  it('Reshape: shape attribute in opset 1–4, input from 5; allowzero from 14', () => {
    expect(shape(run('Reshape', [[2, 3, 4]], { shape: [6, -1] }, 1)[0])).toEqual(['6', '4']);
    expect(shape(run('Reshape', [[2, 3, 4], i64([0, 12])], {}, 5)[0])).toEqual(['2', '12']);
    // Before 14, allowzero does not exist: 0 copies even if the attribute were set.
    expect(shape(run('Reshape', [[0, 3], i64([3, 0])], { allowzero: 1 }, 13)[0])).toEqual(['3', '3']);
    expect(shape(run('Reshape', [[0, 3], i64([3, 0])], { allowzero: 1 }, 14)[0])).toEqual(['3', '0']);
    // Unknown target contents but a known length: rank known, dims unknown (named, not numbers).
    const t = run('Reshape', [[2, 3], { dtype: 'INT64', shape: [3] }], {}, 13)[0];
    expect(t?.kind === 'tensor' && t.shape?.every((d) => typeof d !== 'number')).toBe(true);
  });

  it('Squeeze/Unsqueeze: axes attribute before 13, input since 13', () => {
    expect(shape(run('Squeeze', [[1, 3, 1]], { axes: [0] }, 11)[0])).toEqual(['3', '1']);
    expect(shape(run('Squeeze', [[1, 3, 1], i64([-1])], {}, 13)[0])).toEqual(['1', '3']);
    expect(shape(run('Unsqueeze', [[3], i64([0, 2])], {}, 13)[0])).toEqual(['1', '3', '1']);
    // Opset 13 axes input with unknown contents: the rank cannot be told.
    expect(shape(run('Unsqueeze', [[3], { dtype: 'INT64', shape: [1] }], {}, 13)[0])).toBeUndefined();
  });

  it('Split: split attribute (2–12), input (13+), num_outputs (18+)', () => {
    expect(run('Split', [[10]], { split: [3, 7] }, 11, 2).map(shape)).toEqual([['3'], ['7']]);
    expect(run('Split', [[10], i64([4, 6])], {}, 13, 2).map(shape)).toEqual([['4'], ['6']]);
    // 10 into 4 outputs: ceil(10/4) = 3, 3, 3, and the last 10 − 9 = 1.
    expect(run('Split', [[10]], { num_outputs: 4 }, 18, 4).map(shape)).toEqual([['3'], ['3'], ['3'], ['1']]);
    // Equal split of a symbolic dim.
    expect(run('Split', [['3*n']], {}, 13, 3).map(shape)).toEqual([['n'], ['n'], ['n']]);
  });

  it('Slice: attributes in opset 1, inputs from 10, negative steps, clamping', () => {
    expect(shape(run('Slice', [[10, 8]], { starts: [-3], ends: [100] }, 1)[0])).toEqual(['3', '8']);
    expect(shape(run('Slice', [[10, 8], i64([0]), i64([-1]), i64([1]), i64([2])], {}, 10)[0])).toEqual(['10', '4']);
    // Pure arithmetic, against the spec's formula.
    expect(sliceLength(10, 8, 2, -2)).toBe(3); // 8, 6, 4
    expect(sliceLength(10, -100, 100, 1)).toBe(10);
    expect(sliceLength(5, 3, 1, 1)).toBe(0);
    // Symbolic dim: [1:] of seq has seq − 1 elements for seq ≥ 1 (and 0 for seq = 0).
    const len = sliceLength(dims.sym('seq'), 1, 2 ** 62, 1) as Dim;
    expect(dims.evaluate(len, { seq: 9 })).toBe(8);
    expect(dims.evaluate(len, { seq: 0 })).toBe(0);
  });

  it('Pad: paddings (1), pads attribute (2–10), pads input (11+), axes input (18+)', () => {
    expect(shape(run('Pad', [[2, 3]], { paddings: [1, 0, 1, 0] }, 1)[0])).toEqual(['4', '3']);
    expect(shape(run('Pad', [[2, 3], i64([0, 1, 0, 1])], {}, 11)[0])).toEqual(['2', '5']);
  });

  it('Tile, Transpose, DepthToSpace/SpaceToDepth', () => {
    expect(shape(run('Tile', [['n', 2], i64([3, 1])], {}, 13)[0])).toEqual(['3*n', '2']);
    expect(shape(run('Transpose', [[1, 2, 3]], { perm: [2, 0, 1] })[0])).toEqual(['3', '1', '2']);
    expect(shape(run('DepthToSpace', [[1, 8, 2, 3]], { blocksize: 2 }, 13)[0])).toEqual(['1', '2', '4', '6']);
    expect(shape(run('SpaceToDepth', [[1, 2, 4, 6]], { blocksize: 2 }, 13)[0])).toEqual(['1', '8', '2', '3']);
  });
});

describe('control-flow costs', () => {
  function node(
    opType: string,
    inputs: (ReturnType<typeof tensorArg> | undefined)[],
    bodyFlops: Record<string, Dim | undefined>,
    attrs: Record<string, number> = {},
  ): OpNode {
    return createOpNode({
      name: `${opType}_0`,
      opType,
      domain: 'ai.onnx',
      opset: 17,
      attributes: new Map(Object.entries(attrs).map(([name, i]) => [name, { name, type: 'INT' as const, i }])),
      inputs,
      outputs: [],
      subgraphCost: (attr) => (bodyFlops[attr] === undefined ? undefined : { flops: bodyFlops[attr] as Dim }),
    });
  }
  const cost = (opType: string, n: OpNode) => {
    const rule = byType.get(opType)?.cost;
    if (typeof rule !== 'function') throw new Error('no cost rule');
    return rule(n);
  };
  const scalar = (v: Dim) => tensorArg('m', { kind: 'tensor', dtype: 'INT64', shape: [] }, [v]);

  it('If counts the larger branch', () => {
    expect(cost('If', node('If', [undefined], { then_branch: 10, else_branch: 30 })).flops).toBe(30);
  });

  it('Loop: body × trip count, symbolic when M is; unknown M is COST_UNKNOWN_TRIP_COUNT', () => {
    expect(cost('Loop', node('Loop', [scalar(5), undefined], { body: 12 })).flops).toBe(60);
    expect(dims.format(cost('Loop', node('Loop', [scalar(dims.sym('seq')), undefined], { body: 12 })).flops)).toBe('12*seq');
    expect(() => cost('Loop', node('Loop', [undefined, undefined], { body: 12 }))).toThrow(expect.objectContaining({ code: 'COST_UNKNOWN_TRIP_COUNT' }));
  });

  it('Scan: body × sequence length of the first scan input', () => {
    const xs = tensorArg('xs', { kind: 'tensor', dtype: 'FLOAT', shape: [dims.sym('steps'), 4] });
    const state = tensorArg('s', { kind: 'tensor', dtype: 'FLOAT', shape: [4] });
    expect(dims.format(cost('Scan', node('Scan', [state, xs], { body: 8 }, { num_scan_inputs: 1 })).flops)).toBe('8*steps');
  });
});

describe('ranks read off a shape input length are capped (hostile models)', () => {
  it('Reshape/Expand: a shape input of length 3 gives 3 unknown dims; a declared length of 2^40 gives rank unknown', () => {
    const shapeOf = (len: number) => ({ dtype: 'INT64', shape: [len] });
    expect(shape(run('Reshape', [{ dtype: 'FLOAT', shape: [2, 3, 4] }, shapeOf(3)], {}, 14)[0])).toHaveLength(3);
    // Building 2^40 symbols hung a fuzzed model for minutes and took 4 GB before the cap.
    expect(shape(run('Reshape', [{ dtype: 'FLOAT', shape: [2, 3, 4] }, shapeOf(2 ** 40)], {}, 14)[0])).toBeUndefined();
    expect(shape(run('Expand', [{ dtype: 'FLOAT', shape: [1, 4] }, shapeOf(2 ** 40)], {}, 13)[0])).toBeUndefined();
    expect(shape(run('Expand', [{ dtype: 'FLOAT', shape: [3, 4] }, shapeOf(2)], {}, 13)[0])).toEqual(['3', '4']);
  });
});
