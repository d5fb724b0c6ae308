import { describe, expect, it } from 'vitest';
import { format, SymbolTable } from './index.js';

describe('SymbolTable', () => {
  it('numbers fresh unknowns per table', () => {
    const t = new SymbolTable();
    expect(format(t.fresh())).toBe('unk__0');
    expect(format(t.fresh())).toBe('unk__1');
    expect(format(new SymbolTable().fresh())).toBe('unk__0'); // no shared counter between runs
  });

  it('skips names the model already uses and keeps prefixes apart', () => {
    const t = new SymbolTable(['unk__0', 'unk__2']);
    expect(format(t.fresh())).toBe('unk__1');
    expect(format(t.fresh())).toBe('unk__3');
    expect(format(t.fresh('seq'))).toBe('seq__0');
    t.declare('batch');
    expect(t.has('batch')).toBe(true);
    expect(t.names()).toEqual(['batch', 'seq__0', 'unk__0', 'unk__1', 'unk__2', 'unk__3']);
  });
});
