import type { JsonSchema } from '../plugin/contributions.js';

/** Keywords that say nothing about validity. */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
/**
 * Keywords that constrain instances of every type. All other validation keywords (minimum, pattern,
 * items, properties, …) apply only to instances of their own type, which is what makes the merge
 * below exact.
 */
const TYPE_AGNOSTIC = new Set(['const', 'enum', 'allOf', 'anyOf', 'oneOf', 'not', '$ref', '$dynamicRef', 'if', 'then', 'else', 'type']);

type Node = Record<string, unknown>;

/**
 * Rewrites the unions TypeBox emits all over the report schema into single nodes that validate
 * without allocating, accepting exactly the same values:
 *
 * - nested unions are flattened: `anyOf: [{anyOf: [A, B]}, C]` → `anyOf: [A, B, C]`;
 * - a union of string constants becomes an enum: `{type: 'string', enum: [a, b, …]}`;
 * - a union of branches of pairwise different types, each with its own type's keywords only,
 *   becomes one node: `anyOf: [{type: 'integer', minimum: 0}, {type: 'string', pattern}, {type: 'null'}]`
 *   → `{type: ['integer', 'string', 'null'], minimum: 0, pattern}` (a count: a number, a decimal
 *   string beyond 2^53, or null). JSON Schema applies `minimum` only to numbers and `pattern` only to
 *   strings, so each value meets the same checks as in its branch.
 *
 * Why: ajv records an error object for every failed `anyOf` branch even when a later branch passes,
 * so a million layer rows with four nullable counts each made millions of throw-away errors.
 * Anything else is left as it is. Returns a new schema; the input is not modified.
 */
export function simplifyUnions(schema: JsonSchema): JsonSchema {
  return rewrite(schema) as JsonSchema;
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!isPlainObject(node)) return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) out[k] = rewrite(v);
  if (!Array.isArray(out.anyOf) || !out.anyOf.every(isPlainObject)) return out;
  const branches = flatten(out.anyOf as Node[]);
  const { anyOf: _, ...rest } = out;
  const merged = Object.keys(rest).every((k) => ANNOTATIONS.has(k)) ? (stringEnum(branches) ?? mergeByType(branches)) : undefined;
  return merged ? { ...rest, ...merged } : { ...rest, anyOf: branches };
}

/** Splices the branches of branches that are themselves bare unions. */
function flatten(branches: Node[]): Node[] {
  return branches.flatMap((b) => (Array.isArray(b.anyOf) && b.anyOf.every(isPlainObject) && Object.keys(b).every((k) => k === 'anyOf' || ANNOTATIONS.has(k)) ? flatten(b.anyOf as Node[]) : [b]));
}

function stringEnum(branches: Node[]): Node | undefined {
  const isConst = (b: Node) => b.type === 'string' && typeof b.const === 'string' && Object.keys(b).every((k) => k === 'type' || k === 'const' || ANNOTATIONS.has(k));
  return branches.length >= 2 && branches.every(isConst) ? { type: 'string', enum: branches.map((b) => b.const) } : undefined;
}

function mergeByType(branches: Node[]): Node | undefined {
  if (branches.length < 2) return undefined;
  const types: string[] = [];
  const merged: Node = {};
  for (const b of branches) {
    // A branch merged earlier (bottom-up) already carries a list of types.
    const own = typeof b.type === 'string' ? [b.type] : Array.isArray(b.type) && b.type.every((t) => typeof t === 'string') ? (b.type as string[]) : undefined;
    if (!own || own.some((t) => types.includes(t))) return undefined;
    types.push(...own);
    for (const [k, v] of Object.entries(b)) {
      if (ANNOTATIONS.has(k) || k === 'type') continue;
      if (TYPE_AGNOSTIC.has(k) || k in merged) return undefined;
      merged[k] = v;
    }
  }
  // 'integer' is a subset of 'number': a `minimum` meant for one would bind the other.
  if (types.includes('integer') && types.includes('number')) return undefined;
  return { type: types, ...merged };
}

function isPlainObject(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
