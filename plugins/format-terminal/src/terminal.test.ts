import { fileURLToPath } from 'node:url';
import type { FormatRenderContext } from '@autodoc/core';
import { FormatTester, tinyCnn } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, { terminalFormat } from './index.js';
import { useColor } from './terminal.js';
import { analyzeBuilder, demoPlugin, hostileModel, matchGolden, symbolicReport } from '../../../tests/fixtures/format-fixtures.js';

const goldenDir = fileURLToPath(new URL('./__golden__', import.meta.url));
const ctx = (options: Record<string, unknown> = {}): FormatRenderContext => ({
  options,
  sections: [],
  template: () => undefined,
  renderFormat: () => Promise.reject(new Error('unused')),
});

describe('terminal format', () => {
  it('prints a compact tinyCnn summary without colour when not a TTY (golden)', async () => {
    const result = await analyzeBuilder(tinyCnn(), 'tiny-cnn.onnx', [plugin, demoPlugin], { batch: 1 });
    const text = await new FormatTester('terminal').renderText(result, { color: false });
    expect(text).toBe(matchGolden(goldenDir, 'tiny-cnn.txt', text).expected);
    expect(text).not.toContain('\u001b');
    expect(text.split('\n')[0]).toMatch(/^tiny-cnn\.onnx /);
    expect(text).toContain('Inputs   x FLOAT [1, 3, 32, 32]');
    if (result.report.graph) expect(text).toMatch(/Nodes +15\n/);
    // tinyCnn docs: 5,329,216 MACs per sample.
    if (result.report.cost) expect(text).toMatch(/MACs +5\.33 M MACs \(5,329,216\)/);
    expect(text).toContain('Demo analysis');
    expect(text.split('\n').length).toBeLessThan(80);
  });

  it('shows symbolic totals as expressions', async () => {
    const text = String(await terminalFormat.render(symbolicReport(), ctx({ color: false })));
    expect(text).toMatch(/MACs +2\*batch\*sequence \+ 4 MACs/);
    expect(text).toContain('▲ RISK_DYNAMIC_SHAPES');
  });

  it('colours only on a TTY without NO_COLOR, and strips control characters from model text', async () => {
    expect(useColor(undefined, {}, true)).toBe(true);
    expect(useColor(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor(undefined, {}, false)).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' }, false)).toBe(true);
    const result = await analyzeBuilder(hostileModel(), 'hostile.onnx', [plugin, demoPlugin]);
    const text = await new FormatTester('terminal').renderText(result, { color: true });
    // Only our own SGR sequences (ESC [ digits m) remain; the model's ESC and BEL are gone.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(text.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(text).toContain('[31mred[0m');
  });
});
