/** The plugin in the real pipeline: shapes land in the report; diagnostics carry the plugin's codes. */
import { broadcastShapes, defineOp, definePlugin, dims } from '@autodoc/core';
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
const add = defineOp({
  opType: 'Add',
  since: 1,
  shape: (n) => [{ kind: 'tensor', dtype: n.input(0)?.dtype, shape: broadcastShapes([n.input(0)?.dims, n.input(1)?.dims]) }],
  cost: 'free',
  notes: 'test',
});
/** Concat along axis 0 only (enough here): the first dims add up. */
const concat = defineOp({
  opType: 'Concat',
  since: 1,
  shape: (n) => {
    const first = n.input(0)?.dims;
    if (!first) return [undefined];
    let rows: dims.Dim = first[0];
    for (let i = 1; i < n.inputCount; i++) rows = dims.add(rows, n.input(i)?.dims?.[0] ?? Number.NaN);
    return [{ kind: 'tensor', dtype: n.input(0)?.dtype, shape: [rows, ...first.slice(1)] }];
  },
  cost: 'free',
  notes: 'test',
});
const ops = definePlugin({ name: 'test-ops', setup: () => ({ ops: [relu, add, concat] }) });

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

test('a broadcast chain of many distinct symbolic dims stops at the expression limit: a warning, then unknown shapes', async () => {
  // x0 + x1 + … + x39, each xi [di, 4]: the first dim of the k-th sum is max(d0, …, dk).
  const b = new ModelBuilder({ opset: 17 });
  let prev = b.input('x0', 'FLOAT', ['d0', 4]);
  for (let i = 1; i < 40; i++) {
    [prev] = b.node('Add', [prev, b.input(`x${i}`, 'FLOAT', [`d${i}`, 4])], { outputs: [`s${i}`] });
    if (i === 15 || i === 16 || i === 39) b.output(prev);
  }
  const { report } = await new AnalysisTester({ plugins: [shapes, ops] }).analyze(b);
  const outputs = (report.model as { outputs: { name: string; shape: unknown[] | null }[] }).outputs;
  const shapeOf = (name: string) => outputs.find((t) => t.name === name)?.shape;
  expect(shapeOf('s15')).toEqual([`max(d0, max(d1, max(d10, max(d11, max(d12, max(d13, max(d14, max(d15, max(d2, max(d3, max(d4, max(d5, max(d6, max(d7, max(d8, d9)))))))))))))))`, 4]);
  expect(shapeOf('s16')).toBeNull();
  expect(shapeOf('s39')).toBeNull();
  const limit = (report.diagnostics as unknown as { code: string; node?: { name: string } }[]).filter((d) => d.code === 'DIM_EXPRESSION_LIMIT');
  expect(limit).toEqual([expect.objectContaining({ node: expect.objectContaining({ opType: 'Add' }) })]);
});

test('a Concat chain of many distinct symbolic dims stops at the printed-length limit: a warning, then unknown shapes', async () => {
  // c_k = Concat(c_k-1, x_k) along axis 0, x_k [d_k, 4]: c_k has d0 + … + dk rows, k + 1 terms.
  const b = new ModelBuilder({ opset: 17 });
  let prev = b.input('x0', 'FLOAT', ['d0', 4]);
  for (let k = 1; k < 300; k++) {
    [prev] = b.node('Concat', [prev, b.input(`x${k}`, 'FLOAT', [`d${k}`, 4])], { outputs: [`c${k}`] });
    if (k === 100 || k === 299) b.output(prev);
  }
  const { report } = await new AnalysisTester({ plugins: [shapes, ops] }).analyze(b);
  const outputs = (report.model as { outputs: { name: string; shape: (string | number)[] | null }[] }).outputs;
  const c100 = outputs.find((o) => o.name === 'c100')?.shape;
  // Independently: with every d_k = 1 the 101 inputs give 101 rows.
  const ones = Object.fromEntries(Array.from({ length: 101 }, (_, k) => [`d${k}`, 1]));
  expect(dims.evaluate(dims.parse(String(c100?.[0])), ones)).toBe(101);
  expect(c100?.[1]).toBe(4);
  expect(outputs.find((o) => o.name === 'c299')?.shape).toBeNull();
  const limit = (report.diagnostics as unknown as { code: string; message: string }[]).filter((d) => d.code === 'DIM_EXPRESSION_LIMIT');
  expect(limit).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Concat ".*" would give "c\d+" a dim of [\d,]+ characters, past the 1,000 this analysis keeps symbolic/) })]);
});
