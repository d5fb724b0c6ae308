import { describe, expect, it } from 'vitest';
import { deepFreeze, markFrozenThroughout } from './deep-freeze.js';

describe('deepFreeze', () => {
  it('freezes every nested object and array, terminates on cycles, and leaves prototypes alone', () => {
    const proto = { inherited: { x: 1 } };
    const row = Object.assign(Object.create(proto) as Record<string, unknown>, { inputs: ['a'], figures: { flops: 2 } });
    const report: Record<string, unknown> = { layers: [row, [{ deep: { deeper: [] } }]], skip: null };
    report.self = report;
    expect(deepFreeze(report)).toBe(report);
    expect(Object.isFrozen(report)).toBe(true);
    expect(Object.isFrozen(report.layers)).toBe(true);
    expect(Object.isFrozen(row)).toBe(true);
    expect(Object.isFrozen(row.inputs)).toBe(true);
    expect(Object.isFrozen(row.figures)).toBe(true);
    const nested = (report.layers as unknown[][])[1][0] as { deep: { deeper: unknown[] } };
    expect(Object.isFrozen(nested.deep.deeper)).toBe(true);
    expect(Object.isFrozen(proto.inherited)).toBe(false);
  });
  it('walks into objects a plugin froze shallowly, and terminates on frozen cycles', () => {
    const inner = { counts: [1, 2] };
    const section: Record<string, unknown> = Object.freeze({ inner, list: [{ x: 1 }] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = Object.freeze({ back: cyclic });
    deepFreeze({ section, cyclic });
    expect(Object.isFrozen(inner)).toBe(true);
    expect(Object.isFrozen(inner.counts)).toBe(true);
    expect(Object.isFrozen((section.list as object[])[0])).toBe(true);
    expect(Object.isFrozen(cyclic)).toBe(true);
  });
  it('does not walk a value marked frozen throughout, and still walks frozen values that are not marked', () => {
    // The mark is trusted: a marked value is not looked into (the core marks only what it froze whole).
    const unfrozenChild = { n: 1 };
    const marked = markFrozenThroughout([unfrozenChild]);
    const shallow = Object.freeze([{ n: 2 }]);
    deepFreeze({ marked, shallow });
    expect(Object.isFrozen(marked)).toBe(true);
    expect(Object.isFrozen(unfrozenChild)).toBe(false);
    expect(Object.isFrozen(shallow[0])).toBe(true);
  });
});
