import { describe, expect, it } from 'vitest';
import { simplifyUnions } from './simplify-unions.js';
import { validateAgainst } from './validator.js';

const count = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^[0-9]+$' }] };
const schema = {
  type: 'object',
  properties: {
    macs: { anyOf: [count, { type: 'null' }], description: 'a count or null' },
    status: { anyOf: [{ type: 'string', const: 'counted' }, { type: 'string', const: 'free' }] },
    name: { anyOf: [{ type: 'string', minLength: 2 }, { type: 'null' }] },
    // Not simplified: integer and number overlap; a const branch; the node has its own keywords.
    ratio: { anyOf: [{ type: 'integer', minimum: 5 }, { type: 'number', maximum: 1 }] },
    kind: { anyOf: [{ type: 'string', const: 'a' }, { type: 'null' }] },
    list: { type: 'array', anyOf: [{ type: 'array', minItems: 1 }, { type: 'null' }] },
  },
};

describe('simplifyUnions', () => {
  const simple = simplifyUnions(schema) as { properties: Record<string, unknown> };

  it('turns nullable counts into one typed node and string constants into an enum; leaves the rest', () => {
    expect(simple.properties.macs).toEqual({ description: 'a count or null', type: ['integer', 'string', 'null'], minimum: 0, pattern: '^[0-9]+$' });
    expect(simple.properties.status).toEqual({ type: 'string', enum: ['counted', 'free'] });
    expect(simple.properties.name).toEqual({ type: ['string', 'null'], minLength: 2 });
    expect(simple.properties.ratio).toEqual(schema.properties.ratio);
    expect(simple.properties.kind).toEqual(schema.properties.kind);
    expect(simple.properties.list).toEqual(schema.properties.list);
    expect(schema.properties.macs.anyOf[0]).toBe(count); // the input is not modified
  });

  it('accepts and rejects exactly what the original schema does', () => {
    const samples = [0, 7, -1, 1.5, '12', '1x', '', 'counted', 'free', 'other', 'a', 'ab', null, true, [], [1], {}];
    for (const key of Object.keys(schema.properties)) {
      for (const value of samples) {
        const v = { [key]: value };
        expect(validateAgainst(simple, v).length === 0, `${key}: ${JSON.stringify(value)}`).toBe(validateAgainst(schema, v).length === 0);
      }
    }
  });
});
