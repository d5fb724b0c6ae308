/**
 * The k highest-scoring items of a stream, in the order a stable descending sort would give (ties:
 * first offered first), without keeping or sorting the rest. Largest tensors and FLOP hotspots of a
 * million-node graph used to build and sort a million rows to keep ten.
 */
export class TopK<T> {
  readonly #k: number;
  readonly #items: { score: number; item: T }[] = [];

  constructor(k: number) {
    this.#k = k;
  }

  /** Offers a candidate; `make` runs only when it makes the top k. */
  offer(score: number, make: () => T): void {
    const items = this.#items;
    if (this.#k <= 0 || (items.length === this.#k && score <= items[items.length - 1].score)) return;
    let at = items.length;
    while (at > 0 && items[at - 1].score < score) at--;
    items.splice(at, 0, { score, item: make() });
    if (items.length > this.#k) items.pop();
  }

  /** The kept items, highest score first. */
  values(): T[] {
    return this.#items.map((e) => e.item);
  }
}
