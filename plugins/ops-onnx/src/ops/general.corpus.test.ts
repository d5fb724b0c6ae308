/**
 * Runs every single-node corpus test whose op is one of generalOps through its shape rule (and cost
 * rule), with the recorded input shapes and small values, and compares the output types with the
 * test data. Static tests must match exactly; every test must have the right rank and no concrete dim
 * that disagrees (a data-dependent symbol where the data decides is allowed, a wrong number is not).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpNode, dims, type Dim, type InferredType, type OnnxAttribute, OpRegistry, readModel, tensorArg, type ValueType } from '@autodoc/core';
import { describe, expect, it } from 'vitest';
import { generalOps } from './index-general.js';

const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));
const hasCorpus = existsSync(path.join(corpusDir, 'node-tests.json'));
if (!hasCorpus) console.warn('corpus absent: ../shared/corpus not found; general ops corpus tests skipped');

interface JsonTensor { name: string; kind?: string; dtype?: string; shape?: (number | string | null)[] | null; value?: unknown[]; elements?: JsonTensor[]; hasValue?: boolean; declared?: unknown }
interface JsonTest { model: string; opTypes: string[]; opTypesInSubgraphs?: string[]; domain: string; opset: number; nodes: number; class: string; inputs: JsonTensor[]; outputs: JsonTensor[] }

const toDims = (s: (number | string | null)[]): Dim[] => s.map((d, i) => (typeof d === 'number' ? d : dims.sym(typeof d === 'string' ? d : `unknown_${i}`)));

/** Recorded small values usable as dims: integers only (booleans as 0/1); anything else is dropped. */
function toValue(v: unknown[] | undefined): Dim[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.map((x) => (typeof x === 'boolean' ? (x ? 1 : 0) : x));
  return out.every((x) => typeof x === 'number' && Number.isSafeInteger(x)) ? (out as number[]) : undefined;
}

function toType(t: JsonTensor): ValueType | undefined {
  if (t.kind === 'sequence') {
    const els = t.elements ?? [];
    const first = els[0];
    const same = first && els.every((e) => JSON.stringify(e.shape) === JSON.stringify(first.shape));
    return { kind: 'sequence', elem: first ? { kind: 'tensor', dtype: first.dtype, shape: same && first.shape ? toDims(first.shape) : undefined } : undefined };
  }
  if (t.kind === 'optional') return { kind: 'optional', elem: t.hasValue && t.value ? toType(t.value as unknown as JsonTensor) : undefined };
  return { kind: 'tensor', dtype: t.dtype, shape: t.shape ? toDims(t.shape) : undefined };
}

type Verdict = 'match' | 'partial' | 'mismatch';

function compare(got: InferredType | undefined, want: JsonTensor): { verdict: Verdict; why?: string } {
  if (want.kind === 'sequence') {
    if (got?.kind !== 'sequence') return { verdict: 'mismatch', why: `expected a sequence, got ${got?.kind}` };
    const elem = got.elem;
    const els = want.elements ?? [];
    if (elem?.kind !== 'tensor' || !elem.shape) return { verdict: 'partial' };
    return els.reduce<{ verdict: Verdict; why?: string }>((acc, e) => worst(acc, compare(elem as InferredType, e)), { verdict: 'match' });
  }
  if (want.kind === 'optional') return { verdict: got?.kind === 'optional' ? 'match' : 'partial' };
  if (got?.kind !== 'tensor') return { verdict: 'partial', why: 'no tensor type' };
  if (got.dtype !== undefined && got.dtype !== want.dtype) return { verdict: 'mismatch', why: `dtype ${got.dtype} ≠ ${want.dtype}` };
  if (got.dtype === undefined) return { verdict: 'partial', why: 'dtype unknown' };
  if (!got.shape) return { verdict: 'partial', why: 'shape unknown' };
  const shape = want.shape ?? [];
  if (got.shape.length !== shape.length) return { verdict: 'mismatch', why: `rank ${got.shape.length} ≠ ${shape.length}` };
  let verdict: Verdict = 'match';
  for (let i = 0; i < shape.length; i++) {
    const g = got.shape[i];
    if (typeof g === 'number') {
      if (g !== shape[i]) return { verdict: 'mismatch', why: `dim ${i}: ${g} ≠ ${shape[i]}` };
    } else verdict = 'partial';
  }
  return { verdict };
}

