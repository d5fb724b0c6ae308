/**
 * Issue #9 CI fuzz replay: a fixed, seeded run of 300 mutants (byte-level and structure-aware on
 * ModelProto) through read → analyze → render in-process. Deterministic: the same seed gives the
 * same mutants everywhere, so a finding reproduces. Every input must end in a report with sane
 * numbers or a coded exit-3 error, within 10 s, opening nothing outside its model folder.
 * The long campaign is `npm run fuzz -- --minutes N --seed S`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOpens } from './fs-hook.js';
import { mutants, problemsOf, signature, writeMutant } from './fuzz/campaign.js';
import { type Toolkit, loadToolkit, runInProcess } from './fuzz/run-in-process.js';

const SEED = 20_251_125;
const COUNT = Number(process.env.FUZZ_REPLAY_COUNT ?? 300);
let root: string;
let kit: Toolkit;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'autodoc-fuzz-replay-'));
  kit = await loadToolkit();
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('seeded fuzz replay', () => {
  it(`${COUNT} mutants of seed ${SEED}: no findings`, async () => {
    const findings = new Map<string, string>();
    const outcomes: Record<string, number> = {};
    let maxMs = 0;
    for (const m of mutants(SEED, COUNT)) {
      const where = writeMutant(root, m);
      const rec = recordOpens();
      let o: Awaited<ReturnType<typeof runInProcess>>;
      try {
        o = await runInProcess(where.model, kit, { timeoutMs: 20_000 });
      } finally {
        rec.stop();
      }
      maxMs = Math.max(maxMs, o.ms);
      const key = o.kind === 'report' ? 'report' : `${o.kind}:${o.code}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      const p = problemsOf(o, rec.opened, where, 10_000);
      if (p.length && !findings.has(signature(p))) findings.set(signature(p), `#${m.index} (${m.seed}, ${m.how}): ${p.join('; ')}`);
      rmSync(path.dirname(where.modelDir), { recursive: true, force: true });
    }
    console.log(`fuzz replay: ${COUNT} mutants, max ${Math.round(maxMs)} ms, outcomes ${JSON.stringify(outcomes)}`);
    expect([...findings.values()]).toEqual([]);
  }, 600_000);
});
