/**
 * The diagnostics of one shapes run, aggregated before they reach the sink: one warning per
 * (domain, opType) for missing rules, one per (code, opType) for rules that failed, one per op type
 * for declared/inferred conflicts — each with a count and the first node as its location.
 */
import { type Diagnostic, dims, groupDigits, isAutodocError, MAX_RANK, type Node } from '@autodoc/core';

/**
 * Longest printed form a dimension or a shape value may have. A chain of Concats of inputs with
 * distinct symbolic sizes gives the k-th output a sum of k symbols: 4,000 nodes took 21 s and
 * 2.5 GB and wrote a 147 MB report. Real dims print in well under 200 characters.
 */
export const MAX_DIM_CHARS = 1000;

interface Entry {
  code: string;
  message: string;
  hint: string;
  node?: Node;
  count: number;
}

const PLUGIN = 'autodoc:shapes';

function location(node: Node): Diagnostic['node'] {
  return { name: node.name, opType: node.opType, domain: node.domain, path: node.graphPath };
}

export class ShapeDiagnostics {
  readonly #entries = new Map<string, Entry>();

  #add(key: string, make: () => Omit<Entry, 'count'>): void {
    const e = this.#entries.get(key);
    if (e) e.count++;
    else this.#entries.set(key, { ...make(), count: 1 });
  }

  /** A node whose (domain, opType) has no shape rule. */
  unknownOp(node: Node): void {
    this.#add(`U\0${node.domain}\0${node.opType}`, () => ({
      code: 'SHAPE_UNKNOWN_OP',
      message: `No shape rule for ${node.domain}::${node.opType}; the outputs of its nodes have unknown shapes unless the model declares them.`,
      hint: 'Add a plugin that defines this op (defineOp with a shape rule), or declare its output shapes in the model (value_info).',
      node,
    }));
  }

  /** A shape rule that threw: coded errors keep their code; anything else is a rule bug. */
  ruleFailed(node: Node, error: unknown): void {
    const coded = isAutodocError(error);
    const code = coded ? error.code : 'SHAPE_RULE_FAILED';
    this.#add(`F\0${code}\0${node.domain}\0${node.opType}`, () => ({
      code,
      message: coded
        ? error.message
        : `The shape rule of ${node.domain}::${node.opType} failed on "${node.name}": ${error instanceof Error ? error.message : String(error)}`,
      hint: coded ? error.hint : 'A bug in the op definition; please report it. The outputs are left unknown.',
      node,
    }));
  }

  /** A tensor whose rank is past MAX_RANK: its shape is treated as unknown (one warning per run). */
  rankLimit(name: string, rank: number): void {
    this.#add('K', () => ({
      code: 'SHAPE_RANK_LIMIT',
      message: `Tensor "${name.length > 80 ? `${name.slice(0, 80)}…` : name}" has rank ${groupDigits(rank)}, past the ${groupDigits(MAX_RANK)} this analysis follows; its shape is treated as unknown.`,
      hint: 'No real model has such a rank; the file is malformed or hostile.',
    }));
  }

  /** A rule produced a dim no tensor can have (negative, fractional, NaN): the shape is dropped. */
  invalidDim(node: Node, name: string, dim: number): void {
    this.#add(`D\0${node.domain}\0${node.opType}`, () => ({
      code: 'SHAPE_INVALID_DIM',
      message: `${node.opType} "${node.name}" would give "${name}" a dim of ${dim}; its shape is left unknown.`,
      hint: 'The node\'s attributes or constant inputs are invalid (e.g. a negative shape); the model will fail at run time.',
      node,
    }));
  }

  /** A rule produced a dim too long to keep (see MAX_DIM_CHARS): the shape is dropped. */
  expressionLimit(node: Node, name: string, chars: number): void {
    this.#add(`L\0${node.domain}\0${node.opType}`, () => {
      // The code and hint of the dims library's own limit (min/max arguments), one wording for both.
      const { code, message, hint } = dims.expressionLimitError(
        `${node.opType} "${node.name}" would give "${name}" a dim of ${groupDigits(chars)} characters, past the ${groupDigits(MAX_DIM_CHARS)} this analysis keeps symbolic; its shape is left unknown.`,
      );
      return { code, message, hint, node };
    });
  }

  /** A declared type that disagrees with the inferred one. */
  conflict(node: Node | undefined, name: string, declared: string, inferred: string, used: 'inferred' | 'declared'): void {
    if (!node) return;
    this.#add(`C\0${node.domain}\0${node.opType}`, () => ({
      code: 'SHAPE_CONFLICT',
      message: `The model declares "${name}" (output of ${node.opType}) as ${declared} but inference gives ${inferred}; the ${used} one is used.`,
      hint:
        used === 'inferred'
          ? 'The exporter wrote a stale value_info; pass --trust-model-shapes to prefer the declared shapes.'
          : 'Declared shapes are trusted (--trust-model-shapes).',
      node,
    }));
  }

  /** A model-local function that calls itself (directly or not) deeper than the limit. */
  recursion(node: Node, depth: number): void {
    this.#add(`R\0${node.domain}\0${node.opType}`, () => ({
      code: 'SHAPE_FUNCTION_RECURSION',
      message: `Model-local function ${node.domain}::${node.opType} nests deeper than ${depth} calls; its outputs are left unknown.`,
      hint: 'Functions must not be recursive; check the exporter.',
      node,
    }));
  }

  list(): Diagnostic[] {
    return [...this.#entries.values()].map((e) => ({
      code: e.code,
      severity: 'warning',
      message: e.message,
      hint: e.hint,
      plugin: PLUGIN,
      ...(e.node ? { node: location(e.node) } : {}),
      ...(e.count > 1 ? { count: e.count } : {}),
    }));
  }

  /** Counts per code (for tests and summaries). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.#entries.values()) out[e.code] = (out[e.code] ?? 0) + e.count;
    return out;
  }
}
