/**
 * The op packs of the tree, loaded for the corpus tests (which import `fullRegistry` from here).
 * Packs written by others may be mid-edit: a pack that does not load is reported, not fatal, except
 * the shape-arithmetic pack these tests are about.
 */
import { OpRegistry } from '@autodoc/core';
import { expect, test } from 'vitest';

const loaded: string[] = [];

/** Every op pack present in the tree: ai.onnx tensor/nn/general families and the ORT contrib ops. */
export async function fullRegistry(): Promise<OpRegistry> {
  const reg = new OpRegistry();
  const packs: [string, () => Promise<Record<string, unknown>>][] = [
    ['tensor', () => import('../../ops-onnx/src/ops/index-tensor.js')],
    ['nn', () => import('../../ops-onnx/src/ops/index-nn.js')],
    ['general', () => import('../../ops-onnx/src/ops/index-general.js')],
    ['ort', () => import('../../ops-ort/src/index.js')],
  ];
  loaded.length = 0;
  for (const [name, load] of packs) {
    let mod: Record<string, unknown>;
    try {
      mod = await load();
    } catch (e) {
      console.warn(`op pack ${name} not loadable yet: ${String(e).slice(0, 160)}`);
      continue;
    }
    loaded.push(name);
    for (const [key, list] of Object.entries(mod)) {
      if (!key.endsWith('Ops') || !Array.isArray(list)) continue;
      for (const d of list) reg.register(d, name);
    }
  }
  return reg;
}

test('the shape-arithmetic pack loads and defines the ops exporters use for shape subgraphs', async () => {
  const reg = await fullRegistry();
  expect(loaded).toContain('tensor');
  for (const op of ['Shape', 'Gather', 'Unsqueeze', 'Concat', 'Reshape', 'Range', 'ConstantOfShape', 'Expand', 'Slice', 'If', 'Loop', 'Scan']) {
    expect(reg.lookup('ai.onnx', op, 21)?.shape, op).toBeTypeOf('function');
  }
});
