/**
 * StringNormalizer's output shape, from the ONNX spec: input [C] or [1, C]; stop words are removed,
 * and when all of them are, the output is [1] (for [C]) or [1, 1] (for [1, C]).
 */
import { dims, type InferredType } from '@autodoc/core';
import { OpTester } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import { stringNormalizer } from './string.js';

const tester = new OpTester(stringNormalizer);
const shapeOf = (t: InferredType | undefined) => (t && t.kind === 'tensor' ? t.shape?.map((d) => dims.format(d)) : undefined);
const run = (shape: number[], attrs: Record<string, unknown> = {}) => tester.run([{ dtype: 'STRING', shape }], attrs, 10).outputs[0];

describe('StringNormalizer', () => {
  it('without stop words the output has the input shape ([C] and [1, C]), whatever the case action', () => {
    expect(shapeOf(run([2], { case_change_action: 'UPPER' }))).toEqual(['2']);
    expect(shapeOf(run([1, 6], { is_case_sensitive: 1 }))).toEqual(['1', '6']);
    expect(run([2])).toMatchObject({ dtype: 'STRING' });
  });
  it('with stop words the last dim is a named unknown (4 strings, "monday" may remove any of them)', () => {
    const s = shapeOf(run([4], { stopwords: ['monday'] }));
    expect(s).toHaveLength(1);
    expect(s?.[0]).not.toMatch(/^\d+$/);
    const two = shapeOf(run([1, 6], { stopwords: ['monday'] }));
    expect(two?.[0]).toBe('1');
    expect(two?.[1]).not.toMatch(/^\d+$/);
  });
  it('with stop words a single string stays one element: kept, or all dropped → [1] / [1, 1]', () => {
    expect(shapeOf(run([1], { stopwords: ['monday'] }))).toEqual(['1']);
    expect(shapeOf(run([1, 1], { stopwords: ['monday'] }))).toEqual(['1', '1']);
  });
});
