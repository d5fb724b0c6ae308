import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { assertPluginOptions } from '../plugin/checked-setup.js';
import { type Plugin, type PluginRef, type PluginSpec, type Preset, isPlugin, isPreset } from '../plugin/define-plugin.js';
import { isLazyFormatPlugin, planLazyFormatPlugin } from '../plugin/lazy-format-plugin.js';
import type { AutodocConfig } from './define-config.js';

/** A plugin with its validated options, ready for `setup`. */
export interface ConfiguredPlugin {
  readonly plugin: Plugin<unknown>;
  readonly options: unknown;
}

/**
 * Flattens presets and plugins into one list. The same plugin name listed twice: the later entry
 * replaces the earlier one in place (so a config can re-configure a preset's plugin). Package names
 * are resolved with Node's own resolution from the config's folder.
 */
export async function resolvePlugins(config: AutodocConfig, baseDir: string, defaultPreset?: Preset): Promise<ConfiguredPlugin[]> {
  const specs: PluginSpec[] = [];
  const presets = config.presets ?? (config.plugins?.length ? [] : defaultPreset ? [defaultPreset] : []);
  for (const p of presets) {
    const preset = typeof p === 'string' ? await importExport(p, baseDir, isPreset, 'preset') : p;
    specs.push(...preset.plugins);
  }
  specs.push(...(config.plugins ?? []));

  const byName = new Map<string, ConfiguredPlugin>();
  for (const spec of specs) {
    const [ref, rawOptions] = Array.isArray(spec) ? (spec as [PluginRef, Record<string, unknown>]) : [spec as PluginRef, undefined];
    const plugin = typeof ref === 'string' ? await importExport(ref, baseDir, isPlugin, 'plugin') : isLazyFormatPlugin(ref) ? planLazyFormatPlugin(ref) : ref;
    const options = { ...(plugin.defaults as object | undefined), ...rawOptions };
    assertPluginOptions(plugin, options);
    byName.delete(plugin.name); // re-insert so order follows the last mention
    byName.set(plugin.name, { plugin: plugin as Plugin<unknown>, options });
  }
  return [...byName.values()];
}

async function importExport<T>(name: string, baseDir: string, accept: (x: unknown) => x is T, what: string): Promise<T> {
  let resolved: string;
  try {
    const target = name.startsWith('.') || path.isAbsolute(name) ? path.resolve(baseDir, name) : name;
    resolved = createRequire(path.join(baseDir, 'noop.js')).resolve(target);
  } catch {
    throw new AutodocError('PLUGIN_NOT_FOUND', `Cannot find ${what} "${name}".`, `Install it (npm install ${name}) next to your config, or fix the name.`);
  }
  const module = (await import(pathToFileURL(resolved).href)) as { default?: unknown };
  const value = module.default;
  if (!accept(value)) {
    throw new AutodocError('PLUGIN_NOT_FOUND', `"${name}" does not export a ${what} as its default export.`, `A ${what} package's default export comes from define${what === 'plugin' ? 'Plugin' : 'Preset'}().`);
  }
  return value;
}
