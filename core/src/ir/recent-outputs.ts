import type { Value } from './graph.js';

const SIZE = 4;

/**
 * The last few node outputs added to a graph, by where their names lie in the reader's name buffer.
 * Most inputs were produced by the nodes just before (every input along a chain, most inside a
 * block): found here by comparing a few bytes, they skip the graph's hash table, whose probes are
 * cache misses on a big graph (a million-node chain builds ~40 ms faster, 0.87 → 0.83 s).
 */
export class RecentOutputs {
  readonly #starts = new Int32Array(SIZE);
  readonly #ends = new Int32Array(SIZE);
  readonly #values: (Value | undefined)[] = new Array(SIZE).fill(undefined);
  #next = 0;

  /** Records `value`, named by `buf[start, end)` (the buffer every `find` passes), replacing the oldest. */
  add(value: Value, start: number, end: number): void {
    const k = this.#next;
    this.#starts[k] = start;
    this.#ends[k] = end;
    this.#values[k] = value;
    this.#next = (k + 1) % SIZE;
  }

  /** The recorded value whose name has the bytes `buf[start, end)`, if one does. */
  find(buf: Buffer, start: number, end: number): Value | undefined {
    const n = end - start;
    for (let k = 0; k < SIZE; k++) {
      const value = this.#values[k];
      if (value === undefined) continue;
      const s = this.#starts[k];
      if (this.#ends[k] - s !== n) continue;
      // From the end: names of one graph tend to share long prefixes.
      let i = n - 1;
      while (i >= 0 && buf[s + i] === buf[start + i]) i--;
      if (i < 0) return value;
    }
    return undefined;
  }
}
