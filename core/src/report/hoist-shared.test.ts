import { describe, expect, it } from 'vitest';
import { hoistSharedSubschemas } from './hoist-shared.js';
import { validateAgainst } from './validator.js';

const count = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^[0-9]+$' }] };
const figure = { anyOf: [count, { type: 'null' }] };
const schema = {
  type: 'object',
  required: ['macs', 'flops', 'rows'],
  properties: {
    macs: figure,
    flops: { anyOf: [{ anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^[0-9]+$' }] }, { type: 'null' }] }, // equal by value
    rows: { type: 'array', items: { type: 'object', properties: { bytes: figure, name: { type: 'string' } } } },
    once: { type: 'object', properties: { onlyHereAndLongEnoughToQualify: { type: 'string', minLength: 3 } } },
  },
  additionalProperties: false,
};

describe('hoistSharedSubschemas', () => {
  const hoisted = hoistSharedSubschemas(schema) as { $defs: Record<string, unknown>; properties: Record<string, unknown> };

  it('moves subschemas used more than once (by value) into $defs, once each, and leaves the rest inline', () => {
    // `figure` occurs 3 times (macs, flops, rows[].bytes): one definition. `count` repeats too, but
    // only inside it, and is short enough to stay inline (an inline type check allocates nothing; a
    // `$ref` call allocates its arguments).
    const figureRef = hoisted.properties.macs as { $ref: string };
    expect(figureRef.$ref).toMatch(/^#\/\$defs\/shared\d+$/);
    expect(hoisted.properties.flops).toEqual(figureRef);
    expect(hoisted.$defs[figureRef.$ref.slice('#/$defs/'.length)]).toEqual({ anyOf: [count, { type: 'null' }] });
    expect(hoisted.properties.once).toEqual(schema.properties.once);
    expect(schema.properties.macs).toBe(figure); // the input is not modified
  });

  it('gives a table (an array of long rows) a definition of its own, its row schema inline', () => {
    // Two definitions: `figure` (shared) and `rows` (a table). The table's rows are not behind a
    // `$ref`: the loop over them and each row's checks sit in one small function.
    expect(Object.keys(hoisted.$defs)).toHaveLength(2);
    const rowsRef = hoisted.properties.rows as { $ref: string };
    expect(rowsRef.$ref).toMatch(/^#\/\$defs\/table\d+$/);
    const table = hoisted.$defs[rowsRef.$ref.slice('#/$defs/'.length)] as { type: string; items: { properties: Record<string, unknown> } };
    expect(table.type).toBe('array');
    expect(table.items).not.toHaveProperty('$ref');
    expect(table.items.properties.name).toEqual({ type: 'string' });
    expect(table.items.properties.bytes).toEqual(hoisted.properties.macs);
  });

  it('inlines a shared row schema into each table, and refers to it elsewhere', () => {
    const row = { type: 'object', required: ['name', 'dtype'], properties: { name: { type: 'string' }, dtype: { type: ['string', 'null'] }, rank: { type: 'integer', minimum: 0 } } };
    const withRows = hoistSharedSubschemas({
      type: 'object',
      properties: { tensors: { type: 'array', items: row }, largest: { type: 'array', maxItems: 3, items: row }, first: row },
    }) as { $defs: Record<string, { items?: unknown }>; properties: Record<string, { $ref: string }> };
    const def = (ref: { $ref: string }) => withRows.$defs[ref.$ref.slice('#/$defs/'.length)];
    expect(def(withRows.properties.first)).toEqual(row);
    expect(def(withRows.properties.tensors)).toEqual({ type: 'array', items: row });
    expect(def(withRows.properties.largest)).toEqual({ type: 'array', maxItems: 3, items: row });
    // Short rows stay where they are: a table of strings is not worth a function.
    const short = { type: 'object', properties: { notes: { type: 'array', items: { type: 'string' } } } };
    expect(hoistSharedSubschemas(short)).toBe(short);
  });

  it('reports an invalid row at the same path as the original schema', () => {
    const value = { macs: 1, flops: 1, rows: [{ name: 'a' }, { bytes: -3, name: 'b' }, { name: 7 }] };
    const paths = (s: object) => validateAgainst(s, value).map((p) => p.path);
    expect(paths(hoisted)).toEqual(paths(schema));
    expect(paths(hoisted)).toEqual(expect.arrayContaining(['/rows/1/bytes', '/rows/2/name']));
  });

  it('accepts and rejects exactly what the original schema does', () => {
    const values = [
      { macs: 1, flops: '123456789012345678901', rows: [{ bytes: null, name: 'a' }] },
      { macs: -1, flops: 0, rows: [] },
      { macs: 1, flops: 'x', rows: [] },
      { macs: 1, flops: 2, rows: [{ bytes: 1.5 }] },
      { macs: null, flops: null, rows: [], once: { onlyHereAndLongEnoughToQualify: 'ab' } },
      { macs: 1, flops: 1, rows: [], extra: true },
    ];
    for (const v of values) expect(validateAgainst(hoisted, v).length === 0, JSON.stringify(v)).toBe(validateAgainst(schema, v).length === 0);
    expect(values.map((v) => validateAgainst(hoisted, v).length === 0)).toEqual([true, false, false, false, false, false]);
  });
});
