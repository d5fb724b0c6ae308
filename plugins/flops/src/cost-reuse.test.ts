/** The cost pass gives a `costFromTypes` rule's count again to nodes of its op with the same value types. */
import { defineOp, definePlugin, dims, type OpNode } from '@autodoc/core';
import { AnalysisTester, ModelBuilder } from '@autodoc/core/testing';
import shapes from '@autodoc/plugin-shapes';
import { expect, test } from 'vitest';
import type { CostSection } from './cost-section.js';
import flops from './index.js';

/** Relu-like: passes its input's type on; 3 FLOPs per element, its calls recorded. */
function counted(costFromTypes: boolean) {
  const calls: string[] = [];
  const definition = defineOp({
    opType: 'Relu',
    since: 1,
    costFromTypes,
    shape: (n: OpNode) => [n.input(0)?.type],
    cost: (n: OpNode) => {
      calls.push(n.name);
      return { flops: dims.mul(3, n.output(0).numel ?? 0) };
    },
  });
  return { definition, calls };
}

async function costOf(op: ReturnType<typeof counted>) {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', ['batch', 8]);
  const y = b.input('y', 'FLOAT', [2, 5]);
  const chain = (from: string, names: string[], attrs?: Record<string, number>) => names.reduce((prev, name) => b.node('Relu', [prev], { name, outputs: [name], attrs })[0], from);
  chain(x, ['r1', 'r2', 'r3']); // [batch, 8] three times: one call
  chain('r3', ['a1'], { alpha: 1 }); // attributes: its own call
  chain(y, ['r4', 'r5']); // [2, 5]: one call for both
  chain('r3', ['r6']); // [batch, 8] again after other types: called again (one result is kept per op)
  for (const out of ['a1', 'r5', 'r6']) b.output(out);
  const pack = definePlugin({ name: 'test-ops', setup: () => ({ ops: [op.definition] }) });
  const { report } = await new AnalysisTester({ plugins: [shapes, pack, flops] }).analyze(b);
  return (report as unknown as { cost: CostSection }).cost;
}

test('a costFromTypes rule runs once per run of nodes with the same value types; every node keeps its count', async () => {
  const reused = counted(true);
  const cost = await costOf(reused);
  expect(reused.calls).toEqual(['r1', 'a1', 'r4', 'r6']);
  // 3 FLOPs per element: 5 nodes of batch·8 and 2 of 2·5 = 120·batch + 60.
  expect(cost.flops.expression).toBe('120*batch + 60');
  const everyNode = counted(false);
  expect(await costOf(everyNode)).toEqual(cost);
  expect(everyNode.calls).toEqual(['r1', 'r2', 'r3', 'a1', 'r4', 'r5', 'r6']);
});
