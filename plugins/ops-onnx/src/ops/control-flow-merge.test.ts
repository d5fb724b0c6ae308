/**
 * The join of two types a value may have (If's branches, a Loop's carried value over iterations),
 * for sequences: an empty sequence has no element, so it joins to the other sequence; two empty
 * ones stay empty; non-empty element types join as tensors do (differing dims → a named unknown).
 */
import { createOpNode, dims, type InferredType, tensorArg, type ValueType } from '@autodoc/core';
import { describe, expect, it } from 'vitest';
import { mergeTypes, sameType } from './control-flow-merge.js';

const node = createOpNode({ name: 'if', opType: 'If', domain: 'ai.onnx', opset: 17, attributes: new Map(), inputs: [], outputs: [tensorArg('y', undefined)] });
const join = (a: InferredType | undefined, b: InferredType | undefined) => mergeTypes(node, 0, a, b);
/** A FLOAT tensor type; string dims are symbols. */
const float = (shape: readonly (number | string)[] | undefined): ValueType => ({
  kind: 'tensor',
  dtype: 'FLOAT',
  shape: shape?.map((d) => (typeof d === 'number' ? d : dims.sym(d))),
});
const seq = (elem: ValueType | undefined): InferredType => ({ kind: 'sequence', elem });
const empty = (elem: ValueType | undefined = float(undefined)): InferredType => ({ kind: 'sequence', elem, empty: true });

describe('joining sequences (If branches, Loop iterations)', () => {
  it('empty ∪ seq<float[3, 4]> = seq<float[3, 4]>, either way round, not empty', () => {
    expect(join(empty(), seq(float([3, 4])))).toEqual(seq(float([3, 4])));
    expect(join(seq(float([3, 4])), empty())).toEqual(seq(float([3, 4])));
    expect(join(empty(), seq(float(['k', 2])))).toEqual(seq(float(['k', 2])));
  });
  it('empty ∪ empty = empty', () => {
    expect(join(empty(), empty())).toEqual(empty());
    expect(join(empty(undefined), empty(undefined))).toEqual(empty(undefined));
  });
  it('seq<float[3]> ∪ seq<float[4]> = seq<float[y_dim0]> (a named unknown, as before)', () => {
    expect(join(seq(float([3])), seq(float([4])))).toEqual(seq(float(['y_dim0'])));
    expect(join(seq(float([3])), seq(float([3, 1])))).toEqual(seq(float(undefined)));
  });
  it('the empty side fills an unknown element dtype; an unknown element type stays unknown (never taken for empty)', () => {
    const untyped: ValueType = { kind: 'tensor', dtype: undefined, shape: [5] };
    expect(join(empty(), seq(untyped))).toEqual(seq(float([5])));
    expect(join(empty(), seq(undefined))).toEqual(seq(undefined));
    expect(join(seq(undefined), seq(float([5])))).toEqual(seq(undefined));
  });
  it('an element dtype clash (a malformed model) joins as before: no shape', () => {
    const ints: ValueType = { kind: 'tensor', dtype: 'INT64', shape: [3] };
    expect(join(empty(), seq(ints))).toEqual(seq(float(undefined)));
  });
  it('an empty sequence is not the same type as a non-empty one of the same elements (the Loop fixpoint goes on)', () => {
    expect(sameType(empty(), seq(float(undefined)))).toBe(false);
    expect(sameType(empty(), empty())).toBe(true);
    expect(sameType(seq(float([3])), seq(float([3])))).toBe(true);
  });
});
