import { type AnalysisContext, definePlugin, dims, type Report, Stage } from '@autodoc/core';
import { AnalysisTester, ModelBuilder, tinyCnn, transformerEncoder } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import type { ArchitectureSection, BlockJsonValue } from './architecture-section.js';
import patterns from './index.js';

/** Stands in for the params/flops/memory plugins: fixed figures per op type, written at Stage.Count. */
const fakeCounts = definePlugin({
  name: 'test:counts',
  setup: () => ({
    apply(host) {
      host.hooks.analyze.tapPromise({ name: 'test:counts', stage: Stage.Count }, async (ctx: AnalysisContext) => {
        for (const node of ctx.graph.nodes) {
          if (node.opType === 'Conv') ctx.layers.set(node, { params: 100, macs: dims.mul(7, dims.sym('batch')), flops: dims.mul(14, dims.sym('batch')) });
          if (node.opType === 'Relu') ctx.layers.set(node, { outputBytes: 4 });
        }
      });
    },
  }),
});

async function run(model: ModelBuilder, plugins: unknown[] = [patterns], bindings: Record<string, number> = {}): Promise<{ a: ArchitectureSection; report: Report }> {
  const result = await new AnalysisTester({ plugins: plugins as never[] }).analyze(model, { bindings });
  return { a: (result.report as unknown as { architecture: ArchitectureSection }).architecture, report: result.report };
}

function find(blocks: readonly BlockJsonValue[], path: string): BlockJsonValue | undefined {
  for (const b of blocks) {
    if (b.path === path) return b;
    const inner = find(b.children, path);
    if (inner) return inner;
  }
  return undefined;
}

describe('block tree from exporter scopes', () => {
  it('sums other plugins\' per-node figures by block (tinyCnn block1: 2 Convs, 2 Relus)', async () => {
    const { a } = await run(tinyCnn(), [fakeCounts, patterns], { batch: 2 });
    const block1 = find(a.blocks, 'block1');
    // conv1 + conv2: params 2 × 100; MACs 2 × 7·batch = 14·batch (28 at batch 2); Relu bytes 2 × 4.
    expect(block1).toMatchObject({ nodeCount: 5, params: 200, macs: { total: 28, expression: '14*batch' }, flops: { total: 56, expression: '28*batch' }, outputBytes: { total: 8, expression: '8' } });
    // The leaf scopes under it: conv1 holds one Conv.
    expect(find(a.blocks, 'block1/conv1')).toMatchObject({ nodeCount: 1, params: 100 });
    // Unscoped: '/Flatten' has no scope.
    expect(a.unscopedNodes).toBe(1);
  });

  it('writes each node\'s block at the repeat-unit level into layers[]', async () => {
    const { report } = await run(transformerEncoder({ layers: 2 }));
    const block = (name: string) => report.layers?.find((l) => l.name === name)?.block;
    expect(block('/encoder/layer.1/attention/self/MatMul')).toBe('encoder/layer.1');
    expect(block('/encoder/layer.0/output/dense/MatMul')).toBe('encoder/layer.0');
    expect(block('/embeddings/word_embeddings/Gather')).toBe('embeddings');
  });

  it('caps depth (maxDepth) and size (maxBlocks), saying so', async () => {
    const deep = await run(transformerEncoder({ layers: 2 }), [[patterns, { maxDepth: 2 }]]);
    const depth = (b: BlockJsonValue): number => 1 + Math.max(0, ...b.children.map(depth));
    expect(Math.max(...deep.a.blocks.map(depth))).toBe(2);
    expect(deep.a.notes.join(' ')).toContain('maxDepth');
    const small = await run(transformerEncoder({ layers: 2 }), [[patterns, { maxBlocks: 3 }]]);
    // Breadth-first: the 3 top blocks (embeddings, encoder, pooler) and nothing below them.
    expect(small.a.blocks.map((b) => [b.path, b.children.length])).toEqual([['embeddings', 0], ['encoder', 0], ['pooler', 0]]);
    expect(small.a.blocks[1].omittedChildren).toBe(2);
    expect(small.a.omittedBlocks).toBeGreaterThan(0);
  });
});

