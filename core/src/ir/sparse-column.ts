/**
 * Rows set so far past the array's filled part that growing it would mostly make holes go to a Map:
 * a row counts as far when it lies beyond FAR_FACTOR × (entries, in the array or the Map, + 1) + FAR_SLACK.
 */
const FAR_FACTOR = 4;
const FAR_SLACK = 1024;
/** Entries set before the array jumps to its capacity (a column being filled row after row). */
const DENSE_AFTER = 1024;

/**
 * A column of optional entries by row number, made on the first entry set: a graph of a million
 * values whose declared types or cached names nobody sets costs nothing for them. A holey array,
 * grown by doubling (`new Array(n)` keeps fast elements in V8; writing far past the end would not).
 *
 * A few rows spread over a large graph (the memory timeline's 2,000 points naming nodes across a
 * million, the largest tensors) go to a Map instead: growing the array to reach each of them made
 * and copied million-slot arrays, ~20–40 ms of a million-node run for 2,000 names.
 */
export class SparseColumn<T> {
  #items: (T | undefined)[] | undefined = undefined;
  #far: Map<number, T> | undefined = undefined;
  /** Entries the array holds. */
  #set = 0;

  /**
   * `capacity`: the rows to make room for once the column is being filled (DENSE_AFTER entries),
   * for a column most rows fill once rows past the first few do (cached names: a million-row
   * column grown by doubling copied ~2 million entries). The first entries take only the room they need.
   */
  constructor(private readonly capacity = 0) {}

  get(row: number): T | undefined {
    const items = this.#items;
    const item = items === undefined || row >= items.length ? undefined : items[row];
    return item !== undefined || this.#far === undefined ? item : this.#far.get(row);
  }

  /** Sets the entry and returns it. */
  set(row: number, item: T | undefined): T | undefined {
    const far = this.#far;
    if (far?.has(row)) {
      if (item === undefined) far.delete(row);
      else far.set(row, item);
      return item;
    }
    let items = this.#items;
    const length = items === undefined ? 0 : items.length;
    if (row >= length) {
      if (item === undefined) return item;
      // Map entries count too: a column filled row after row from a high row moves on to the
      // array once its rows are dense enough.
      if (row > FAR_FACTOR * (this.#set + (far?.size ?? 0) + 1) + FAR_SLACK) {
        (this.#far ??= new Map()).set(row, item);
        return item;
      }
      const room = this.#set >= DENSE_AFTER && row < this.capacity ? this.capacity : 0;
      const grown = new Array<T | undefined>(Math.max(row + 1, length * 2, room));
      for (let i = 0; i < length; i++) grown[i] = (items as (T | undefined)[])[i];
      items = this.#items = grown;
    }
    const target = items as (T | undefined)[];
    const had = target[row] !== undefined;
    if (item !== undefined && !had) this.#set++;
    else if (item === undefined && had) this.#set--;
    target[row] = item;
    return item;
  }
}
