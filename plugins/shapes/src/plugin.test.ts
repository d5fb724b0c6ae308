/** The plugin in the real pipeline: shapes land in the report; diagnostics carry the plugin's codes. */
import { defineOp, definePlugin } from '@autodoc/core';
import { AnalysisTester, ModelBuilder } from '@autodoc/core/testing';
import { expect, test } from 'vitest';
import shapes from './index.js';

// A minimal op pack: Shape arithmetic is not needed here, only a rule to apply and one to miss.
const relu = defineOp({
  opType: 'Relu',
  since: 1,
  shape: (n) => [n.input(0)?.type ? { kind: 'tensor', dtype: n.input(0)?.dtype, shape: n.input(0)?.dims } : undefined],
  cost: 'free',
  notes: 'test',
});
const ops = definePlugin({ name: 'test-ops', setup: () => ({ ops: [relu] }) });

test('autodoc:shapes writes inferred shapes (bindings applied) and reports unknown ops once', async () => {
  const b = new ModelBuilder({ opset: 17 });
  b.opsetImport('com.example', 1);
  const x = b.input('x', 'FLOAT', ['batch', 8]);
  const [y] = b.node('Relu', [x], { outputs: ['y'] });
  const [z] = b.node('Odd', [y], { domain: 'com.example', outputs: ['z'] });
  b.output(y);
  b.output(z);
  const { report } = await new AnalysisTester({ plugins: [shapes, ops] }).analyze(b, { bindings: { batch: 3 } });
  const outputs = (report.model as { outputs: { name: string; shape: unknown }[] }).outputs;
  // batch is bound to 3 (--dim batch=3): Relu keeps [3, 8]; Odd has no rule and nothing declared.
  expect(outputs).toEqual([expect.objectContaining({ name: 'y', shape: [3, 8] }), expect.objectContaining({ name: 'z', shape: null })]);
  const unknown = (report.diagnostics as unknown as { code: string; plugin?: string }[]).filter((d) => d.code === 'SHAPE_UNKNOWN_OP');
  expect(unknown).toEqual([expect.objectContaining({ plugin: 'autodoc:shapes' })]);
});
