/**
 * The hostile-input generator of issue #9: every case with its class and expected outcome.
 *
 * @example
 * ```ts
 * for (const c of allCases()) {
 *   const made = await materialise(c, root);   // root/<id>/model/… plus root/<id>/canary.txt
 * }
 * ```
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { externalCases } from './external.js';
import { findingCases } from './findings.js';
import { formatCases } from './formats.js';
import { graphCases } from './graph.js';
import { numberCases } from './numbers.js';
import { textCases } from './text.js';
import type { HostileCase, Made, MakeContext } from './types.js';
import { truncationCases, wireCases } from './wire.js';

export * from './types.js';
export { PAYLOAD, LIVE_MARKUP } from './text.js';

/** The canary's contents: a string no analysis of these inputs could produce by itself. */
export const CANARY_TEXT = 'CANARY-7f3a9c-must-never-be-read';

/**
 * Every case. Truncations cover every message boundary of the base model; `cliTruncationEvery`
 * marks every n-th of them for the fresh-process sample.
 */
export function allCases(cliTruncationEvery = 12): HostileCase[] {
  const cases = [...wireCases(), ...truncationCases(cliTruncationEvery), ...formatCases(), ...graphCases(), ...numberCases(), ...externalCases(), ...textCases(), ...findingCases()];
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`duplicate hostile case id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}

/** Writes a case under `root/<id>/`: the model folder `model/` and the canary beside it. */
export async function materialise(c: HostileCase, root: string): Promise<Made & { ctx: MakeContext }> {
  const base = path.join(root, c.id);
  const dir = path.join(base, 'model');
  mkdirSync(dir, { recursive: true });
  const canary = path.join(base, 'canary.txt');
  writeFileSync(canary, CANARY_TEXT);
  const ctx: MakeContext = { dir, canary, canaryText: CANARY_TEXT };
  const made = await c.make(ctx);
  return { ...made, ctx };
}
