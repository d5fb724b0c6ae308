import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { JsonSchema } from '../plugin/contributions.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = ((ajvFormatsModule as unknown as { default?: unknown }).default ?? ajvFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** One Ajv instance per process: compiling schemas is the slow part, validating is cheap. */
let shared: Ajv2020 | undefined;

export function ajv(): Ajv2020 {
  if (!shared) {
    shared = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
    addFormats(shared);
  }
  return shared;
}

export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

/** Validates `value` against `schema`; returns the problems with JSON-pointer-ish paths (`/plugins/0`). */
const compiled = new WeakMap<object, ReturnType<Ajv2020['compile']>>();

export function validateAgainst(schema: JsonSchema, value: unknown): SchemaProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv().compile(schema as Record<string, unknown>);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || '/',
    message: `${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}`,
  }));
}

/** Throws a coded error naming the first few offending keys. */
export function assertValid(schema: JsonSchema, value: unknown, code: string, subject: string, hint: string): void {
  const problems = validateAgainst(schema, value);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 3).map((p) => `${p.path} ${p.message}`).join('; ');
  const more = problems.length > 3 ? ` (+${problems.length - 3} more)` : '';
  throw new AutodocError(code, `${subject} is invalid: ${shown}${more}.`, hint);
}
