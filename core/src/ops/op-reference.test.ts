import { describe, expect, it } from 'vitest';
import { defineOp } from './define-op.js';
import { costKind, renderOpReference } from './op-reference.js';

const matmul = defineOp({
  opType: 'MatMul',
  since: 13,
  shape: () => [],
  cost: () => ({ macs: 0, flops: 0 }),
  notes: 'MACs = M × K × N | per batch',
  examples: [{ title: 'square', inputs: [['batch', 2], [2, 3]], expect: { shapes: [['batch', 3]], macs: '6*batch', flops: '12*batch' } }],
});
const reshape = defineOp({ opType: 'Reshape', since: 5, shape: () => [], cost: 'free', notes: 'No arithmetic.', examples: [{ inputs: [[6], { dtype: 'INT64', shape: [2], value: [2, 3] }], expect: { shapes: [[2, 3]] } }] });
const fancy = defineOp({ domain: 'com.acme', opType: 'Fancy', since: 1, shape: () => [], notes: 'Not counted yet.' });

describe('renderOpReference', () => {
  const text = renderOpReference([reshape, fancy, matmul], ['# Ops']);

  it('classifies each cost rule', () => {
    expect([costKind(matmul), costKind(reshape), costKind(fancy)]).toEqual(['counted', 'free', 'uncounted']);
  });

  it('summarises counts and names the uncounted ops with their domain', () => {
    expect(text).toContain('3 operators in 2 domain(s): ai.onnx 2, com.acme 1.');
    expect(text).toContain('1 counted, 1 free');
    expect(text).toContain('1 uncounted (com.acme::Fancy:');
  });

  it('lists ops per domain in name order, escaping pipes in table cells', () => {
    expect(text.indexOf('## ai.onnx')).toBeLessThan(text.indexOf('## com.acme'));
    expect(text.indexOf('| [MatMul]')).toBeLessThan(text.indexOf('| [Reshape]'));
    expect(text).toContain('| [MatMul](#matmul-aionnx-since-13) | 13 | counted | MACs = M × K × N \\| per batch |');
  });

  it('prints worked examples with symbols, values and results', () => {
    expect(text).toContain('- square: inputs `[batch, 2]` · `[2, 3]` → `[batch, 3]`; MACs 6*batch; FLOPs 12*batch');
    expect(text).toContain('- inputs `[6]` · INT64 `[2]` = `[2, 3]` → `[2, 3]`');
  });
});
