import { describe, expect, it, vi } from 'vitest';
import { createRunner } from './container.js';
import { definePlugin, definePreset } from './plugin/define-plugin.js';

const own = definePlugin({ name: 'own', setup: () => ({}) });
const fromPreset = definePlugin({ name: 'from-preset', setup: () => ({}) });
const preset = definePreset({ name: 'default', plugins: [fromPreset] });

describe('createRunner: the default preset', () => {
  it('is loaded and used when the config names no presets and no plugins', async () => {
    const load = vi.fn(async () => preset);
    const runner = await createRunner({ config: {}, defaultPreset: load });
    expect(load).toHaveBeenCalledTimes(1);
    expect(runner.plugins.map((p) => p.plugin.name)).toEqual(['from-preset']);
  });

  it('is never loaded when the config names its own plugins', async () => {
    const load = vi.fn(async () => preset);
    const runner = await createRunner({ config: { plugins: [own] }, defaultPreset: load });
    expect(load).not.toHaveBeenCalled();
    expect(runner.plugins.map((p) => p.plugin.name)).toEqual(['own']);
  });

  it('is never loaded when the config names presets', async () => {
    const load = vi.fn(async () => preset);
    const runner = await createRunner({ config: { presets: [definePreset({ name: 'other', plugins: [own] })] }, defaultPreset: load });
    expect(load).not.toHaveBeenCalled();
    expect(runner.plugins.map((p) => p.plugin.name)).toEqual(['own']);
  });

  it('may also be given as the preset itself', async () => {
    const runner = await createRunner({ config: {}, defaultPreset: preset });
    expect(runner.plugins.map((p) => p.plugin.name)).toEqual(['from-preset']);
  });
});
