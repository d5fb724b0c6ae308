import { Type } from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { definePlugin } from '../plugin/define-plugin.js';
import { Stage } from '../plugin/stages.js';
import { AnalysisTester } from '../testing/analysis-tester.js';
import { ModelBuilder } from '../testing/model-builder.js';
import { chain } from '../testing/models/chain.js';
import { drainWhilePending, signal } from './drain-test-helpers.js';

function tinyModel() {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', ['batch', 4]);
  const w = b.initializer('w', 'FLOAT', [4, 2]);
  const [h] = b.node('MatMul', [x, w], { name: '/layer1/MatMul' });
  const [y] = b.node('Relu', [h], { name: '/layer1/Relu' });
  b.output(y);
  return b;
}

describe('analyzeModel lifecycle', () => {
  it('runs analyze taps by stage, then requires, then registration order', async () => {
    const calls: string[] = [];
    const tap = (name: string, stage: number, requires?: string[]) =>
      definePlugin({
        name,
        setup: () => ({
          requires,
          apply({ hooks }) {
            hooks.analyze.tap({ name, stage }, () => void calls.push(name));
          },
        }),
      });
    const tester = new AnalysisTester({
      plugins: [tap('risks', Stage.Risks), tap('memory', Stage.Derive, ['flops']), tap('flops', Stage.Derive), tap('shapes', Stage.Shapes), tap('params', Stage.Count)],
    });
    await tester.analyze(tinyModel());
    expect(calls).toEqual(['shapes', 'params', 'flops', 'memory', 'risks']);
  });

  it('builds the core report: model facts, inputs with symbolic dims, layers with name scopes', async () => {
    const { report } = await new AnalysisTester({ plugins: [] }).analyze(tinyModel());
    expect(report.schemaVersion).toBe('1.0.0');
    expect(report.model.opsetImports).toEqual({ 'ai.onnx': 17 });
    expect(report.model.inputs).toEqual([{ name: 'x', dtype: 'FLOAT', shape: ['batch', 4] }]);
    expect(report.dims.symbols).toEqual(['batch']);
    expect(report.layers?.map((l) => [l.name, l.opType, l.block])).toEqual([
      ['/layer1/MatMul', 'MatMul', 'layer1'],
      ['/layer1/Relu', 'Relu', 'layer1'],
    ]);
    expect(Object.isFrozen(report)).toBe(true);
    expect(Object.isFrozen(report.model.inputs[0])).toBe(true);
  });

  it('leaves layers out with summary, and with omitLayers', async () => {
    const tester = new AnalysisTester({ plugins: [] });
    expect((await tester.analyze(tinyModel(), { summary: true })).report.layers).toBeUndefined();
    expect((await tester.analyze(tinyModel(), { omitLayers: true })).report.layers).toBeUndefined();
    expect((await tester.analyze(tinyModel(), {})).report.layers).toHaveLength(2);
  });

  it('wraps a throwing plugin in PLUGIN_ERROR naming plugin, hook and stage', async () => {
    const broken = definePlugin({
      name: 'acme:broken',
      setup: () => ({
        apply({ hooks }) {
          hooks.analyze.tapPromise({ name: 'whatever', stage: Stage.Count }, async () => {
            throw new TypeError('cannot read properties of undefined');
          });
        },
      }),
    });
    await expect(new AnalysisTester({ plugins: [broken] }).analyze(tinyModel())).rejects.toMatchObject({
      code: 'PLUGIN_ERROR',
      message: expect.stringMatching(/plugin "acme:broken" \(hook analyze, stage Count\) failed: cannot read properties/),
    });
  });

  it('validates sections against their schema and refuses undeclared ones', async () => {
    const section = (value: unknown, declare: boolean) =>
      definePlugin({
        name: 'acme:section',
        setup: () => ({
          sections: declare ? [{ key: 'acme', title: 'Acme', schema: Type.Object({ score: Type.Integer() }) }] : [],
          apply({ hooks }) {
            hooks.analyze.tap({ name: 'acme:section', stage: Stage.Summarize }, (ctx) => ctx.setSection('acme', value));
          },
        }),
      });
    const ok = await new AnalysisTester({ plugins: [section({ score: 3 }, true)] }).analyze(tinyModel());
    expect(ok.report.acme).toEqual({ score: 3 });
    await expect(new AnalysisTester({ plugins: [section({ score: 'high' }, true)] }).analyze(tinyModel())).rejects.toMatchObject({ code: 'REPORT_INVALID', message: expect.stringContaining('/acme/score') });
    await expect(new AnalysisTester({ plugins: [section({ score: 3 }, false)] }).analyze(tinyModel())).rejects.toMatchObject({ code: 'REPORT_INVALID' });
  });

  it('lets finalize taps edit the draft before validation (redaction)', async () => {
    const redact = definePlugin({
      name: 'acme:redact',
      setup: () => ({
        apply({ hooks }) {
          hooks.finalize.tap('acme:redact', ({ report }) => {
            (report.model as { producer: string }).producer = '[redacted]';
          });
        },
      }),
    });
    const { report } = await new AnalysisTester({ plugins: [redact] }).analyze(tinyModel());
    expect(report.model.producer).toBe('[redacted]');
  });

  it('gives finalize taps layers[] rows frozen when made: a tap replaces the list to change them', async () => {
    const finalizer = (name: string, edit: (layers: Record<string, unknown>[]) => Record<string, unknown>[] | undefined) =>
      definePlugin({
        name,
        setup: () => ({
          apply({ hooks }) {
            hooks.finalize.tap(name, ({ report }) => {
              const replaced = edit(report.layers as Record<string, unknown>[]);
              if (replaced) report.layers = replaced;
            });
          },
        }),
      });
    const redacted = await new AnalysisTester({ plugins: [finalizer('acme:redact', (rows) => rows.map((row) => ({ ...row, name: '[redacted]' })))] }).analyze(tinyModel());
    expect(redacted.report.layers?.map((l) => l.name)).toEqual(['[redacted]', '[redacted]']);
    expect(Object.isFrozen(redacted.report.layers?.[0])).toBe(true);
    expect(Object.isFrozen(redacted.report.layers?.[0].inputs)).toBe(true);
    const inPlace = finalizer('acme:in-place', (rows) => {
      rows[0].name = 'x';
      return undefined;
    });
    await expect(new AnalysisTester({ plugins: [inPlace] }).analyze(tinyModel())).rejects.toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringContaining('acme:in-place') });
    const { report } = await new AnalysisTester({ plugins: [] }).analyze(tinyModel());
    expect(Object.isFrozen(report.layers?.[1])).toBe(true);
    expect(Object.isFrozen(report.layers?.[1].outputs)).toBe(true);
  });
});

