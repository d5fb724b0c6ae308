import { describe, expect, it } from 'vitest';
import { defineOp } from './define-op.js';
import { OpRegistry } from './op-registry.js';

describe('OpRegistry', () => {
  const v1 = defineOp({ opType: 'Squeeze', since: 1, notes: 'axes attribute' });
  const v13 = defineOp({ opType: 'Squeeze', since: 13, notes: 'axes input' });
  const registry = new OpRegistry();
  registry.register(v13, 'a');
  registry.register(v1, 'a');

  it('picks the highest since ≤ the model opset', () => {
    expect(registry.lookup('ai.onnx', 'Squeeze', 11)).toBe(v1);
    expect(registry.lookup('ai.onnx', 'Squeeze', 13)).toBe(v13);
    expect(registry.lookup('', 'Squeeze', 21)).toBe(v13);
  });

  it('has nothing below the first version and nothing for other domains', () => {
    const r = new OpRegistry();
    r.register(v13, 'a');
    expect(r.lookup('ai.onnx', 'Squeeze', 12)).toBeUndefined();
    expect(r.lookup('com.microsoft', 'Squeeze', 13)).toBeUndefined();
  });

  it('lets a later registration replace the same (domain, opType, since) and says so', () => {
    const r = new OpRegistry();
    r.register(v13, 'built-in');
    const mine = defineOp({ opType: 'Squeeze', since: 13, notes: 'mine' });
    r.register(mine, 'the config');
    expect(r.lookup('ai.onnx', 'Squeeze', 13)).toBe(mine);
    expect(r.overrideDiagnostics()).toEqual([expect.objectContaining({ code: 'OP_DEFINITION_OVERRIDDEN', severity: 'info' })]);
  });

  it('answers interleaved lookups of more kinds than it remembers, and forgets them when a definition is registered', () => {
    const r = new OpRegistry();
    const ops = Array.from({ length: 12 }, (_, i) => defineOp({ opType: `Op${i}`, since: 1 + (i % 3) }));
    for (const op of ops) r.register(op, 'a');
    for (let round = 0; round < 3; round++) {
      for (const [i, op] of ops.entries()) {
        expect(r.lookup('ai.onnx', `Op${i}`, 3)).toBe(op);
        // Below its since: none, also right after the same op answered for another opset.
        expect(r.lookup('ai.onnx', `Op${i}`, 0)).toBeUndefined();
      }
    }
    expect(r.lookup('ai.onnx', 'Op0', 5)).toBe(ops[0]);
    const newer = defineOp({ opType: 'Op0', since: 4 });
    r.register(newer, 'the config');
    expect(r.lookup('ai.onnx', 'Op0', 5)).toBe(newer);
    expect(r.lookup('ai.onnx', 'Op0', 3)).toBe(ops[0]);
  });
});
