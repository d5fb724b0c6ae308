/**
 * Runs the nn shape rules on the ONNX operator test models of the corpus (../shared/corpus): each
 * single-op model is read with readModel, its node is given the recorded input shapes (and the recorded
 * values of small inputs), and the inferred output shapes are compared with the test data's real shapes.
 * `static` tests must all match; `needs-values` tests are reported in the summary and must match too
 * when every input they need has a recorded value.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpNode, dims, normalizeDomain, readModel, readTensorValues, tensorArg, type Dim, type OnnxAttribute, type OpDefinition, type TensorArg } from '@autodoc/core';
import { describe, expect, it } from 'vitest';
import { nnOps } from './index-nn.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));
const hasCorpus = existsSync(join(corpus, 'node-tests.json'));
if (!hasCorpus) console.warn('corpus absent: ../shared/corpus not found, nn corpus tests skipped');

interface IoRecord {
  name: string;
  dtype?: string;
  shape?: (number | string | null)[] | null;
  value?: (number | null)[];
  kind?: string;
}
interface TestRecord {
  model: string;
  opTypes: string[];
  domain: string;
  opset: number;
  opsetImports: Record<string, number>;
  inputs: IoRecord[];
  outputs: IoRecord[];
  class: 'static' | 'needs-values' | 'data-dependent';
}

/** The highest-`since` definition ≤ opset, as OpRegistry.lookup picks it. */
function pick(domain: string, opType: string, opset: number): OpDefinition | undefined {
  return nnOps.filter((d) => d.domain === normalizeDomain(domain) && d.opType === opType && d.since <= opset).sort((a, b) => b.since - a.since)[0];
}

function toArg(rec: IoRecord): TensorArg {
  const shape = rec.shape?.map((d) => (typeof d === 'number' ? d : dims.sym(String(d))));
  const value = rec.value?.every((v) => v !== null) ? (rec.value as number[]) : undefined;
  return tensorArg(rec.name, { kind: 'tensor', dtype: rec.dtype, shape }, value);
}

interface Outcome {
  name: string;
  cls: string;
  ok: boolean;
  detail: string;
}

async function runTest(name: string, rec: TestRecord): Promise<Outcome> {
  const model = await readModel(join(corpus, rec.model));
  const node = model.graph.nodes[0];
  const def = pick(node.domain, node.opType, model.opsetImports[normalizeDomain(node.domain)] ?? rec.opset)!;
  const byName = new Map(rec.inputs.map((r) => [r.name, r]));
  const inits = new Map(model.graph.initializers.map((t) => [t.name, t]));
  const inputs: (TensorArg | undefined)[] = [];
  for (const inputName of node.inputs) {
    if (!inputName) {
      inputs.push(undefined);
      continue;
    }
    const io = byName.get(inputName);
    const init = inits.get(inputName);
    if (io) inputs.push(toArg(io));
    else if (init) {
      const values = await readTensorValues(model, init, { maxElements: 64 });
      inputs.push(tensorArg(inputName, { kind: 'tensor', dtype: undefined, shape: init.dims }, values?.map((v) => Number(v)), true));
    } else inputs.push(undefined);
  }
  const attributes = new Map<string, OnnxAttribute>(node.attributes.map((a) => [a.name, a]));
  const parts = { name: node.name || name, opType: node.opType, domain: normalizeDomain(node.domain), opset: model.opsetImports[normalizeDomain(node.domain)] ?? rec.opset, attributes, inputs };
  const outs = def.shape!(createOpNode({ ...parts, outputs: node.outputs.map((o) => tensorArg(o, undefined)) }));
  const problems: string[] = [];
  node.outputs.forEach((outName, i) => {
    if (!outName) return;
    const expected = rec.outputs.find((o) => o.name === outName);
    if (!expected?.shape) return;
    const got = outs[i];
    const shape = got && got.kind === 'tensor' ? got.shape : undefined;
    const ok = shape !== undefined && shape.length === expected.shape.length && shape.every((d: Dim, k) => typeof d === 'number' && d === expected.shape![k]);
    if (!ok) problems.push(`${outName}: expected [${expected.shape.join(', ')}], got ${shape ? `[${shape.map(dims.format).join(', ')}]` : 'unknown'}`);
  });
  // The cost rule must run on the inferred shapes (or say why it cannot).
  if (problems.length === 0 && typeof def.cost === 'function') {
    const outArgs = node.outputs.map((o, i) => tensorArg(o, outs[i]));
    try {
      def.cost(createOpNode({ ...parts, outputs: outArgs }));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'COST_DATA_DEPENDENT') problems.push(`cost threw: ${(e as Error).message}`);
    }
  }
  return { name, cls: rec.class, ok: problems.length === 0, detail: problems.join('; ') };
}

describe.skipIf(!hasCorpus)('nn ops on the corpus node tests', () => {
  const all = hasCorpus ? (JSON.parse(readFileSync(join(corpus, 'node-tests.json'), 'utf8')) as Record<string, TestRecord>) : {};
  const mine = Object.entries(all).filter(([name, r]) => r.opTypes.length === 1 && !name.includes('_expanded') && pick(r.domain, r.opTypes[0], r.opset) !== undefined);

  it('every static test infers the recorded output shapes; needs-values tests too', async () => {
    const outcomes: Outcome[] = [];
    for (const [name, rec] of mine) outcomes.push(await runTest(name, rec));
    const summary = (cls: string) => {
      const of = outcomes.filter((o) => o.cls === cls);
      return `${cls}: ${of.filter((o) => o.ok).length}/${of.length}`;
    };
    const failures = outcomes.filter((o) => !o.ok);
    console.log(`nn corpus: ${outcomes.length} tests — ${summary('static')}, ${summary('needs-values')}${failures.length ? `\n${failures.map((f) => `  ✗ ${f.name} (${f.cls}): ${f.detail}`).join('\n')}` : ''}`);
    expect(outcomes.length).toBeGreaterThanOrEqual(384); // 161 static + 223 needs-values single-op tests (python count of node-tests.json)
    expect(failures.filter((f) => f.cls === 'static')).toEqual([]);
    expect(failures).toEqual([]);
  }, 120_000);
});