function worst(a: { verdict: Verdict; why?: string }, b: { verdict: Verdict; why?: string }) {
  const rank = { match: 0, partial: 1, mismatch: 2 };
  return rank[b.verdict] > rank[a.verdict] ? b : a;
}

describe.skipIf(!hasCorpus)('corpus node tests of the general ops', () => {
  it('shape rules agree with the recorded outputs', async () => {
    const registry = new OpRegistry();
    for (const d of generalOps) registry.register(d, 'general');
    const tests = JSON.parse(readFileSync(path.join(corpusDir, 'node-tests.json'), 'utf8')) as Record<string, JsonTest>;
    const summary = new Map<string, { match: number; partial: number; mismatch: number; staticMatch: number; static: number }>();
    const failures: string[] = [];
    for (const [name, test] of Object.entries(tests)) {
      if (test.nodes !== 1 || test.opTypes.length !== 1) continue;
      const opType = test.opTypes[0];
      const def = registry.lookup(test.domain, opType, test.opset);
      if (!def?.shape) continue;
      const model = await readModel(path.join(corpusDir, test.model));
      const node = model.graph.nodes[0];
      const byName = new Map(test.inputs.map((i) => [i.name, i]));
      const inits = new Map(model.graph.initializers.map((t) => [t.name, t]));
      const inputs = node.inputs.map((nm) => {
        if (!nm) return undefined;
        const rec = byName.get(nm);
        if (rec) return tensorArg(nm, toType(rec), toValue(rec.value));
        const init = inits.get(nm);
        return init ? tensorArg(nm, { kind: 'tensor', dtype: undefined, shape: init.dims }, undefined, true) : tensorArg(nm, undefined);
      });
      const attributes = new Map<string, OnnxAttribute>(node.attributes.map((a) => [a.name, a]));
      const parts = { name: node.name || name, opType, domain: test.domain, opset: test.opset, attributes, inputs };
      const outputs = def.shape(createOpNode({ ...parts, outputs: node.outputs.map((o) => tensorArg(o, undefined)) }));
      const entry = summary.get(opType) ?? { match: 0, partial: 0, mismatch: 0, staticMatch: 0, static: 0 };
      let result: { verdict: Verdict; why?: string } = { verdict: 'match' };
      test.outputs.forEach((want, i) => { result = worst(result, compare(outputs[i], want)); });
      entry[result.verdict]++;
      if (test.class === 'static') {
        entry.static++;
        if (result.verdict === 'match') entry.staticMatch++;
        // StringNormalizer with stop words is classed static by the corpus (no value recorded), but how
        // many words remain depends on the strings: a data-dependent dim is the right answer there.
        else if (!(opType === 'StringNormalizer' && result.verdict === 'partial' && node.attributes.some((a) => a.name === 'stopwords'))) failures.push(`${name} (static): ${result.why ?? result.verdict}`);
      }
      if (result.verdict === 'mismatch') failures.push(`${name}: ${result.why}`);
      // The cost rule must run on the inferred outputs of a fully known node without throwing.
      if (def.cost && def.cost !== 'free' && result.verdict === 'match') {
        const outArgs = outputs.map((t, i) => tensorArg(node.outputs[i] ?? '', t, t?.value));
        expect(() => (def.cost as (n: ReturnType<typeof createOpNode>) => unknown)(createOpNode({ ...parts, outputs: outArgs })), name).not.toThrow();
      }
      summary.set(opType, entry);
    }
    const rows = [...summary].sort(([a], [b]) => a.localeCompare(b)).map(([op, s]) => `${op.padEnd(26)} match ${s.match}  partial ${s.partial}  mismatch ${s.mismatch}  static ${s.staticMatch}/${s.static}`);
    const total = [...summary.values()].reduce((a, s) => ({ match: a.match + s.match, partial: a.partial + s.partial, mismatch: a.mismatch + s.mismatch }), { match: 0, partial: 0, mismatch: 0 });
    console.log(`general ops on corpus node tests (${summary.size} op types): ${total.match} match, ${total.partial} partial (data-dependent dims), ${total.mismatch} mismatch\n${rows.join('\n')}`);
    expect(failures).toEqual([]);
  }, 120_000);
});
