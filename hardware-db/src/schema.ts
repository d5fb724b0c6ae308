import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Device } from './types.js';
import { PRECISIONS } from './types.js';

/**
 * The device JSON Schema (draft 2020-12). Read from the package folder so src/ and dist/ (both one level
 * below it) find the same file.
 */
export const deviceSchema: Readonly<Record<string, unknown>> = Object.freeze(
  JSON.parse(readFileSync(new URL('../schema/device.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>,
);

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  // Ajv is loaded and the schema compiled lazily: most CLI runs never touch the hardware database.
  if (!validator) {
    const { Ajv2020: AjvClass } = createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
    validator = new AjvClass({ allErrors: true, allowUnionTypes: true }).compile(deviceSchema);
  }
  return validator;
}

/** One readable line per schema violation, or an empty list. */
export function schemaErrors(value: unknown): string[] {
  const validate = getValidator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map(formatError);
}

function formatError(e: ErrorObject): string {
  const at = e.instancePath === '' ? '(root)' : e.instancePath;
  const extra = e.keyword === 'additionalProperties' ? ` '${String((e.params as { additionalProperty: string }).additionalProperty)}'` : '';
  return `${at} ${e.message ?? e.keyword}${extra}`;
}

/**
 * Checks the schema cannot express: a sparse rate below its dense rate means the two were swapped or a
 * "with sparsity" figure was halved twice.
 */
export function consistencyErrors(device: Device): string[] {
  const problems: string[] = [];
  const pairs: Array<[string, { dense: number | null; sparse: number | null } | undefined]> = PRECISIONS.map((p) => [`peak.${p}`, device.peak[p]]);
  for (const [k, v] of Object.entries(device.peakFp16Accumulate ?? {})) pairs.push([`peakFp16Accumulate.${k}`, v]);
  for (const [k, v] of Object.entries(device.peakExtra ?? {})) pairs.push([`peakExtra.${k}`, v]);
  for (const [name, engine] of Object.entries(device.components ?? {})) {
    for (const [k, v] of Object.entries(engine)) pairs.push([`components.${name}.${k}`, v]);
  }
  for (const [path, pair] of pairs) {
    if (pair && pair.dense != null && pair.sparse != null && pair.sparse < pair.dense) {
      problems.push(`${path}: sparse ${pair.sparse} is below dense ${pair.dense}`);
    }
  }
  return problems;
}
