import { describe, expect, it } from 'vitest';
import type { Value } from './graph.js';
import { RecentOutputs } from './recent-outputs.js';

const value = (name: string) => ({ name }) as Value;

describe('RecentOutputs', () => {
  // One buffer of names, as the reader's name columns hold them: "a/x0|a/x1|…".
  const names = ['a/x0', 'a/x1', 'a/x2', 'a/x3', 'a/x4', 'b/x0', 'a/x'];
  const buf = Buffer.from(names.join('|'));
  const range = (i: number): [number, number] => {
    const start = names.slice(0, i).reduce((n, s) => n + s.length + 1, 0);
    return [start, start + names[i].length];
  };

  it('finds a recorded name by its bytes, and nothing for a name of the same length or a prefix', () => {
    const recent = new RecentOutputs();
    const x0 = value('a/x0');
    recent.add(x0, ...range(0));
    expect(recent.find(buf, ...range(0))).toBe(x0);
    expect(recent.find(buf, ...range(5))).toBeUndefined(); // b/x0: same length, differs at the front
    expect(recent.find(buf, ...range(1))).toBeUndefined(); // a/x1: differs at the end
    expect(recent.find(buf, ...range(6))).toBeUndefined(); // a/x: a prefix
    expect(new RecentOutputs().find(buf, ...range(0))).toBeUndefined();
  });

  it('keeps the last four: a fifth replaces the oldest', () => {
    const recent = new RecentOutputs();
    const values = names.slice(0, 5).map(value);
    values.forEach((v, i) => {
      recent.add(v, ...range(i));
    });
    expect(recent.find(buf, ...range(0))).toBeUndefined();
    for (let i = 1; i < 5; i++) expect(recent.find(buf, ...range(i))).toBe(values[i]);
  });
});
