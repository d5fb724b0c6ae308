/**
 * Issue #5 acceptance, parameter counts against the public corpus (../shared/corpus):
 * - symbolic/: params.total equals the recorded `params.onnxInitializerElements` (what the file
 *   stores). Where that differs from `params.torch`, the recorded note says why, and so must ours:
 *   tiny_cnn(_dynhw) — BatchNorm folded into the convs; tiny_gpt — the tied lm_head stored again
 *   transposed by constant folding. Where they agree, neither note may appear.
 * - light-tests.json: params.total + params.batchNormStatistics equals floatInitializerElements +
 *   weightElementsViaConstantOfShape (weights materialised by ConstantOfShape count, with a note).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AnalysisTester } from '@autodoc/core/testing';
import graph from '@autodoc/plugin-graph';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import opsOrt from '@autodoc/plugin-ops-ort';
import shapes from '@autodoc/plugin-shapes';
import { describe, expect, test } from 'vitest';
import params from './index.js';
import type { ParamsSection } from './params-section.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const hasCorpus = existsSync(`${corpus}symbolic/index.json`) && existsSync(`${corpus}light-tests.json`);
if (!hasCorpus) console.warn('corpus absent: ../shared/corpus (symbolic/, light-tests.json) — corpus parameter tests skipped');

const tester = new AnalysisTester({ plugins: [opsOnnx, opsOrt, shapes, graph, params] });

async function paramsOf(file: string): Promise<ParamsSection> {
  return ((await tester.analyze(file)).report as unknown as { params: ParamsSection }).params;
}

interface SymbolicParams {
  torch: number;
  onnxInitializerElements: number;
  note: string;
}

const BN_NOTE = /folded BatchNorm/;
const TRANSPOSED_NOTE = /stored twice, once transposed/;
const symbolicModels = hasCorpus ? Object.keys(JSON.parse(readFileSync(`${corpus}symbolic/index.json`, 'utf8')).models as Record<string, unknown>) : [];

describe.skipIf(!hasCorpus)('symbolic corpus: parameters', () => {
  test.each(symbolicModels)('%s: params.total equals the initializer elements the file stores', async (name) => {
    const rec = (JSON.parse(readFileSync(`${corpus}symbolic/${name}.json`, 'utf8')) as { params: SymbolicParams }).params;
    const p = await paramsOf(`${corpus}symbolic/${name}.onnx`);
    expect(p.total).toBe(rec.onnxInitializerElements);
    expect(p.batchNormStatistics).toBe(0); // eval-mode exports keep no BatchNorm node

    const bnNote = p.notes.find((n) => BN_NOTE.test(n));
    const copyNote = p.notes.find((n) => TRANSPOSED_NOTE.test(n));
    if (rec.onnxInitializerElements === rec.torch) {
      expect(bnNote).toBeUndefined();
      expect(copyNote).toBeUndefined();
    } else if (/BatchNorm folded/.test(rec.note)) {
      // Recorded: −96 BN weight/bias elements (3 BN layers of 16 channels × 2), +48 new conv biases (3 × 16).
      expect(rec.torch - 96 + 48).toBe(rec.onnxInitializerElements);
      expect(bnNote).toBeDefined();
      expect(copyNote).toBeUndefined();
    } else {
      // Recorded: wte.weight [128, 32] stored again as [32, 128] for the tied lm_head: +128·32 = 4096.
      expect(rec.note).toMatch(/wte\.weight\.t\(\) \(the tied lm_head\)/);
      expect(rec.torch + 128 * 32).toBe(rec.onnxInitializerElements);
      expect(copyNote).toMatch(/"wte\.weight" \[128, 32\]/);
      expect(copyNote).toMatch(/\[32, 128\]/);
      expect(p.notes.filter((n) => TRANSPOSED_NOTE.test(n))).toHaveLength(1);
      expect(bnNote).toBeUndefined();
    }
  });
});

interface LightRecord {
  model: string;
  floatInitializerElements: number;
  weightElementsViaConstantOfShape: number;
}
const lightTests = hasCorpus ? (JSON.parse(readFileSync(`${corpus}light-tests.json`, 'utf8')) as Record<string, LightRecord>) : {};

describe.skipIf(!hasCorpus)('light corpus: weights materialised by ConstantOfShape', () => {
  test.each(Object.keys(lightTests))('%s: total + BatchNorm statistics = float initializers + ConstantOfShape weights', async (name) => {
    const rec = lightTests[name];
    const p = await paramsOf(`${corpus}${rec.model}`);
    expect(Number(p.total) + Number(p.batchNormStatistics)).toBe(rec.floatInitializerElements + rec.weightElementsViaConstantOfShape);
    expect(p.notes.some((n) => /materialised at run time by ConstantOfShape/.test(n))).toBe(true);
    // Every ConstantOfShape weight is either a weight or a BatchNorm statistic, nothing lost.
    expect(Number(p.constantOfShapeElements) + Number(p.batchNormStatistics)).toBeLessThanOrEqual(
      rec.weightElementsViaConstantOfShape + rec.floatInitializerElements,
    );
  });

  test.skipIf(!hasCorpus)('light_resnet50: 25,610,153 = 25.56 M weights + BatchNorm statistics (corpus README)', async () => {
    const p = await paramsOf(`${corpus}light/light_resnet50.onnx`);
    expect(Number(p.total) + Number(p.batchNormStatistics)).toBe(25_610_153);
    // ResNet-50's BatchNorm layers hold 26,560 channels (torchvision); mean + var = 2 × 26,560 = 53,120.
    expect(p.batchNormStatistics).toBe(53_120);
    expect(p.total).toBe(25_610_153 - 53_120);
  });
});