describe('repeat groups of blocks without a kind', () => {
  it('group blocks of the same ops with the same weight shapes in the same order, and only those', async () => {
    const b = new ModelBuilder({ opset: 17 });
    let x = b.input('x', 'FLOAT', [4, 6]);
    // Mul then Add in every layer; layer.2 has the same two weight shapes as the others, swapped.
    const shapes: [number[], number[]][] = [
      [[1, 6], [6]],
      [[1, 6], [6]],
      [[6], [1, 6]],
    ];
    shapes.forEach(([mulShape, addShape], i) => {
      const scaled = b.node('Mul', [x, b.initializer(`w${i}`, 'FLOAT', mulShape)], { name: `/stack/layer.${i}/Mul` })[0];
      x = b.node('Add', [scaled, b.initializer(`b${i}`, 'FLOAT', addShape)], { name: `/stack/layer.${i}/Add` })[0];
    });
    b.output(x, 'FLOAT', [4, 6]);
    const { a } = await run(b);
    expect(a.blockSource).toBe('scopes');
    expect(a.repeats).toEqual([{ kind: 'layer.N', count: 2, blocks: ['stack/layer.0', 'stack/layer.1'], parents: ['stack'], stageCount: 1, variants: 1 }]);
  });
});

describe('block tree from structure (no name scopes)', () => {
  it('makes a block per residual span and recognises the repeated BasicBlocks', async () => {
    const b = new ModelBuilder({ opset: 17 });
    let x = b.input('x', 'FLOAT', [1, 8, 8, 8]);
    const conv = (v: string, i: number) =>
      b.node('Conv', [v, b.initializer(`w${i}`, 'FLOAT', [8, 8, 3, 3]), b.initializer(`b${i}`, 'FLOAT', [8])], { attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } })[0];
    for (let i = 0; i < 3; i++) {
      const h = conv(b.node('Relu', [conv(x, 2 * i)])[0], 2 * i + 1);
      x = b.node('Relu', [b.node('Add', [h, x])[0]])[0];
    }
    const pooled = b.node('Flatten', [b.node('GlobalAveragePool', [x])[0]])[0];
    b.output(b.node('Gemm', [pooled, b.initializer('fc', 'FLOAT', [10, 8])], { attrs: { transB: 1 } })[0], 'FLOAT', [1, 10]);
    const { a } = await run(b);
    expect(a.blockSource).toBe('structure');
    // Each span: Conv, Relu, Conv, Add, Relu (5 nodes); then GlobalAveragePool, Flatten, Gemm.
    expect(a.blocks.map((blk) => [blk.path, blk.kind ?? null, blk.nodeCount])).toEqual([
      ['residual.0', 'BasicBlock', 5],
      ['residual.1', 'BasicBlock', 5],
      ['residual.2', 'BasicBlock', 5],
      ['segment.0', null, 3],
    ]);
    expect(a.repeats).toEqual([{ kind: 'BasicBlock', count: 3, blocks: ['residual.0', 'residual.1', 'residual.2'], parents: [''], stageCount: 1, variants: 1 }]);
  });
});

describe('scopes or structure', () => {
  /** A chain of Relus, the first `scoped` of them named inside a scope, the rest without one. */
  function chainWithScopes(nodes: number, scoped: number): ModelBuilder {
    const b = new ModelBuilder({ opset: 17 });
    let x = b.input('x', 'FLOAT', [2, 3]);
    for (let i = 0; i < nodes; i++) x = b.node('Relu', [x], { name: i < scoped ? `/body/Relu_${i}` : `Relu_${i}` })[0];
    b.output(x, 'FLOAT', [2, 3]);
    return b;
  }

  it('takes blocks from scopes when at least half the nodes carry one, wherever they are', async () => {
    // 5 of 10 scoped: scopes; 4 of 10, or 4 of 9: structure. The scoped ones come first or last.
    expect((await run(chainWithScopes(10, 5))).a.blockSource).toBe('scopes');
    expect((await run(chainWithScopes(10, 4))).a.blockSource).toBe('structure');
    expect((await run(chainWithScopes(9, 4))).a.blockSource).toBe('structure');
    expect((await run(chainWithScopes(9, 5))).a.blockSource).toBe('scopes');
    const scopedLast = new ModelBuilder({ opset: 17 });
    let x = scopedLast.input('x', 'FLOAT', [2, 3]);
    for (let i = 0; i < 6; i++) x = scopedLast.node('Relu', [x], { name: i < 3 ? `Relu_${i}` : `/body/Relu_${i}` })[0];
    scopedLast.output(x, 'FLOAT', [2, 3]);
    expect((await run(scopedLast)).a.blockSource).toBe('scopes');
  });
});
