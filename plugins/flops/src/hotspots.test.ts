/**
 * `cost.hotspots`: the top-level nodes with the most FLOPs at the bindings, ten at most, ties in graph
 * order; a body's nodes count in their If node only. The FLOPs are worked out by hand here.
 */
import { AnalysisTester, ModelBuilder } from '@autodoc/core/testing';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import shapes from '@autodoc/plugin-shapes';
import { expect, test } from 'vitest';
import type { CostSection } from './cost-section.js';
import flops from './index.js';

const tester = new AnalysisTester({ plugins: [opsOnnx, shapes, flops] });

/** Output widths of twelve MatMuls [1, 4] × [4, n]: 4n MACs, 8n FLOPs each. */
const WIDTHS = [5, 50, 7, 50, 1, 9, 30, 2, 8, 40, 3, 6];

function model(): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  b.input('x', 'FLOAT', [1, 4]);
  b.input('xs', 'FLOAT', ['batch', 4]);
  b.input('c', 'BOOL', []);
  WIDTHS.forEach((n, i) => {
    b.initializer(`w${i + 1}`, 'FLOAT', [4, n]);
    b.node('MatMul', ['x', `w${i + 1}`], { name: `m${i + 1}`, outputs: [`y${i + 1}`] });
    b.output(`y${i + 1}`);
  });
  // [batch, 4] × [4, 3]: 12·batch MACs, 24·batch FLOPs; ranked as 24 while batch is unbound.
  b.initializer('ws', 'FLOAT', [4, 3]);
  b.node('MatMul', ['xs', 'ws'], { name: 'sym', outputs: ['ys'] });
  b.output('ys');
  // Each branch is one MatMul [1, 4] × [4, 1000] (8,000 FLOPs): the If counts 8,000, its body nodes
  // are no hotspots of their own.
  b.initializer('wt', 'FLOAT', [4, 1000]);
  b.initializer('we', 'FLOAT', [4, 1000]);
  const branch = (w: string, name: string) =>
    b.subgraph((g) => {
      g.node('MatMul', ['x', w], { name, outputs: [`${name}_out`] });
      g.output(`${name}_out`, 'FLOAT');
    }, name);
  b.node('If', ['c'], { name: 'branch', outputs: ['z'], attrs: { then_branch: branch('wt', 'then_mm'), else_branch: branch('we', 'else_mm') } });
  b.output('z');
  return b;
}

async function hotspots(bindings: Record<string, number> = {}): Promise<CostSection['hotspots']> {
  return ((await tester.analyze(model(), { bindings })).report as unknown as { cost: CostSection }).cost.hotspots;
}

test('ranks top-level nodes by FLOPs, ten at most, ties in graph order, bodies inside their If', async () => {
  const rows = await hotspots();
  // 8,000, then 8n for n = 50, 50, 40, 30, 9, 8, 7, 6, 5 (m2 before m4: equal FLOPs keep graph
  // order); left out: sym (24 at batch 1), m11 (24), m8 (16), m5 (8).
  expect(rows.map((r) => r.name)).toEqual(['branch', 'm2', 'm4', 'm10', 'm7', 'm6', 'm9', 'm3', 'm12', 'm1']);
  expect(rows.map((r) => r.flops)).toEqual([8000, 400, 400, 320, 240, 72, 64, 56, 48, 40]);
  expect(rows[1]).toMatchObject({ opType: 'MatMul', macs: 200 });
  // The total, 8,000 + 8·211 + 24·batch, has no value while batch is unbound: no shares.
  expect(rows.every((r) => r.share === null)).toBe(true);
});

test('bound symbols rank by their value and give shares of the total', async () => {
  const rows = await hotspots({ batch: 100 });
  // sym: 24·100 = 2,400 FLOPs, second; m1 (40) drops out. Total 8,000 + 1,688 + 2,400 = 12,088.
  expect(rows.map((r) => r.name)).toEqual(['branch', 'sym', 'm2', 'm4', 'm10', 'm7', 'm6', 'm9', 'm3', 'm12']);
  expect(rows[1]).toMatchObject({ flops: 2400, macs: 1200 });
  expect(rows[0].share).toBeCloseTo(8000 / 12_088, 12);
  expect(rows[1].share).toBeCloseTo(2400 / 12_088, 12);
});
