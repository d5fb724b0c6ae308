import { describe, expect, it } from 'vitest';
import type { Value } from './graph.js';
import { ValueIndex } from './value-index.js';

const value = (name: string): Value => ({ name, kind: 'intermediate', declared: undefined, type: undefined, value: undefined, initializer: undefined, producer: undefined, consumers: [] });

/** `name` as UTF-8 bytes somewhere inside a larger buffer, as the reader's name columns hold them. */
function inBuffer(name: string): { buf: Buffer; start: number; end: number } {
  const bytes = Buffer.from(name, 'utf8');
  const buf = Buffer.concat([Buffer.from('padding:'), bytes, Buffer.from(':more')]);
  return { buf, start: 8, end: 8 + bytes.length };
}

/** Every name's UTF-8 bytes in one buffer, with a separator between them, and where each lies. */
function oneBuffer(names: readonly string[]): { buf: Buffer; ranges: [number, number][] } {
  const parts: Buffer[] = [];
  const ranges: [number, number][] = [];
  let at = 0;
  for (const name of names) {
    const bytes = Buffer.from(name, 'utf8');
    parts.push(bytes, Buffer.from('|'));
    ranges.push([at, at + bytes.length]);
    at += bytes.length + 1;
  }
  return { buf: Buffer.concat(parts), ranges };
}

/** A value whose `name` must not be read: the index has to work from the bytes it was given. */
function bytesOnly(): Value {
  return {
    get name(): string {
      throw new Error('name read');
    },
    kind: 'intermediate',
    declared: undefined,
    type: undefined,
    value: undefined,
    initializer: undefined,
    producer: undefined,
    consumers: [],
  };
}

describe('ValueIndex', () => {
  it('finds every value by string and by bytes, through many growth steps, and keeps insertion order', () => {
    const index = new ValueIndex(1);
    const names = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? `ü/${i}` : `t${i}`));
    const { buf: nameBytes, ranges } = oneBuffer(names);
    for (const [i, name] of names.entries()) {
      const v = value(name);
      if (i % 2 === 0) expect(index.add(v)).toBe(true);
      else expect(index.addBytes(v, nameBytes, ...ranges[i])).toBeUndefined();
    }
    expect(index.size).toBe(names.length);
    for (const name of names) {
      expect(index.get(name)?.name).toBe(name);
      const { buf, start, end } = inBuffer(name);
      expect(index.getBytes(buf, start, end)?.name).toBe(name);
    }
    expect([...index.keys()]).toEqual(names);
    expect([...index.values()].map((v) => v.name)).toEqual(names);
    expect([...index].map(([k, v]) => k === v.name && k)).toEqual(names);
  });

  it('keys a value added by bytes by those bytes: found and named without reading value.name', () => {
    const names = ['x', 'y/z', '名前', 'Ã©', 'é'];
    const { buf, ranges } = oneBuffer(names);
    const index = new ValueIndex();
    const added = names.map((_, i) => {
      const v = bytesOnly();
      expect(index.addBytes(v, buf, ...ranges[i])).toBeUndefined();
      return v;
    });
    names.forEach((name, i) => {
      expect(index.get(name)).toBe(added[i]);
      expect(index.getBytes(buf, ...ranges[i])).toBe(added[i]);
      const { buf: elsewhere, start, end } = inBuffer(name);
      expect(index.getBytes(elsewhere, start, end)).toBe(added[i]);
      expect(index.nameAt(i)).toBe(name);
    });
    expect(index.get('y')).toBeUndefined();
    expect(index.addBytes(bytesOnly(), buf, ...ranges[2])).toBe(added[2]);
  });

  it('takes names as bytes from one buffer only, and no empty name', () => {
    const index = new ValueIndex();
    const a = inBuffer('a');
    expect(() => index.addBytes(value(''), a.buf, 3, 3)).toThrow(/empty name/);
    index.addBytes(value('a'), a.buf, a.start, a.end);
    const b = inBuffer('b');
    expect(() => index.addBytes(value('b'), b.buf, b.start, b.end)).toThrow(/second buffer/);
  });

  it('refuses a name twice, by string or by bytes, and hands back the value that has it', () => {
    const index = new ValueIndex();
    const first = value('x');
    index.add(first);
    expect(index.add(value('x'))).toBe(false);
    const { buf, start, end } = inBuffer('x');
    expect(index.addBytes(value('x'), buf, start, end)).toBe(first);
    expect(index.size).toBe(1);
  });

  it('tells apart names that share a prefix, differ in length, or differ only past ASCII', () => {
    const index = new ValueIndex();
    for (const name of ['a', 'ab', 'abc', 'é', 'e', 'Ã©', '']) index.add(value(name));
    for (const name of ['a', 'ab', 'abc', 'é', 'e', 'Ã©', '']) {
      expect(index.get(name)?.name).toBe(name);
      const { buf, start, end } = inBuffer(name);
      expect(index.getBytes(buf, start, end)?.name).toBe(name);
    }
    // 'Ã©' is two chars whose codes equal the two UTF-8 bytes of 'é': the bytes of 'é' must not find it.
    const { buf, start, end } = inBuffer('é');
    expect(index.getBytes(buf, start, end)?.name).toBe('é');
    for (const missing of ['abcd', 'b', 'ée', 'A']) {
      expect(index.get(missing)).toBeUndefined();
      expect(index.has(missing)).toBe(false);
    }
  });

  it('gives the value added n-th by its number', () => {
    const index = new ValueIndex();
    const added = ['a', 'b', 'c'].map((name) => value(name));
    for (const v of added) index.add(v);
    expect(added.map((_, n) => index.at(n))).toEqual(added);
    expect(index.at(3)).toBeUndefined();
  });

  it('behaves as a ReadonlyMap: forEach, entries and the Map it replaced agree', () => {
    const index = new ValueIndex();
    const map = new Map<string, Value>();
    for (const name of ['x', 'y/z', '名前']) {
      const v = value(name);
      index.add(v);
      map.set(name, v);
    }
    const seen: string[] = [];
    index.forEach((v, k, m) => {
      expect(m).toBe(index);
      seen.push(`${k}=${v.name}`);
    });
    expect(seen).toEqual([...map].map(([k, v]) => `${k}=${v.name}`));
    expect([...index.entries()]).toEqual([...map.entries()]);
    expect(index.size).toBe(map.size);
  });
});
