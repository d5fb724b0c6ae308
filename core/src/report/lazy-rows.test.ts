import { describe, expect, it } from 'vitest';
import { deepFreeze, markFrozenThroughout } from './deep-freeze.js';
import type { JsonBytes } from './json-bytes.js';
import { jsonChunks } from './json-chunks.js';
import { defineLazyRows, LAZY_ROWS_MIN, type LazyRows, pendingRows } from './lazy-rows.js';
import { writtenJson } from '../testing/lazy-rows-json.js';

interface Row {
  name: string;
  n: number;
}

/** A table of `count` rows that counts how often it was made; its JSON comes in batches of 3. */
class CountingRows implements LazyRows<Row> {
  made = 0;
  constructor(readonly length: number) {}

  make(): Row[] {
    this.made++;
    return markFrozenThroughout(Array.from({ length: this.length }, (_, i) => Object.freeze({ name: `r"${i}·`, n: i })));
  }

  *jsonBatches(out: JsonBytes): Generator<void, void, void> {
    for (let i = 0; i < this.length; i++) {
      if (i > 0) out.byte(0x2c);
      out.raw(Buffer.from('{"name":'));
      out.string(`r"${i}·`);
      out.raw(Buffer.from(`,"n":${i}}`));
      if (i % 3 === 2) yield;
    }
    if (this.length % 3 !== 0) yield;
  }
}

function report(rows: CountingRows) {
  const draft: Record<string, unknown> = { schemaVersion: '1.0.0', model: { name: 'm' } };
  const section: Record<string, unknown> = { count: rows.length };
  defineLazyRows(section, 'rows', rows);
  draft.section = section;
  defineLazyRows(draft, 'layers', rows);
  draft.diagnostics = [];
  return draft;
}

describe('defineLazyRows', () => {
  it('makes the rows on first read only, and keeps them', () => {
    const rows = new CountingRows(LAZY_ROWS_MIN);
    const target: Record<string, unknown> = {};
    expect(defineLazyRows(target, 'rows', rows)).toBe(true);
    expect(pendingRows(target, 'rows')).toBe(rows);
    expect(Object.keys(target)).toEqual(['rows']);
    expect(rows.made).toBe(0);
    const first = target.rows;
    expect(target.rows).toBe(first);
    expect(rows.made).toBe(1);
    expect(pendingRows(target, 'rows')).toBeUndefined();
  });

  it('lets the table be replaced until the object is frozen', () => {
    const target: Record<string, unknown> = {};
    defineLazyRows(target, 'rows', new CountingRows(LAZY_ROWS_MIN));
    target.rows = [];
    expect(target.rows).toEqual([]);
    expect(pendingRows(target, 'rows')).toBeUndefined();
    deepFreeze(target);
    expect(() => {
      target.rows = [1];
    }).toThrow(/read only/);
  });

  it('is left unmade by deepFreeze, and frozen throughout once made', () => {
    const rows = new CountingRows(LAZY_ROWS_MIN);
    const frozen = deepFreeze(report(rows));
    expect(rows.made).toBe(0);
    const made = frozen.layers as Row[];
    expect(Object.isFrozen(made) && Object.isFrozen(made[0])).toBe(true);
  });

  it('is written by the JSON writers from its source, exactly as JSON.stringify writes the made rows', async () => {
    for (const count of [LAZY_ROWS_MIN, LAZY_ROWS_MIN + 7]) {
      const rows = new CountingRows(count);
      const value = report(rows);
      const chunks = [...jsonChunks(value, 2)].join('');
      const bytes = await writtenJson(value);
      expect(rows.made).toBe(0);
      const expected = JSON.stringify(value);
      // Both tables (`section.rows` and `layers`) are made by JSON.stringify.
      expect(rows.made).toBe(2);
      expect(chunks).toBe(expected);
      expect(bytes).toBe(expected);
    }
  });

  it('is made at once when short', () => {
    for (const count of [0, 1, LAZY_ROWS_MIN - 1]) {
      const rows = new CountingRows(count);
      const target: Record<string, unknown> = {};
      expect(defineLazyRows(target, 'rows', rows)).toBe(false);
      expect(rows.made).toBe(1);
      expect(pendingRows(target, 'rows')).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(target, 'rows')?.value).toHaveLength(count);
    }
  });
});
