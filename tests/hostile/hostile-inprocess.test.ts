/**
 * Issue #9: every generated hostile input through read → analyze → render (json, markdown, html)
 * in-process, with its expected outcome, a per-input time limit, report sanity (finite,
 * non-negative counts), no live markup in the outputs, and an open() recorder proving that nothing
 * outside the model folder — the canary beside it in particular — is ever opened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOpens } from './fs-hook.js';
import { type Toolkit, judge, loadToolkit, repoRoot, runInProcess } from './fuzz/run-in-process.js';
import { CANARY_TEXT, LIVE_MARKUP, allCases, materialise } from './generate/index.js';

const cases = allCases();
let root: string;
let kit: Toolkit;
const stats = new Map<string, { n: number; maxMs: number; outcomes: Record<string, number> }>();

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'autodoc-hostile-'));
  kit = await loadToolkit();
  if (kit.skippedFormats.length) console.warn(`hostile: formats not built, skipped: ${kit.skippedFormats.join(', ')} (run npx tsc -b)`);
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  const lines = [...stats].map(([cls, s]) => `${cls}: ${s.n} inputs, max ${Math.round(s.maxMs)} ms, ${Object.entries(s.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`hostile in-process summary (formats ${kit?.formats.join(',')}):\n  ${lines.join('\n  ')}`);
});

/** Problems with what the outputs contain: canary contents, live markup in HTML, terminal escapes. */
function outputProblems(formats: readonly string[], outputs: readonly string[]): string[] {
  const problems: string[] = [];
  outputs.forEach((text, i) => {
    const format = formats[i] ?? 'error';
    if (text.includes(CANARY_TEXT)) problems.push(`${format} output contains the canary`);
    for (const m of LIVE_MARKUP[format] ?? []) if (text.includes(m)) problems.push(`${format} output contains ${JSON.stringify(m)} unescaped`);
  });
  return problems;
}

describe('hostile inputs in-process', () => {
  for (const c of cases) {
    if (c.knownFinding) {
      it.skip(`${c.cls}/${c.id}: KNOWN FINDING (owner to fix): ${c.knownFinding}`, () => {});
      continue;
    }
    it(`${c.cls}/${c.id}: ${c.title}`, async () => {
      const made = await materialise(c, root);
      const rec = recordOpens();
      let outcome: Awaited<ReturnType<typeof runInProcess>>;
      try {
        outcome = await runInProcess(made.model, kit, { allowExternalRoots: made.allowExternalRoots });
      } finally {
        rec.stop();
      }
      const s = stats.get(c.cls) ?? { n: 0, maxMs: 0, outcomes: {} };
      s.n++;
      s.maxMs = Math.max(s.maxMs, outcome.ms);
      const key = outcome.kind === 'report' ? 'report' : `${outcome.kind}:${outcome.code}`;
      s.outcomes[key] = (s.outcomes[key] ?? 0) + 1;
      stats.set(c.cls, s);

      const problems = judge(c.expect, outcome);
      if (outcome.kind === 'report' && c.check) {
        const p = c.check(outcome.report as Record<string, unknown>);
        if (p) problems.push(p);
      }
      problems.push(...outputProblems(outcome.kind === 'report' ? kit.formats : [], outcome.outputs));
      // Every file opened during the run is the model, a file inside its folder, or code/templates of the repo.
      const modelDir = path.dirname(made.model);
      const allowed = [...(made.allowExternalRoots ?? []), modelDir, repoRoot];
      const stray = rec.opened.map((p) => path.resolve(p)).filter((p) => !allowed.some((dir) => p === dir || p.startsWith(`${dir}${path.sep}`)));
      if (stray.length) problems.push(`opened outside the model folder: ${stray.join(', ')}`);
      if (rec.opened.some((p) => path.resolve(p) === made.ctx.canary)) problems.push('opened the canary');
      const limit = c.scale ? 60_000 : 5_000;
      if (outcome.ms > limit) problems.push(`took ${Math.round(outcome.ms)} ms (limit ${limit})`);
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
