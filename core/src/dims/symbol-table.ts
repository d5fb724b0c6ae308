import { sym } from './arith.js';
import type { Expr } from './expr.js';

/**
 * The symbols of one run: the model's own dim_params, and fresh unknowns (`unk__0`, `unk__1`, …) for
 * dims nothing determines. One table per run, so two analyses never share a counter; fresh names skip
 * any name already declared, so a model that itself uses `unk__0` keeps it.
 */
export class SymbolTable {
  readonly #names = new Set<string>();
  readonly #counters = new Map<string, number>();

  /** @param names symbols already in use (e.g. the model's dim_params). */
  constructor(names: Iterable<string> = []) {
    for (const n of names) this.#names.add(n);
  }

  /** Registers a model symbol and returns it as an Expr. */
  declare(name: string): Expr {
    const e = sym(name);
    this.#names.add(name);
    return e;
  }

  /** A new symbol `${prefix}__N` not used before in this table. */
  fresh(prefix = 'unk'): Expr {
    let n = this.#counters.get(prefix) ?? 0;
    let name = `${prefix}__${n}`;
    while (this.#names.has(name)) name = `${prefix}__${++n}`;
    this.#counters.set(prefix, n + 1);
    this.#names.add(name);
    return sym(name);
  }

  has(name: string): boolean {
    return this.#names.has(name);
  }

  /** Every declared or fresh name, sorted. */
  names(): string[] {
    return [...this.#names].sort();
  }
}
