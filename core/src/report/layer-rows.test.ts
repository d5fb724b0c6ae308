import { describe, expect, it } from 'vitest';
import * as dims from '../dims/index.js';
import type { Dim } from '../dims/index.js';
import { definePlugin } from '../plugin/define-plugin.js';
import type { AnalysisContext } from '../plugin/contexts.js';
import { Stage } from '../plugin/stages.js';
import { AnalysisTester } from '../testing/analysis-tester.js';
import { ModelBuilder } from '../testing/model-builder.js';
import { lazyRowsJson } from '../testing/lazy-rows-json.js';
import { LayerRows } from './layer-rows.js';
import type { LayerFigures } from './layer-table.js';
import type { LayerRow, Report } from './report-types.js';

const batch = dims.sym('batch');

/** A plugin that writes the given figures by node name, in the graph and its bodies, and hands its context to `seen`. */
function figures(byName: Record<string, LayerFigures>, seen: (ctx: AnalysisContext) => void) {
  return definePlugin({
    name: 'test:figures',
    setup: () => ({
      apply(host) {
        host.hooks.analyze.tap({ name: 'test:figures', stage: Stage.Count }, (ctx: AnalysisContext) => {
          seen(ctx);
          const visit = (nodes: AnalysisContext['graph']['nodes']) => {
            for (const node of nodes) {
              const f = byName[node.name];
              if (f) ctx.layers.set(node, f);
              for (const body of node.subgraphs.values()) visit(body.nodes);
            }
          };
          visit(ctx.graph.nodes);
        });
      },
    }),
  });
}

/** MatMul in a scope, a Relu whose name needs escaping, a Clip with an empty input, an If with two bodies. */
function model(): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  b.input('x', 'FLOAT', ['batch', 4]);
  b.input('c', 'BOOL', []);
  b.initializer('w', 'FLOAT', [4, 2]);
  b.initializer('mx', 'FLOAT', []);
  b.node('MatMul', ['x', 'w'], { name: '/enc/MatMul', outputs: ['h'] });
  b.node('Relu', ['h'], { name: 'say "q"·層', outputs: ['r'] });
  b.node('Clip', ['r', null, 'mx'], { name: 'clip', outputs: ['y'] });
  const thenBranch = b.subgraph((g) => {
    g.node('Identity', ['y'], { name: 'then_id', outputs: ['t_out'] });
    g.output('t_out', 'FLOAT');
  }, 'then');
  const elseBranch = b.subgraph((g) => {
    g.node('Neg', ['y'], { name: 'else_neg', outputs: ['e_out'] });
    g.output('e_out', 'FLOAT');
  }, 'else');
  b.node('If', ['c'], { name: 'branch', outputs: ['z'], attrs: { then_branch: thenBranch, else_branch: elseBranch } });
  b.output('z');
  return b;
}

const modelFigures: Record<string, LayerFigures> = {
  '/enc/MatMul': { params: 8, macs: dims.mul(8, batch), flops: dims.mul(16, batch), outputBytes: dims.mul(32, batch), costStatus: 'counted' },
  'say "q"·層': { macs: 0, flops: batch, costStatus: 'free', block: 'custom.block' },
  clip: { costStatus: 'unknown' },
  // 2^50 · batch: past 2^53 once batch is 64, so written as a decimal string.
  then_id: { macs: dims.mul(2 ** 50, batch), outputBytes: 2 ** 60 },
};

/**
 * The rows worked out by hand from the figures above, with `batch` unbound or bound. A symbolic
 * figure carries its expression whether or not the bindings give it a value.
 */
