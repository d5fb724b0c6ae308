import type { JsonSchema } from '../plugin/contributions.js';

/**
 * Subschemas shorter than this (as JSON) stay inline: a `$ref` would not pay for itself, and each
 * call of a shared validator allocates its arguments (a million layer rows × four counts).
 */
const MIN_HOISTED_CHARS = 100;

/** Keywords whose value is one subschema, and those whose value is a list or map of them (2020-12). */
const ONE = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

/**
 * Moves every subschema that occurs more than once (a count, a tensor, a shape…) into `$defs` and
 * refers to it with `$ref`. The composed report schema repeats such parts hundreds of times, and
 * ajv generated ~1.2 MB of validator code for its 47 KB, most of it the same checks over and over;
 * with shared parts as definitions it compiles each once. Validation is unchanged: a `$ref` to a
 * copy of the subschema accepts exactly what the subschema did (the schema has no `$id`/`$ref` of
 * its own to be re-based). Inner repeats inside a hoisted part are hoisted too.
 *
 * Tables get a definition of their own too: an array whose rows have a long schema (`layers[]`,
 * `graph.tensors[]`, …), with the row schema inline in it even when the row is shared. ajv compiles
 * a definition into a function, so the loop over the rows runs in a small function V8 optimises.
 * Inside the root validator (half a megabyte of code, run once per report and never optimised) the
 * million-node report's validation took ~0.75 s (profile), with its tables in functions of their own
 * ~0.12 s; a 100k-node report 52 → 11 ms (warm). A row behind a `$ref` would cost a call and its
 * arguments per row instead.
 */
export function hoistSharedSubschemas(root: JsonSchema): JsonSchema {
  const counts = new Map<string, number>();
  const keyOf = new Map<object, string>();
  forEachSubschema(root, (node) => {
    const key = JSON.stringify(node);
    keyOf.set(node, key);
    if (key.length >= MIN_HOISTED_CHARS) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const defs: Record<string, unknown> = {};
  const nameOf = new Map<string, string>();
  /** `inline`: keep this node in place even when shared (a table's row schema). */
  const rewrite = (node: unknown, isRoot = false, inline = false): unknown => {
    if (!isPlainObject(node)) return node;
    const key = keyOf.get(node);
    const shared = !isRoot && !inline && key !== undefined && (counts.get(key) ?? 0) > 1;
    const table = !isRoot && key !== undefined && isTable(node, keyOf);
    if (shared || table) {
      const known = nameOf.get(key);
      if (known) return { $ref: `#/$defs/${known}` };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (ONE.includes(k)) out[k] = rewrite(v, false, k === 'items');
      else if (LIST.includes(k) && Array.isArray(v)) out[k] = v.map((s) => rewrite(s));
      else if (MAP.includes(k) && isPlainObject(v)) out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, rewrite(s)]));
      else out[k] = v;
    }
    if (!shared && !table) return out;
    const name = `${shared ? 'shared' : 'table'}${nameOf.size + 1}`;
    nameOf.set(key as string, name);
    defs[name] = out;
    return { $ref: `#/$defs/${name}` };
  };
  const result = rewrite(root, true) as Record<string, unknown>;
  if (nameOf.size === 0) return root;
  return { ...result, $defs: { ...(result.$defs as Record<string, unknown> | undefined), ...defs } };
}

/** An array schema whose row schema is long enough to be worth a function of its own. */
function isTable(node: Record<string, unknown>, keyOf: ReadonlyMap<object, string>): boolean {
  const items = node.items;
  return isPlainObject(items) && (keyOf.get(items)?.length ?? 0) >= MIN_HOISTED_CHARS;
}

/** Calls `visit` on every subschema below the root (not the root itself), parents before children. */
function forEachSubschema(root: unknown, visit: (node: object) => void): void {
  const stack: unknown[] = [...children(root)];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isPlainObject(node)) continue;
    visit(node);
    stack.push(...children(node));
  }
}

function children(node: unknown): unknown[] {
  if (!isPlainObject(node)) return [];
  const out: unknown[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (ONE.includes(k)) out.push(v);
    else if (LIST.includes(k) && Array.isArray(v)) out.push(...v);
    else if (MAP.includes(k) && isPlainObject(v)) out.push(...Object.values(v));
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
