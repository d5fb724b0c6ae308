import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { normalizeDomain, type OpDefinition } from './define-op.js';

/** Lookups remembered (see OpRegistry.#recent). */
const RECENT_LOOKUPS = 8;

/**
 * Op definitions looked up by (domain, opType) and the model's opset: the definition used is the one
 * with the highest `since` ≤ the opset. Later registrations replace earlier ones with the same
 * (domain, opType, since) — that is how user config overrides plugins, and plugins override built-ins.
 */
export class OpRegistry {
  /**
   * Definitions by domain, then op type, each list by ascending `since`. Two maps rather than one
   * keyed by `domain + opType`: a lookup runs for every node in several stages, and the key string
   * it made (and hashed) each time was ~3% of a million-node run.
   */
  private readonly byDomain = new Map<string, Map<string, OpDefinition[]>>();
  private readonly overrides: Diagnostic[] = [];
  /**
   * The last lookups' answers, newest overwriting the oldest: a graph interleaves a few op kinds
   * node after node, and each node is looked up in several stages (two Map lookups each, ~50 ns).
   * A node's op type and domain strings are its op kind's, so the comparisons are by identity.
   */
  readonly #recent: { domain: string; opType: string; opset: number; found: OpDefinition | undefined }[] = [];
  #nextRecent = 0;

  register(definition: OpDefinition, origin: string): void {
    this.#recent.length = 0;
    this.#nextRecent = 0;
    let byOp = this.byDomain.get(definition.domain);
    if (!byOp) this.byDomain.set(definition.domain, (byOp = new Map()));
    const list = byOp.get(definition.opType) ?? [];
    const same = list.findIndex((d) => d.since === definition.since);
    if (same >= 0) {
      list[same] = definition;
      this.overrides.push({
        code: 'OP_DEFINITION_OVERRIDDEN',
        severity: 'info',
        message: `${definition.domain}::${definition.opType} (since ${definition.since}) is defined again by ${origin}; the later definition is used.`,
        hint: 'Expected when a config or plugin overrides a built-in rule on purpose.',
      });
    } else {
      list.push(definition);
      list.sort((a, b) => a.since - b.since);
    }
    byOp.set(definition.opType, list);
  }

  /** The definition in force for `opset`, or undefined when none applies. */
  lookup(domain: string, opType: string, opset: number): OpDefinition | undefined {
    const recent = this.#recent;
    for (let i = 0; i < recent.length; i++) {
      const r = recent[i];
      if (r.opType === opType && r.domain === domain && r.opset === opset) return r.found;
    }
    const found = this.#inForce(domain, opType, opset);
    recent[this.#nextRecent] = { domain, opType, opset, found };
    this.#nextRecent = (this.#nextRecent + 1) % RECENT_LOOKUPS;
    return found;
  }

  #inForce(domain: string, opType: string, opset: number): OpDefinition | undefined {
    const list = this.#versions(domain, opType);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].since <= opset) return list[i];
    return undefined;
  }

  /** The newest definition regardless of opset (for rules of ops whose opset is unknown). */
  latest(domain: string, opType: string): OpDefinition | undefined {
    const list = this.#versions(domain, opType);
    return list?.[list.length - 1];
  }

  /** Every definition: by domain, then op type, in the order each was first registered; versions by `since`. */
  all(): OpDefinition[] {
    return [...this.byDomain.values()].flatMap((byOp) => [...byOp.values()].flat());
  }

  overrideDiagnostics(): readonly Diagnostic[] {
    return this.overrides;
  }

  #versions(domain: string, opType: string): OpDefinition[] | undefined {
    return this.byDomain.get(normalizeDomain(domain))?.get(opType);
  }
}
