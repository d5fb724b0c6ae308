import type { DiagnosticSink } from '../plugin/contexts.js';
import type { Diagnostic } from './diagnostic.js';

/** Aggregates repeats: the same code + message + node becomes one entry whose `count` adds up. */
export function createDiagnosticSink(): DiagnosticSink {
  const entries = new Map<string, Diagnostic>();
  return {
    add(d) {
      const key = `${d.code}\u0000${d.message}\u0000${d.node?.name ?? ''}`;
      const existing = entries.get(key);
      if (existing) {
        entries.set(key, { ...existing, count: (existing.count ?? 1) + (d.count ?? 1) });
      } else {
        entries.set(key, d);
      }
    },
    list() {
      const order = { error: 0, warning: 1, info: 2 } as const;
      return [...entries.values()].sort((a, b) => order[a.severity] - order[b.severity]);
    },
  };
}
