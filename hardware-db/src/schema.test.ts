import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from './schema.js';

const a10 = JSON.parse(readFileSync(new URL('../devices/a10.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('schemaErrors', () => {
  it('accepts a built-in device file', () => {
    expect(schemaErrors(a10)).toEqual([]);
  });

  it('names each problem by its place in the record, the record itself as (root)', () => {
    const { id: _id, ...withoutId } = a10;
    expect(schemaErrors({ ...withoutId, memoryBytes: -1, bogus: true })).toEqual(
      expect.arrayContaining(["(root) must have required property 'id'", '/memoryBytes must be >= 0', '(root) must NOT have additional properties ("bogus")']),
    );
    expect(schemaErrors('not a device')).toEqual(['(root) must be object']);
  });
});
