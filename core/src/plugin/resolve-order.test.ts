import { describe, expect, it } from 'vitest';
import { orderByRequires } from './resolve-order.js';

describe('orderByRequires', () => {
  it('puts required plugins first and keeps registration order otherwise', () => {
    const order = orderByRequires([{ name: 'memory', requires: ['flops'] }, { name: 'shapes' }, { name: 'flops', requires: ['shapes'] }, { name: 'json' }]);
    expect(order.map((p) => p.name)).toEqual(['shapes', 'flops', 'memory', 'json']);
  });

  it('names a missing requirement', () => {
    expect(() => orderByRequires([{ name: 'memory', requires: ['flops'] }])).toThrowError(expect.objectContaining({ code: 'PLUGIN_REQUIRES_MISSING', message: expect.stringContaining('"flops"') }));
  });

  it('names a cycle', () => {
    expect(() => orderByRequires([{ name: 'a', requires: ['b'] }, { name: 'b', requires: ['a'] }])).toThrowError(expect.objectContaining({ code: 'PLUGIN_REQUIRES_CYCLE', message: expect.stringContaining('a -> b -> a') }));
  });
});