function expectedRows(bound?: number): LayerRow[] {
  const at = (k: number) => (bound === undefined ? null : k * bound);
  const bodyMacs = bound === undefined ? null : String(2n ** 50n * BigInt(bound));
  return [
    {
      name: '/enc/MatMul',
      opType: 'MatMul',
      domain: 'ai.onnx',
      inputs: ['x', 'w'],
      outputs: ['h'],
      params: 8,
      macs: at(8),
      flops: at(16),
      outputBytes: at(32),
      block: 'enc',
      costStatus: 'counted',
      macsExpression: '8*batch', flopsExpression: '16*batch', outputBytesExpression: '32*batch',
    },
    { name: 'say "q"·層', opType: 'Relu', domain: 'ai.onnx', inputs: ['h'], outputs: ['r'], params: null, macs: 0, flops: at(1), outputBytes: null, block: 'custom.block', costStatus: 'free', flopsExpression: 'batch' },
    { name: 'clip', opType: 'Clip', domain: 'ai.onnx', inputs: ['r', '', 'mx'], outputs: ['y'], params: null, macs: null, flops: null, outputBytes: null, block: '(root)', costStatus: 'unknown' },
    { name: 'branch', opType: 'If', domain: 'ai.onnx', inputs: ['c'], outputs: ['z'], params: null, macs: null, flops: null, outputBytes: null, block: '(root)' },
    // Bodies follow the graph, breadth first; their rows carry the body's path (`<graph>/<node>/<attribute>`).
    { name: 'then_id', opType: 'Identity', domain: 'ai.onnx', inputs: ['y'], outputs: ['t_out'], params: null, macs: bodyMacs, flops: null, outputBytes: 2 ** 60, block: '(root)', macsExpression: '1125899906842624*batch', path: 'main/branch/then_branch' },
    { name: 'else_neg', opType: 'Neg', domain: 'ai.onnx', inputs: ['y'], outputs: ['e_out'], params: null, macs: null, flops: null, outputBytes: null, block: '(root)', path: 'main/branch/else_branch' },
  ];
}

/**
 * The run's report (or its error), and its `layers[]` as a LayerRows over the run's graph and figures:
 * models this small get their rows made at once, so the tests reach the writer through it (a model of
 * 16,384 nodes or more has its rows written that way).
 */
async function analyze(m: ModelBuilder, byName: Record<string, LayerFigures>, bindings: Record<string, number> = {}): Promise<{ report?: Report; error?: unknown; rows: LayerRows }> {
  let ctx: AnalysisContext | undefined;
  const tester = new AnalysisTester({ plugins: [figures(byName, (c) => void (ctx = c))] });
  const outcome = await tester.analyze(m, { bindings }).then(
    (result) => ({ report: result.report }),
    (error: unknown) => ({ error }),
  );
  const seen = ctx as AnalysisContext;
  return { ...outcome, rows: new LayerRows({ nodes: seen.allNodes(), rootPath: seen.graph.path, layers: seen.layers, bindings }) };
}

