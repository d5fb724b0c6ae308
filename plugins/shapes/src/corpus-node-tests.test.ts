/**
 * Every operator test of the public corpus (../shared/corpus/node-tests.json): the outputs' declared
 * types are removed, shapes are inferred from the declared inputs with every op pack present, and
 * compared with the shapes of the test's own output data.
 *
 * - `static` tests (output shapes follow from the declared inputs): graded match/partial/unknown/wrong.
 * - every other test: "wrong" (a known dim, the rank or the dtype differs) must be 0; dims the data
 *   decides may stay symbolic or unknown.
 * - `needs-values` tests run a second time with the recorded input contents bound as constants.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGraph, type Dim, type OnnxModel, type OpRegistry, readModel } from '@autodoc/core';
import { describe, expect, test } from 'vitest';
import { type Graded, gradeType, type RecordedType, worst } from './grade.js';
import { inferShapes } from './infer-shapes.js';
import { fullRegistry } from './op-packs.test.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const hasCorpus = existsSync(`${corpus}node-tests.json`);
if (!hasCorpus) console.warn('corpus absent: ../shared/corpus/node-tests.json — node-test shape grading skipped');

interface NodeTest {
  model: string;
  class: 'static' | 'needs-values' | 'data-dependent';
  inputs: (RecordedType & { name: string; value?: readonly unknown[] })[];
  outputs: (RecordedType & { name: string })[];
}

/** The model without the declared types of its outputs and intermediates (what inference must find). */
function stripDeclared(model: OnnxModel): OnnxModel {
  return { ...model, graph: { ...model.graph, outputs: model.graph.outputs.map((o) => ({ ...o, type: undefined })), valueInfo: [] } };
}

/** Recorded input contents as Dims (booleans as 0/1); inputs with NaN/Inf are left out. */
function recordedValues(t: NodeTest): Map<string, readonly Dim[]> {
  const out = new Map<string, readonly Dim[]>();
  for (const input of t.inputs) {
    if (!Array.isArray(input.value)) continue;
    const v = input.value.map((x) => (typeof x === 'boolean' ? (x ? 1 : 0) : x));
    if (v.every((x) => typeof x === 'number')) out.set(input.name, v as number[]);
  }
  return out;
}

async function grade(registry: OpRegistry, t: NodeTest, withValues: boolean): Promise<Graded> {
  const model = stripDeclared(await readModel(`${corpus}${t.model}`));
  const graph = buildGraph(model.graph, []);
  await inferShapes(graph, model, registry, withValues ? { inputValues: recordedValues(t) } : {});
  return worst(t.outputs.map((want, i) => gradeType(graph.outputs[i]?.type, want)));
}

type Tally = Record<Graded['grade'], number>;
const tally = (): Tally => ({ match: 0, partial: 0, unknown: 0, wrong: 0 });

describe.skipIf(!hasCorpus)('node tests of the corpus', () => {
  test('static tests match; no test is wrong', { timeout: 600_000 }, async () => {
    const registry = await fullRegistry();
    const tests = JSON.parse(readFileSync(`${corpus}node-tests.json`, 'utf8')) as Record<string, NodeTest>;
    const byClass: Record<string, Tally> = { static: tally(), 'needs-values': tally(), 'data-dependent': tally(), 'needs-values+values': tally() };
    const wrong: string[] = [];
    const staticMisses: string[] = [];
    const valueMisses: string[] = [];
    for (const [name, t] of Object.entries(tests)) {
      const g = await grade(registry, t, false);
      byClass[t.class][g.grade]++;
      if (g.grade === 'wrong') wrong.push(`${name}: ${g.why}`);
      if (t.class === 'static' && g.grade !== 'match') staticMisses.push(`${name}: ${g.grade} ${g.why ?? ''}`);
      if (t.class === 'needs-values') {
        const gv = await grade(registry, t, true);
        byClass['needs-values+values'][gv.grade]++;
        if (gv.grade === 'wrong') wrong.push(`${name} (with values): ${gv.why}`);
        if (gv.grade !== 'match') valueMisses.push(`${name}: ${gv.grade} ${gv.why ?? ''}`);
      }
    }
    for (const [cls, c] of Object.entries(byClass))
      console.log(`node tests ${cls}: ${c.match} matched / ${c.partial} partial / ${c.unknown} unknown / ${c.wrong} wrong`);
    if (process.env.SHAPES_VERBOSE) console.log(`static misses:\n${staticMisses.join('\n')}\nwith values:\n${valueMisses.join('\n')}`);
    expect(wrong).toEqual([]);
    // Floors raised as coverage grows (plugins/shapes/NOTES.md has the list). The 7 static tests that
    // do not match are partial, never wrong, and cannot match: test_range_bfloat16_type_positive_delta
    // (_expanded) — its bounds are graph inputs whose contents are not recorded, so the length is data;
    // and five test_strnormalizer_export_monday_* — each has stopwords ["monday"], so how many strings
    // remain depends on the strings themselves (not recorded). With recorded input contents bound, the
    // rest that miss are sequence ops whose element shapes are undeclared or differ (see NOTES.md).
    expect(byClass.static.match).toBeGreaterThanOrEqual(617);
    expect(byClass['needs-values+values'].match).toBeGreaterThanOrEqual(1126);
  });
});
