/**
 * Whole models of the public corpus:
 * - light/ (9 real CNNs, static input): every output shape equals the shape of the expected output.
 * - symbolic/ (6 torch exports with dynamic axes): every tensor's inferred shape, evaluated at the
 *   recorded `binding` and `bindingAlt`, equals ONNX Runtime's `concrete`/`concreteAlt` shapes; the
 *   recorded symbolic contents of shape tensors evaluate equal too; and with the binding applied
 *   (`--dim`), every shape is concrete and equal.
 * Declared output and value_info types are removed first, so everything checked is inferred.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGraph, dims, type OnnxModel, readModel } from '@autodoc/core';
import { describe, expect, test } from 'vitest';
import { evaluateShape, gradeType, type RecordedType } from './grade.js';
import { inferShapes } from './infer-shapes.js';
import { fullRegistry } from './op-packs.test.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const hasCorpus = existsSync(`${corpus}symbolic/index.json`) && existsSync(`${corpus}light-tests.json`);
if (!hasCorpus) console.warn('corpus absent: ../shared/corpus (symbolic/, light-tests.json) — whole-model shape tests skipped');

function stripDeclared(model: OnnxModel): OnnxModel {
  return { ...model, graph: { ...model.graph, outputs: model.graph.outputs.map((o) => ({ ...o, type: undefined })), valueInfo: [] } };
}

async function inferred(path: string, bindings: Record<string, number> = {}) {
  const model = stripDeclared(await readModel(path));
  const graph = buildGraph(model.graph, []);
  const result = await inferShapes(graph, model, await fullRegistry(), { bindings });
  return { graph, result };
}

interface SymbolicTensor {
  dtype: string;
  shape: (number | string)[];
  concrete: number[];
  concreteAlt: number[];
  value?: (number | string)[];
  concreteValue?: number[];
}

interface SymbolicRecord {
  binding: Record<string, number>;
  bindingAlt: Record<string, number>;
  tensors: Record<string, SymbolicTensor>;
}

const symbolicModels = hasCorpus ? Object.keys(JSON.parse(readFileSync(`${corpus}symbolic/index.json`, 'utf8')).models as Record<string, unknown>) : [];
const lightTests = hasCorpus
  ? (JSON.parse(readFileSync(`${corpus}light-tests.json`, 'utf8')) as Record<string, { model: string; outputs: RecordedType[] }>)
  : {};

describe.skipIf(!hasCorpus)('symbolic corpus models', () => {
  test.each(symbolicModels)('%s: every tensor evaluates to the recorded shapes and contents', async (name) => {
    const rec = JSON.parse(readFileSync(`${corpus}symbolic/${name}.json`, 'utf8')) as SymbolicRecord;
    const { graph } = await inferred(`${corpus}symbolic/${name}.onnx`);
    const problems: string[] = [];
    for (const [tensor, want] of Object.entries(rec.tensors)) {
      const t = graph.values.get(tensor)?.type;
      if (t?.kind !== 'tensor' || !t.shape) {
        problems.push(`${tensor}: no shape`);
        continue;
      }
      if (t.dtype !== want.dtype) problems.push(`${tensor}: dtype ${t.dtype} vs ${want.dtype}`);
      const at = evaluateShape(t.shape, rec.binding);
      const alt = evaluateShape(t.shape, rec.bindingAlt);
      if (JSON.stringify(at) !== JSON.stringify(want.concrete) || JSON.stringify(alt) !== JSON.stringify(want.concreteAlt)) {
        problems.push(
          `${tensor}: [${t.shape.map((d) => dims.format(d)).join(', ')}] → ${JSON.stringify(at)} / ${JSON.stringify(alt)}, expected ${JSON.stringify(want.concrete)} / ${JSON.stringify(want.concreteAlt)} (${want.shape.join(', ')})`,
        );
      }
      if (want.value && want.concreteValue) {
        const v = graph.values.get(tensor)?.value;
        const got = v ? evaluateShape(v, rec.binding) : undefined;
        if (JSON.stringify(got) !== JSON.stringify(want.concreteValue))
          problems.push(`${tensor}: contents ${v ? v.map((d) => dims.format(d)).join(', ') : 'unknown'} vs ${want.value.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test.each(symbolicModels)('%s: with --dim bindings every shape is concrete and equal', async (name) => {
    const rec = JSON.parse(readFileSync(`${corpus}symbolic/${name}.json`, 'utf8')) as SymbolicRecord;
    const { graph } = await inferred(`${corpus}symbolic/${name}.onnx`, rec.binding);
    const problems: string[] = [];
    for (const [tensor, want] of Object.entries(rec.tensors)) {
      const t = graph.values.get(tensor)?.type;
      const shape = t && t.kind === 'tensor' ? t.shape : undefined;
      if (!shape || shape.some((d) => typeof d !== 'number') || JSON.stringify(shape) !== JSON.stringify(want.concrete)) {
        problems.push(`${tensor}: ${shape ? `[${shape.map((d) => dims.format(d)).join(', ')}]` : 'unknown'} vs ${JSON.stringify(want.concrete)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!hasCorpus)('light corpus models', () => {
  test.each(Object.keys(lightTests))('%s: every output shape equals the expected output', async (name) => {
    const rec = lightTests[name];
    const { graph, result } = await inferred(`${corpus}${rec.model}`);
    expect(result.counts.SHAPE_UNKNOWN_OP ?? 0).toBe(0);
    rec.outputs.forEach((want, i) => {
      expect(gradeType(graph.outputs[i]?.type, want)).toEqual({ grade: 'match' });
    });
  });
});
