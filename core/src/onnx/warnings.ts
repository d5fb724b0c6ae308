/**
 * Collects the reader's non-fatal findings, aggregating repeats of (code, message) into one
 * diagnostic with a count, so a model with a million odd dims yields one line, not a million.
 */
import { type Code, codes } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export class Warnings {
  private readonly entries = new Map<string, { code: Code; message: string; hint: string; count: number }>();

  /**
   * Adds one occurrence. Keep `message` free of per-occurrence details so repeats aggregate, or pass
   * `group`: occurrences with the same code and group aggregate, and the first message (naming one
   * example) is kept.
   */
  add(code: Code, message: string, hint: string, group: string = message): void {
    const key = `${code}\u0000${group}`;
    const e = this.entries.get(key);
    if (e) e.count++;
    else this.entries.set(key, { code, message, hint, count: 1 });
  }

  /** The aggregated diagnostics in first-seen order. */
  list(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const e of this.entries.values()) {
      const d: Diagnostic = { code: e.code, severity: codes[e.code].severity, message: e.message, hint: e.hint };
      out.push(e.count > 1 ? { ...d, count: e.count } : d);
    }
    return out;
  }
}
