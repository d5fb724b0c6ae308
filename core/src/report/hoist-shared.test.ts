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
    expect(Object.keys(hoisted.$defs)).toHaveLength(1);
    expect(hoisted.properties.macs).toEqual(hoisted.properties.flops);
    expect(hoisted.properties.macs).toHaveProperty('$ref');
    expect(hoisted.properties.once).toEqual(schema.properties.once);
    expect(schema.properties.macs).toBe(figure); // the input is not modified
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
