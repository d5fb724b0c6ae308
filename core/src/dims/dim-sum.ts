import { add } from './arith.js';
import type { Dim, Expr, Monomial } from './expr.js';
import { accumulate, collect, fromTerms, termsOf } from './poly.js';

/**
 * A running total of Dims, for sums over every node of a graph (FLOPs by op type, bytes by block).
 * Adding one symbolic count at a time with `add` builds a new, ever longer-lived expression per step
 * (`16*batch`, `32*batch`, … a million times); this keeps numbers in a number and counts how often
 * each expression object was added, and forms the canonical sum once, when asked. The result equals
 * the left-to-right `add` of the same values.
 *
 * @example
 * ```ts
 * const total = new DimSum();
 * for (const node of graph.nodes) total.add(flopsOf(node));
 * report.flops = total.value();
 * ```
 */
export class DimSum {
  #number: Dim = 0;
  readonly #times = new Map<Expr, number>();
  /** The expression added last and how often in a row: runs of one count need no Map lookup. */
  #last: Expr | undefined;
  #lastTimes = 0;

  add(d: Dim): void {
    if (typeof d === 'number') this.#number = add(this.#number, d);
    else if (d === this.#last) this.#lastTimes++;
    else {
      this.#flush();
      this.#last = d;
      this.#lastTimes = 1;
    }
  }

  /** The total so far (0 when nothing was added). */
  value(): Dim {
    this.#flush();
    if (this.#times.size === 0) return this.#number;
    // One bag of terms for the whole sum: `mul(e, k)` for each expression and then `sum` of the parts
    // made (and interned, printing each) an expression per part that nothing kept.
    const bag = new Map<string, { coeff: bigint; mono: Monomial }>();
    accumulate(bag, termsOf(this.#number));
    for (const [e, k] of this.#times) accumulate(bag, e.terms, BigInt(k));
    return fromTerms(collect(bag));
  }

  #flush(): void {
    const last = this.#last;
    if (last === undefined) return;
    this.#times.set(last, (this.#times.get(last) ?? 0) + this.#lastTimes);
    this.#last = undefined;
  }
}
