import { type FormatDefinition, isLazyFormatPlugin, isPlugin, type LazyFormatPlugin } from '@autodoc/core';
import { describe, expect, it } from 'vitest';
import recommended from './index.js';

const summary = (f: FormatDefinition) => ({ id: f.id, extension: f.extension, description: f.description, aliases: f.aliases });

describe('the recommended preset names its formats without loading them', () => {
  const lazy = recommended.plugins.filter(isLazyFormatPlugin) as LazyFormatPlugin[];

  it('names all six built-in format packages lazily, and loads every analysis plugin up front', () => {
    expect(lazy.map((p) => p.name).sort()).toEqual(['csv', 'html', 'json', 'markdown', 'pdf', 'terminal'].map((id) => `autodoc:format-${id}`));
    expect(recommended.plugins.filter((p) => !isLazyFormatPlugin(p)).every(isPlugin)).toBe(true);
  });

  // The declarations repeat what each package says of itself; this keeps them in step.
  it.each(lazy.map((p) => [p.name, p] as const))('%s: the declaration matches the package', async (_name, declared) => {
    const plugin = ((await declared.load()) as { default: unknown }).default;
    expect(isPlugin(plugin)).toBe(true);
    if (!isPlugin(plugin)) return;
    expect(plugin.name).toBe(declared.name);
    expect(plugin.description).toBe(declared.description);
    const contributions = plugin.setup(plugin.defaults ?? {});
    expect(Object.keys(contributions)).toEqual(['formats']);
    expect((contributions.formats ?? []).map(summary)).toEqual(declared.formats.map((f) => ({ aliases: undefined, ...f })));
  });
});
