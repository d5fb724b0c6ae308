/**
 * The fuzz campaign: deterministic mutants from a seed, each written into its own model folder (with
 * a data file `w.bin` inside and a canary outside), judged by the policy every input must meet:
 * a report with finite, non-negative counts or a coded error with exit 3 — never exit 4, an uncoded
 * throw, a time overrun or an open() outside the model folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CANARY_TEXT } from '../generate/index.js';
import { encode, lists, mutate, parseTree } from './mutate.js';
import { Rng } from './rng.js';
import { type Outcome, repoRoot, reportProblems } from './run-in-process.js';
import { type Seed, seeds } from './seeds.js';

/** One mutant. */
export interface Mutant {
  readonly index: number;
  readonly seed: string;
  readonly how: string;
  readonly bytes: Uint8Array;
}

/** Mutants `from` … `from + count - 1` of campaign `seed` (each index has its own RNG stream). */
export function* mutants(seed: number, count: number, from = 0, pool: readonly Seed[] = seeds()): Generator<Mutant> {
  const donors = pool.map((s) => s.bytes);
  for (let index = from; index < from + count; index++) {
    const rng = new Rng((seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
    const base = rng.pick(pool);
    const { bytes, how } = mutate(base.bytes, rng, donors);
    yield { index, seed: base.name, how, bytes };
  }
}

/** Writes a mutant under `root/<index>/`: `model/model.onnx`, `model/w.bin`, `canary.txt`. */
export function writeMutant(root: string, m: { index: number; bytes: Uint8Array }): { model: string; modelDir: string; canary: string } {
  const base = path.join(root, String(m.index));
  const modelDir = path.join(base, 'model');
  mkdirSync(modelDir, { recursive: true });
  const canary = path.join(base, 'canary.txt');
  writeFileSync(canary, CANARY_TEXT);
  writeFileSync(path.join(modelDir, 'w.bin'), new Uint8Array(64));
  const model = path.join(modelDir, 'model.onnx');
  writeFileSync(model, m.bytes);
  return { model, modelDir, canary };
}

/** The policy problems of one run (empty: fine). */
export function problemsOf(o: Outcome, opened: readonly string[], where: { modelDir: string; canary: string }, limitMs: number): string[] {
  const p: string[] = [];
  if (o.kind === 'crash') p.push(`exit ${o.exit} ${o.code}: ${firstLine(o.message)}`);
  if (o.kind === 'report') p.push(...reportProblems(o.report as Record<string, unknown>));
  if (o.ms > limitMs) p.push(`slow: ${Math.round(o.ms)} ms > ${limitMs} ms`);
  const stray = opened.map((f) => path.resolve(f)).filter((f) => !(f.startsWith(`${where.modelDir}${path.sep}`) || f.startsWith(`${repoRoot}${path.sep}`)));
  if (stray.length) p.push(`opened outside the model folder: ${stray[0]}`);
  if (o.outputs.some((t) => t.includes(CANARY_TEXT))) p.push('canary contents in an output');
  return p;
}

/** A stable signature of a finding: numbers and quoted names stripped, so repeats group. */
export function signature(problems: readonly string[]): string {
  return problems
    .map((s) => s.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N'))
    .join(' | ')
    .slice(0, 300);
}

function firstLine(s: string | undefined): string {
  const lines = (s ?? '').split('\n');
  const at = lines.find((l) => /^\s+at /.test(l));
  return `${lines[0]}${at ? ` (${at.trim()})` : ''}`;
}

/**
 * Shrinks `bytes` while `fails` keeps holding: first structurally (drops whole protobuf fields,
 * outermost first, re-encoding lengths), then by removing byte chunks of halving size, within
 * `maxRuns` checks in all.
 */
export async function minimise(bytes: Uint8Array, fails: (b: Uint8Array) => Promise<boolean>, maxRuns = 200): Promise<Uint8Array> {
  let best = bytes;
  let runs = 0;
  const tree = parseTree(best);
  if (tree) {
    for (let changed = true; changed && runs < maxRuns; ) {
      changed = false;
      for (const { list } of lists(tree)) {
        for (let i = 0; i < list.length && runs < maxRuns; ) {
          const [removed] = list.splice(i, 1);
          runs++;
          const candidate = encode(tree);
          if (candidate.length > 0 && (await fails(candidate))) {
            best = candidate;
            changed = true;
          } else {
            list.splice(i, 0, removed);
            i++;
          }
        }
      }
    }
  }
  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && runs < maxRuns; chunk >>= 1) {
    for (let at = 0; at < best.length && runs < maxRuns; ) {
      const candidate = Buffer.concat([best.subarray(0, at), best.subarray(at + chunk)]);
      runs++;
      if (candidate.length > 0 && (await fails(candidate))) best = candidate;
      else at += chunk;
    }
  }
  return best;
}

/** A findings.ts entry for a minimised finding (bytes inline as base64). */
export function findingSnippet(id: string, note: string, bytes: Uint8Array): string {
  return `    bytesCase('fuzz', '${id}', ${JSON.stringify(note)}, report(), () => Buffer.from('${Buffer.from(bytes).toString('base64')}', 'base64')),`;
}
