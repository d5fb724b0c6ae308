import { describe, expect, it } from 'vitest';
import { createDiagnosticSink } from './sink.js';

describe('diagnostic sink', () => {
  it('aggregates repeats into one entry with a count and sorts errors first', () => {
    const sink = createDiagnosticSink();
    const warning = { code: 'SHAPE_UNKNOWN_OP', severity: 'warning' as const, message: 'No shape rule for X.', hint: 'h' };
    sink.add(warning);
    sink.add(warning);
    sink.add({ ...warning, count: 3 });
    sink.add({ code: 'GRAPH_CYCLE', severity: 'error', message: 'cycle', hint: 'h' });
    const list = sink.list();
    expect(list.map((d) => d.code)).toEqual(['GRAPH_CYCLE', 'SHAPE_UNKNOWN_OP']);
    expect(list[1].count).toBe(5);
  });
});
