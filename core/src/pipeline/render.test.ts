import { describe, expect, it } from 'vitest';
import type { FormatDefinition } from '../plugin/contributions.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { AnalysisTester } from '../testing/analysis-tester.js';
import { ModelBuilder } from '../testing/model-builder.js';
import { drainWhilePending, signal } from './drain-test-helpers.js';
import { renderReport } from './render.js';

function tinyModel() {
  const b = new ModelBuilder({ opset: 17 });
  const [y] = b.node('Relu', [b.input('x', 'FLOAT', [2])]);
  b.output(y);
  return b;
}

/** A plugin with a format whose render returns `render()`, and a render-hook tap returning `tap()`. */
function withFormat(render: FormatDefinition['render'], tap: () => Promise<void> = async () => {}) {
  return definePlugin({
    name: 'acme:format',
    setup: () => ({
      formats: [{ id: 'acme', extension: 'txt', description: 'A test format.', render }],
      apply({ hooks }) {
        hooks.render.tapPromise('acme:format', tap);
      },
    }),
  });
}

describe('renderReport', () => {
  it('renders each requested format once, by id', async () => {
    const result = await new AnalysisTester({ plugins: [withFormat((report) => report.model.fileName.toUpperCase())] }).analyze(tinyModel());
    const files = await renderReport(result, ['acme'], { baseName: 'tiny' });
    expect(files).toEqual([{ format: 'acme', fileName: 'tiny.txt', contents: result.report.model.fileName.toUpperCase() }]);
  });

  it('ends a render still waiting a second past the run budget with RESOURCE_LIMIT, when the caller gives onStuck', async () => {
    const slow = withFormat(() => new Promise<string>((resolve) => setTimeout(() => resolve('late'), 20_000)));
    // The watchdog calls onStuck from the inspector, where a throw reaches no test: calls are counted.
    let stuckCalls = 0;
    const notStuck = (): never => {
      stuckCalls++;
      throw new Error('onStuck must not be called: the main thread was free');
    };
    const result = await new AnalysisTester({ plugins: [slow] }).analyze(tinyModel(), { timeoutMs: 300, onStuck: notStuck });
    await expect(renderReport(result, ['acme'])).rejects.toMatchObject({
      code: 'RESOURCE_LIMIT',
      message: expect.stringMatching(/time budget of 0\.3 s without returning .*rendering acme/),
    });
    expect(stuckCalls).toBe(0);
  });

  it('ends with PLUGIN_ERROR naming the format when its render waits on a promise nothing settles', async () => {
    const entered = signal();
    const never = withFormat(() => {
      entered.fire();
      return new Promise<string>(() => {});
    });
    const result = await new AnalysisTester({ plugins: [never] }).analyze(tinyModel());
    const rendering = renderReport(result, ['acme']);
    await drainWhilePending(rendering, entered.promise);
    await expect(rendering).rejects.toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringContaining('format "acme" waits on a promise') });
  });

  it('ends with PLUGIN_ERROR when a render-hook tap waits on a promise nothing settles', async () => {
    const entered = signal();
    const never = withFormat(
      () => 'text',
      () => {
        entered.fire();
        return new Promise<void>(() => {});
      },
    );
    const result = await new AnalysisTester({ plugins: [never] }).analyze(tinyModel());
    const rendering = renderReport(result, ['acme']);
    await drainWhilePending(rendering, entered.promise);
    await expect(rendering).rejects.toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringContaining('a tap of the render hook waits on a promise') });
  });
});
