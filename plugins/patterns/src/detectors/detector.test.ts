import type { Node } from '@autodoc/core';
import { describe, expect, it } from 'vitest';
import { opSet, opTable } from './detector.js';

const node = (domain: string, opType: string) => ({ domain, opType }) as Node;

describe('opTable', () => {
  it('finds entries by domain and op type together, never by one of them alone', () => {
    const table = opTable({ 'com.microsoft::Attention': 1, 'ai.onnx::Attention': 2 });
    expect(table.get(node('com.microsoft', 'Attention'))).toBe(1);
    expect(table.get(node('ai.onnx', 'Attention'))).toBe(2);
    expect(table.get(node('com.microsoft', 'MultiHeadAttention'))).toBeUndefined();
    expect(table.has(node('custom', 'Attention'))).toBe(false);
  });

  it('lists its op types once each, without domains', () => {
    const table = opTable({ 'com.microsoft::Attention': 1, 'ai.onnx::Attention': 2, 'com.microsoft::MultiHeadAttention': 3 });
    expect([...table.opTypes].sort()).toEqual(['Attention', 'MultiHeadAttention']);
  });

  it('opSet answers membership', () => {
    const set = opSet(['ai.onnx::LayerNormalization']);
    expect(set.has(node('ai.onnx', 'LayerNormalization'))).toBe(true);
    expect(set.has(node('com.microsoft', 'LayerNormalization'))).toBe(false);
  });
});
