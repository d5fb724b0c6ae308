/** The engine gives a `shapeFromTypes` rule's result again to nodes of its op with the same input types. */
import { defineOp, definePlugin, dims, type OpNode, Stage } from '@autodoc/core';
import { AnalysisTester, ModelBuilder } from '@autodoc/core/testing';
import { expect, test } from 'vitest';
import shapes from './index.js';

/** A pass-through rule that counts its calls: the output has the first input's type object. */
function counted(opType: string, shapeFromTypes: boolean) {
  const calls: string[] = [];
  const definition = defineOp({
    opType,
    since: 1,
    shapeFromTypes,
    shape: (n: OpNode) => {
      calls.push(n.name);
      return [n.input(0)?.type];
    },
  });
  return { definition, calls };
}

async function analyze(ops: ReturnType<typeof counted>[]) {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', ['batch', 8]);
  const y = b.input('y', 'FLOAT', ['batch', 4]);
  const i = b.initializer('i', 'INT64', [2], { data: [3n, 4n] });
  const chain = (op: string, from: string, names: string[], attrs?: Record<string, number>) =>
    names.reduce((prev, name) => b.node(op, [prev], { name, outputs: [name], attrs })[0], from);
  chain('Relu', x, ['r1', 'r2', 'r3']); // x's type three times: one call
  chain('Relu', 'r3', ['a1'], { alpha: 1 }); // attributes: its own call
  chain('Relu', y, ['r4', 'r5']); // another type: one call for both
  chain('Relu', i, ['r6']); // input contents known: its own call…
  chain('Relu', i, ['r6b']); // …each time
  chain('Relu', 'r6', ['r7', 'r8']); // INT64 [2] without contents: one call for both
  chain('Tanh', x, ['t1', 't2', 't3']); // not declared shapeFromTypes: a call each
  for (const out of ['r5', 'a1', 'r6b', 'r8', 't3']) b.output(out);
  // Reads every node output's type after the Shapes stage, as any analysis would.
  const tensors: { name: string; shape: (string | number)[] | undefined }[] = [];
  const pack = definePlugin({
    name: 'test-ops',
    setup: () => ({
      ops: ops.map((o) => o.definition),
      apply({ hooks }) {
        hooks.analyze.tap({ name: 'test-ops', stage: Stage.Count }, (ctx) => {
          for (const node of ctx.graph.nodes) {
            const t = node.outputs[0]?.type;
            tensors.push({ name: node.name, shape: t?.kind === 'tensor' ? t.shape?.map(dims.toJSONValue) : undefined });
          }
        });
      },
    }),
  });
  await new AnalysisTester({ plugins: [shapes, pack] }).analyze(b);
  return tensors;
}

test('a shapeFromTypes rule runs once per run of nodes with the same input types, no attributes and no known contents', async () => {
  const relu = counted('Relu', true);
  const tanh = counted('Tanh', false);
  const tensors = await analyze([relu, tanh]);
  expect(relu.calls).toEqual(['r1', 'a1', 'r4', 'r6', 'r6b', 'r7']);
  expect(tanh.calls).toEqual(['t1', 't2', 't3']);
  // Every node still gets its type.
  const shapeOf = (name: string) => tensors.find((t) => t.name === name)?.shape;
  for (const name of ['r1', 'r2', 'r3', 'a1', 't1', 't2', 't3']) expect(shapeOf(name)).toEqual(['batch', 8]);
  for (const name of ['r4', 'r5']) expect(shapeOf(name)).toEqual(['batch', 4]);
  for (const name of ['r6', 'r6b', 'r7', 'r8']) expect(shapeOf(name)).toEqual([2]);
});

test('the same model without the declaration calls the rule for every node, with the same types', async () => {
  const reused = await analyze([counted('Relu', true), counted('Tanh', false)]);
  const relu = counted('Relu', false);
  const everyNode = await analyze([relu, counted('Tanh', false)]);
  expect(relu.calls).toEqual(['r1', 'r2', 'r3', 'a1', 'r4', 'r5', 'r6', 'r6b', 'r7', 'r8']);
  expect(everyNode).toEqual(reused);
});