describe('run budget between plugins', () => {
  // A tap of each kind after the one that overruns: tapable calls them differently (a promise tap
  // outside any try), and each must turn the budget's error into the hook's rejection. The budget
  // (300 ms) leaves room to load and build the model on a loaded machine; 50 ms did not always.
  it.each(['tap', 'tapAsync', 'tapPromise'] as const)('rejects with RESOURCE_LIMIT (not an uncaught exception) when a plugin overruns the time budget, before a %s plugin', async (kind) => {
    const slow = definePlugin({
      name: 'acme:slow',
      setup: () => ({
        apply({ hooks }) {
          hooks.analyze.tapPromise({ name: 'acme:slow', stage: Stage.Count }, () => new Promise((resolve) => setTimeout(resolve, 600)));
        },
      }),
    });
    let ran = false;
    const next = definePlugin({
      name: 'acme:next',
      setup: () => ({
        apply({ hooks }) {
          const options = { name: 'acme:next', stage: Stage.Derive };
          if (kind === 'tap') hooks.analyze.tap(options, () => void (ran = true));
          else if (kind === 'tapAsync') hooks.analyze.tapAsync(options, (_ctx, done) => {
            ran = true;
            done();
          });
          else hooks.analyze.tapPromise(options, async () => void (ran = true));
        },
      }),
    });
    await expect(new AnalysisTester({ plugins: [slow, next] }).analyze(tinyModel(), { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'RESOURCE_LIMIT',
      message: expect.stringContaining('acme:next'),
    });
    expect(ran).toBe(false);
  });
});

describe('run budget within a plugin that never returns', () => {
  // The budget's checks cannot reach a plugin that waits or loops inside one call. With `onStuck`
  // (the CLI's), a watchdog thread ends such a run a second past the budget: through the run's
  // promise when the main thread is free to hear it (tested here), by calling `onStuck` inside a
  // loop that never returns (that exits the process: tests/hostile/hostile-cli.test.ts).
  const waiting = (name: string, ms: number) =>
    definePlugin({
      name,
      setup: () => ({
        apply({ hooks }) {
          // No budget check can run while the plugin waits on its own timer.
          hooks.analyze.tapPromise({ name, stage: Stage.Count }, () => new Promise((resolve) => setTimeout(resolve, ms)));
        },
      }),
    });
  // The watchdog calls onStuck from the inspector, where a throw reaches no test: calls are counted.
  let stuckCalls = 0;
  const notStuck = (): never => {
    stuckCalls++;
    throw new Error('onStuck must not be called: the main thread was free');
  };
  afterEach(() => {
    expect(stuckCalls).toBe(0);
  });

  it('ends a run whose plugin is still waiting a second past the budget with RESOURCE_LIMIT naming it', async () => {
    const started = performance.now();
    await expect(new AnalysisTester({ plugins: [waiting('acme:slow', 20_000)] }).analyze(tinyModel(), { timeoutMs: 200, onStuck: notStuck })).rejects.toMatchObject({
      code: 'RESOURCE_LIMIT',
      message: expect.stringMatching(/time budget of 0\.2 s without returning .*\(in plugin acme:slow\)/),
      hint: expect.stringContaining('--timeout'),
    });
    // The budget and its grace, not the plugin's 20 s.
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_200);
    expect(elapsed).toBeLessThan(15_000);
  });

  it("watches autodoc's own plugins on a graph of 10,000 nodes or more, and not on a small one", async () => {
    await expect(new AnalysisTester({ plugins: [waiting('autodoc:slow', 20_000)] }).analyze(chain(10_000), { timeoutMs: 1_000, onStuck: notStuck })).rejects.toMatchObject({
      code: 'RESOURCE_LIMIT',
      message: expect.stringContaining('(in plugin autodoc:slow)'),
    });
    // On a small graph ours are not watched: the plugin's wait ends, then the next check stops the run.
    await expect(new AnalysisTester({ plugins: [waiting('autodoc:slow', 2_500)] }).analyze(tinyModel(), { timeoutMs: 200, onStuck: notStuck })).rejects.toMatchObject({
      code: 'RESOURCE_LIMIT',
      message: expect.stringContaining('(while finishing the analysis)'),
    });
  });

  it('ends with PLUGIN_ERROR a run left waiting on a promise nothing settles, when the process runs out of work', async () => {
    const entered = signal();
    const never = definePlugin({
      name: 'acme:never',
      setup: () => ({
        apply({ hooks }) {
          hooks.analyze.tapPromise({ name: 'acme:never', stage: Stage.Count }, (ctx) => {
            ctx.checkBudget('asking the oracle');
            entered.fire();
            return new Promise(() => {});
          });
        },
      }),
    });
    const run = new AnalysisTester({ plugins: [never] }).analyze(tinyModel());
    await drainWhilePending(run, entered.promise);
    await expect(run).rejects.toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringContaining('(in plugin acme:never, last check: asking the oracle)') });
  });

  it('does not stop a run that ends within its budget, however long its last step', async () => {
    const busy = definePlugin({
      name: 'acme:busy',
      setup: () => ({
        apply({ hooks }) {
          hooks.analyze.tap({ name: 'acme:busy', stage: Stage.Count }, () => {
            const until = performance.now() + 300;
            while (performance.now() < until);
          });
        },
      }),
    });
    const { report } = await new AnalysisTester({ plugins: [busy] }).analyze(tinyModel(), { timeoutMs: 1_000, onStuck: notStuck });
    expect(report.layers).toHaveLength(2);
  });
});
