/**
 * A column of optional entries by row number, made on the first entry set: a graph of a million
 * values whose declared types or cached names nobody sets costs nothing for them. A holey array,
 * grown by doubling (`new Array(n)` keeps fast elements in V8; writing far past the end would not).
 */
export class SparseColumn<T> {
  #items: (T | undefined)[] | undefined = undefined;

  /**
   * `capacity`: the rows to make room for when the column first grows, for a column most rows fill
   * once rows past the first few do (cached names: a million-row column grown by doubling copied ~2
   * million entries). The first entries still take only the room they need.
   */
  constructor(private readonly capacity = 0) {}

  get(row: number): T | undefined {
    const items = this.#items;
    return items === undefined || row >= items.length ? undefined : items[row];
  }

  /** Sets the entry and returns it. */
  set(row: number, item: T | undefined): T | undefined {
    let items = this.#items;
    if (items === undefined) {
      if (item === undefined) return item;
      items = this.#items = new Array(row + 1);
    } else if (row >= items.length) {
      if (item === undefined) return item;
      const grown = new Array<T | undefined>(Math.max(row + 1, items.length * 2, row < this.capacity ? this.capacity : 0));
      for (let i = 0; i < items.length; i++) grown[i] = items[i];
      items = this.#items = grown;
    }
    items[row] = item;
    return item;
  }
}
