import { readFileSync } from 'node:fs';
import { validateAgainst } from '@autodoc/core';
import type { Device } from './types.js';
import { PRECISIONS } from './types.js';

/**
 * The device JSON Schema (draft 2020-12). Read from the package folder so src/ and dist/ (both one level
 * below it) find the same file.
 */
export const deviceSchema: Readonly<Record<string, unknown>> = Object.freeze(
  JSON.parse(readFileSync(new URL('../schema/device.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>,
);

/**
 * One readable line per schema violation, or an empty list. Through the core's validators, which
 * keep the compiled schema on disk between runs: compiling it with ajv in every run that reads the
 * device list (`--hardware`) cost ~0.17 s, loading ajv's compiler included.
 */
export function schemaErrors(value: unknown): string[] {
  return validateAgainst(deviceSchema, value).map((p) => `${p.path === '/' ? '(root)' : p.path} ${p.message}`);
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
