import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { JsonSchema } from '../plugin/contributions.js';
import { monotonicMs } from '../system/clock.js';
import { cacheFile, writeCached } from './cache-file.js';
import { loadWithCodeCache } from './code-cache.js';

type ValidateFunction = ReturnType<Ajv2020['compile']>;

const require = createRequire(import.meta.url);

/** A CommonJS module's `exports.default`, or the module itself. */
const defaultExport = <T>(module: unknown): T => ((module as { default?: unknown }).default ?? module) as T;

/** One Ajv instance per process: compiling schemas is the slow part, validating is cheap. */
let shared: Ajv2020 | undefined;

/**
 * The shared Ajv (draft 2020-12, formats). Ajv itself is loaded on first use: a run whose validators
 * all come from the disk cache (see compiledValidator) never loads its ~240 KB compiler.
 */
export function ajv(): Ajv2020 {
  if (!shared) {
    const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    // `code.source` keeps the generated code so it can be cached on disk (see compiledValidator).
    // `inlineRefs: false`: a shared definition compiles to one function, not a copy per use.
    shared = new AjvClass({ allErrors: true, strict: false, allowUnionTypes: true, inlineRefs: false, code: { source: true } });
    defaultExport<(ajv: Ajv2020) => Ajv2020>(require('ajv-formats'))(shared);
  }
  return shared;
}

function standaloneCode(validate: ValidateFunction): string {
  return defaultExport<(ajv: Ajv2020, validate: ValidateFunction) => string>(require('ajv/dist/standalone/index.js'))(ajv(), validate);
}

export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

const compiled = new WeakMap<object, ValidateFunction>();
/** Validators loaded from the disk cache whose V8 code cache is written after their first call. */
const saveAfterFirstCall = new Map<ValidateFunction, (stale: boolean) => void>();
/** A first call slower than this on a small value means the code cache lacked compiled functions. */
const STALE_CACHE_MS = 20;

/**
 * The report schema is large (every section's schema) and ajv needs ~0.5 s to compile it — more than
 * analysing most models. Compiled validators are therefore cached as standalone modules in
 * `node_modules/.cache/autodoc/` beside ajv (so their `require('ajv/dist/runtime/…')` resolves),
 * keyed by a hash of the schema. Any failure to read or write the cache falls back to compiling.
 */
function compiledValidator(schema: JsonSchema): ValidateFunction {
  const inMemory = compiled.get(schema);
  if (inMemory) return inMemory;
  const text = JSON.stringify(schema);
  const file = validatorFile(text);
  let validate: ValidateFunction | undefined;
  if (file) {
    try {
      const loaded = loadWithCodeCache(file);
      validate = loaded.exports as ValidateFunction;
      saveAfterFirstCall.set(validate, (stale) => loaded.saveCache(stale));
    } catch {
      validate = undefined;
    }
  }
  if (!validate) {
    validate = ajv().compile(schema as Record<string, unknown>);
    if (file) writeCached(file, standaloneCode(validate));
  }
  compiled.set(schema, validate);
  return validate;
}

function validatorFile(schemaText: string): string | undefined {
  return cacheFile(`validate-${createHash('sha256').update(schemaText).digest('hex').slice(0, 24)}.cjs`);
}

/** Validates `value` against `schema`; returns the problems with JSON-pointer-ish paths (`/plugins/0`). */
export function validateAgainst(schema: JsonSchema, value: unknown): SchemaProblem[] {
  const validate = compiledValidator(schema);
  const start = monotonicMs();
  const valid = validate(value);
  const save = saveAfterFirstCall.get(validate);
  if (save) {
    saveAfterFirstCall.delete(validate);
    save(monotonicMs() - start > STALE_CACHE_MS);
  }
  if (valid) return [];
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
