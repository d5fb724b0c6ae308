import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../pipeline/render.js';
import { AnalysisTester } from '../testing/analysis-tester.js';
import { ModelBuilder } from '../testing/model-builder.js';
import type { FormatDefinition } from './contributions.js';
import { definePlugin, type PluginContributions, type PluginSpec } from './define-plugin.js';
import { type FormatSummary, lazyFormatPlugin } from './lazy-format-plugin.js';

function tinyModel() {
  const b = new ModelBuilder({ opset: 17 });
  const [y] = b.node('Relu', [b.input('x', 'FLOAT', [2])]);
  b.output(y);
  return b;
}

/** A format that writes the model's file name, an option and a template, as a real package would. */
const upperFormat: FormatDefinition = {
  id: 'upper',
  extension: 'txt',
  aliases: ['up'],
  description: 'Upper-case model name.',
  optionsSchema: Type.Object({ suffix: Type.Optional(Type.String()) }, { additionalProperties: false }),
  templates: { greeting: 'from the package', other: 'package only' },
  render: (report, ctx) => `${report.model.fileName.toUpperCase()}${String(ctx.options.suffix ?? '')} ${ctx.template('greeting')} / ${ctx.template('other')}`,
};

const declared: FormatSummary[] = [{ id: 'upper', extension: 'txt', aliases: ['up'], description: 'Upper-case model name.' }];

/** A lazily named plugin whose `load` counts its calls and returns `plugin` (default: the real one). */
function lazyUpper(plugin: unknown = definePlugin({ name: 'test:upper', setup: () => ({ formats: [upperFormat] }) }), formats = declared) {
  const loads = { count: 0 };
  const lazy = lazyFormatPlugin({
    name: 'test:upper',
    formats,
    load: async () => {
      loads.count++;
      return { default: plugin };
    },
  });
  return { lazy, loads };
}

async function analyzeWith(spec: PluginSpec) {
  return new AnalysisTester({ plugins: [spec] }).analyze(tinyModel());
}

describe('lazyFormatPlugin', () => {
  it('lists its formats and aliases without loading, then loads once, on the first render', async () => {
    const { lazy, loads } = lazyUpper();
    const result = await analyzeWith(lazy);
    expect(loads.count).toBe(0);
    expect([...result.run.formats.keys()].sort()).toEqual(['up', 'upper']);
    expect(result.run.formats.get('up')).toMatchObject({ id: 'upper', extension: 'txt', description: 'Upper-case model name.' });

    const files = await renderReport(result, ['upper', 'up'], { formatOptions: { upper: { suffix: '!' } }, templates: { greeting: 'from the user' } });
    expect(loads.count).toBe(1);
    // The real format renders: its options, the user's template first, else the package's own.
    expect(files.map((f) => [f.fileName, f.contents])).toEqual([
      ['report.txt', 'MODEL.ONNX! from the user / package only'],
      ['report.txt', 'MODEL.ONNX! from the user / package only'],
    ]);
    await renderReport(result, ['upper']);
    expect(loads.count).toBe(1);
  });

  it("validates the format's options against the loaded format's schema", async () => {
    const result = await analyzeWith(lazyUpper().lazy);
    await expect(renderReport(result, ['upper'], { formatOptions: { upper: { bogus: 1 } } })).rejects.toMatchObject({ code: 'OPTIONS_INVALID', message: expect.stringContaining('Options of format "upper"') });
  });

  it("merges the loaded plugin's defaults into the config's options and validates them against its schema", async () => {
    const seen: unknown[] = [];
    const plugin = definePlugin<{ level: number }>({
      name: 'test:upper',
      optionsSchema: Type.Object({ level: Type.Integer({ maximum: 3 }) }, { additionalProperties: false }),
      defaults: { level: 1 },
      setup: (options) => {
        seen.push(options);
        return { formats: [upperFormat] };
      },
    });
    await renderReport(await analyzeWith([lazyUpper(plugin).lazy, {}]), ['upper']);
    expect(seen).toEqual([{ level: 1 }]);
    const tooHigh = await analyzeWith([lazyUpper(plugin).lazy, { level: 9 }]);
    await expect(renderReport(tooHigh, ['upper'])).rejects.toMatchObject({ code: 'OPTIONS_INVALID', message: expect.stringContaining('Options of plugin "test:upper"') });
  });

  it('fails with a coded error when the package cannot load or does not match its declaration', async () => {
    const failing = lazyFormatPlugin({
      name: 'test:upper',
      formats: declared,
      load: () => Promise.reject(new Error("Cannot find package '@acme/upper'")),
    });
    await expect(renderReport(await analyzeWith(failing), ['upper'])).rejects.toMatchObject({ code: 'PLUGIN_NOT_FOUND', message: expect.stringContaining('@acme/upper') });

    const cases: [unknown, FormatSummary[], string][] = [
      [{ not: 'a plugin' }, declared, 'not a plugin'],
      [definePlugin({ name: 'test:other', setup: () => ({ formats: [upperFormat] }) }), declared, 'loaded the plugin "test:other"'],
      [definePlugin({ name: 'test:upper', setup: () => ({ formats: [] }) }), declared, 'has no format "upper"'],
      [definePlugin({ name: 'test:upper', setup: () => ({ formats: [upperFormat] }) }), [{ ...declared[0], extension: 'md' }], 'as .txt, declared .md'],
      [definePlugin({ name: 'test:upper', setup: (): PluginContributions => ({ formats: [upperFormat], apply: () => {} }) }), declared, 'contributes apply besides formats'],
      [
        definePlugin({
          name: 'test:upper',
          setup: () => {
            throw new Error('boom');
          },
        }),
        declared,
        'failed in setup: boom',
      ],
    ];
    for (const [plugin, formats, message] of cases) {
      const result = await analyzeWith(lazyUpper(plugin, formats).lazy);
      await expect(renderReport(result, ['upper'])).rejects.toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringContaining(message), hint: expect.any(String) });
    }
  });

  it('is replaced by a later mention of the same plugin name, as any plugin is', async () => {
    const eager = definePlugin({ name: 'test:upper', setup: () => ({ formats: [{ ...upperFormat, render: () => 'eager' }] }) });
    const { lazy, loads } = lazyUpper();
    const result = await new AnalysisTester({ plugins: [lazy, eager] }).analyze(tinyModel());
    expect((await renderReport(result, ['upper']))[0].contents).toBe('eager');
    expect(loads.count).toBe(0);
  });
});
