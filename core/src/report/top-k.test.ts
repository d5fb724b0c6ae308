import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.js';

describe('TopK', () => {
  it('keeps what a stable descending sort keeps, and builds only admitted items', () => {
    const scores = [5, 1, 9, 5, 7, 9, 0, 5];
    const top = new TopK<string>(4);
    let made = 0;
    for (const [i, s] of scores.entries()) {
      top.offer(s, () => {
        made++;
        return `${s}@${i}`;
      });
    }
    const sorted = scores.map((s, i) => ({ s, label: `${s}@${i}` })).sort((a, b) => b.s - a.s);
    expect(top.values()).toEqual(sorted.slice(0, 4).map((x) => x.label)); // 9@2, 9@5, 7@4, 5@0
    expect(top.values()).toEqual(['9@2', '9@5', '7@4', '5@0']);
    expect(made).toBeLessThan(scores.length); // 1@1, 5@3, 0@6 and 5@7 were never built
  });

  it('handles k = 0 and fewer items than k', () => {
    const none = new TopK<number>(0);
    none.offer(1, () => 1);
    expect(none.values()).toEqual([]);
    const few = new TopK<number>(3);
    few.offer(2, () => 2);
    few.offer(3, () => 3);
    expect(few.values()).toEqual([3, 2]);
  });
});