describe('layers[]', () => {
  it.each([
    ['unbound', undefined],
    ['bound', 64],
  ])('holds one row per node, figures as worked out by hand (batch %s)', async (_, bound) => {
    const { report, rows } = await analyze(model(), modelFigures, bound === undefined ? {} : { batch: bound });
    expect(() => rows.assertFigures()).not.toThrow();
    expect(report?.layers).toEqual(expectedRows(bound));
    expect(rows.make()).toEqual(expectedRows(bound));
    expect(lazyRowsJson(rows)).toBe(JSON.stringify(expectedRows(bound)));
  });

  it('keeps each row its own figures when op kinds with different figures interleave (more kinds than it remembers)', async () => {
    // Twelve op kinds in a repeating chain; kind k has k·batch FLOPs, kind 0 none.
    const ops = ['Relu', 'Neg', 'Abs', 'Exp', 'Log', 'Sqrt', 'Sigmoid', 'Tanh', 'Floor', 'Ceil', 'Sin', 'Cos'];
    const b = new ModelBuilder({ opset: 17 });
    let x = b.input('x', 'FLOAT', ['batch', 4]);
    const byName: Record<string, LayerFigures> = {};
    for (let i = 0; i < 60; i++) {
      const k = (i * 5) % ops.length;
      [x] = b.node(ops[k], [x], { name: `n${i}` });
      if (k > 0) byName[`n${i}`] = { flops: dims.mul(k, batch), costStatus: 'counted', block: `b${i % 2}` };
    }
    b.output(x);
    const { report, rows: source } = await analyze(b, byName, { batch: 3 });
    const streamed = lazyRowsJson(source);
    expect(streamed).toBe(JSON.stringify(report?.layers));
    const rows = JSON.parse(streamed) as LayerRow[];
    expect(rows).toHaveLength(60);
    for (const [i, row] of rows.entries()) {
      const k = (i * 5) % ops.length;
      expect(row.opType).toBe(ops[k]);
      expect([row.flops, row.block, row.costStatus]).toEqual(k > 0 ? [3 * k, `b${i % 2}`, 'counted'] : [null, '(root)', undefined]);
    }
  });

  it('copies names from the reader\'s bytes in a graph kept in columns, and spells the others as JSON.stringify does', async () => {
    // 300 nodes: the reader keeps a graph of 256 nodes or more in columns, names as UTF-8 bytes.
    const special = ['say "hi"', 'back\\slash', 'ñ·層', '', 'tab\tname'];
    const b = new ModelBuilder({ opset: 17 });
    let x = b.input('x', 'FLOAT', ['batch', 4]);
    b.initializer('lo', 'FLOAT', []);
    for (let i = 0; i < 300; i++) {
      const name = i < special.length ? special[i] : `n${i}`;
      // Clip with its min left empty: an optional input written as ''.
      [x] = i % 2 === 0 ? b.node('Relu', [x], { name, outputs: [i === 2 ? 'out "q" ñ' : `t${i}`] }) : b.node('Clip', [x, null, 'lo'], { name, outputs: [`t${i}`] });
    }
    b.output(x);
    const { report, rows } = await analyze(b, {});
    const streamed = lazyRowsJson(rows);
    expect(streamed).toBe(JSON.stringify(report?.layers));
    const parsed = JSON.parse(streamed) as LayerRow[];
    expect(parsed.slice(0, 5).map((r) => [r.name, r.inputs, r.outputs])).toEqual([
      ['say "hi"', ['x'], ['t0']],
      ['back\\slash', ['t0', '', 'lo'], ['t1']],
      ['ñ·層', ['t1'], ['out "q" ñ']],
      // A node the file leaves unnamed is named after its op and position.
      ['Clip_3', ['out "q" ñ', '', 'lo'], ['t3']],
      ['tab\tname', ['t3'], ['t4']],
    ]);
    expect(parsed[299]).toMatchObject({ name: 'n299', inputs: ['t298', '', 'lo'], outputs: ['t299'] });
  });

  it.each<[string, LayerFigures, Record<string, number>, RegExp]>([
    ['negative MACs', { macs: -3 }, {}, /\/layers\/1: macs is -3/],
    ['fractional params', { params: 1.5 }, {}, /\/layers\/1: params is 1.5/],
    ['a block that is not a string', { block: 5 as unknown as string }, {}, /\/layers\/1: block is 5, not a string/],
    ['an expression negative under the bindings', { flops: dims.sub(batch, 10) as Dim }, { batch: 3 }, /\/layers\/1: flops is -7/],
  ])('stops the run with REPORT_INVALID for %s, before any output', async (_, bad, bindings, message) => {
    const { error, rows } = await analyze(model(), { ...modelFigures, 'say "q"·層': bad }, bindings);
    // Rows made at once (this model) check as they are made; rows kept for later are checked before the report is done.
    expect(error).toMatchObject({ code: 'REPORT_INVALID', message });
    expect(() => rows.assertFigures()).toThrow(message);
    expect(() => rows.make()).toThrow(message);
    expect(() => lazyRowsJson(rows)).toThrow(message);
  });
});
