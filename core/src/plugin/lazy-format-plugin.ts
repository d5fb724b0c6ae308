import { AutodocError } from '../diagnostics/autodoc-error.js';
import { assertFormatOptions, assertPluginOptions, setUpPlugin } from './checked-setup.js';
import type { FormatDefinition } from './contributions.js';
import { definePlugin, isPlugin, type Plugin } from './define-plugin.js';

/** What a run knows of a format before its plugin loads: enough to list it and pick it by id. */
export type FormatSummary = Pick<FormatDefinition, 'id' | 'extension' | 'description' | 'aliases'>;

/**
 * A plugin that contributes output formats only, named in a preset or config without being loaded:
 * its module is imported the first time one of its formats renders. A run that writes JSON to
 * stdout loads no format code at all (each format package costs Node 20 ~2 ms of start-up to load).
 */
export interface LazyFormatPlugin {
  readonly kind: 'autodoc-lazy-format-plugin';
  /** The plugin's `name`, checked when it loads. */
  readonly name: string;
  readonly description?: string;
  /** The formats the plugin contributes, as it declares them (checked when it loads). */
  readonly formats: readonly FormatSummary[];
  /** Imports the plugin: its module (the plugin is the default export) or the plugin itself. */
  load(): Promise<unknown>;
}

export function lazyFormatPlugin(definition: Omit<LazyFormatPlugin, 'kind'>): LazyFormatPlugin {
  return Object.freeze({ ...definition, formats: Object.freeze([...definition.formats]), kind: 'autodoc-lazy-format-plugin' as const });
}

export function isLazyFormatPlugin(x: unknown): x is LazyFormatPlugin {
  return typeof x === 'object' && x !== null && (x as LazyFormatPlugin).kind === 'autodoc-lazy-format-plugin';
}

/**
 * The plugin a run sets up in place of `lazy`: its formats are the declared summaries, each of which
 * loads the real plugin on first render (once per setup), checks it against the declaration, and
 * renders with the real format: its options schema, its templates (after the user's).
 */
export function planLazyFormatPlugin(lazy: LazyFormatPlugin): Plugin<Record<string, unknown>> {
  return definePlugin({
    name: lazy.name,
    description: lazy.description,
    setup(options) {
      let loaded: Promise<ReadonlyMap<string, FormatDefinition>> | undefined;
      const realFormats = () => {
        loaded ??= loadFormats(lazy, options);
        return loaded;
      };
      const formats = lazy.formats.map(
        (summary): FormatDefinition => ({
          ...summary,
          async render(report, ctx) {
            const real = (await realFormats()).get(summary.id) as FormatDefinition;
            assertFormatOptions(real, ctx.options);
            return real.render(report, { ...ctx, template: (name) => ctx.template(name) ?? real.templates?.[name] });
          },
        }),
      );
      return { formats };
    },
  });
}

async function loadFormats(lazy: LazyFormatPlugin, rawOptions: Record<string, unknown>): Promise<ReadonlyMap<string, FormatDefinition>> {
  const broken = (problem: string) => new AutodocError('PLUGIN_ERROR', `plugin "${lazy.name}" ${problem}.`, `This is a bug in the preset or config that names ${lazy.name} lazily; list the plugin itself instead, and report it.`);
  let loaded: unknown;
  try {
    loaded = await lazy.load();
  } catch (error) {
    throw new AutodocError('PLUGIN_NOT_FOUND', `Cannot load plugin "${lazy.name}": ${error instanceof Error ? error.message : String(error)}.`, `Install the package that provides ${lazy.name}, or remove it from the config.`, { cause: error });
  }
  const plugin = isPlugin(loaded) ? loaded : (loaded as { default?: unknown } | undefined)?.default;
  if (!isPlugin(plugin)) throw broken('loaded something that is not a plugin (definePlugin)');
  if (plugin.name !== lazy.name) throw broken(`loaded the plugin "${plugin.name}"`);
  const options = { ...(plugin.defaults as object | undefined), ...rawOptions };
  assertPluginOptions(plugin, options);
  const { formats = [], ...rest } = setUpPlugin(plugin, options);
  const other = Object.keys(rest).filter((k) => rest[k as keyof typeof rest] !== undefined);
  if (other.length > 0) throw broken(`contributes ${other.join(', ')} besides formats, so it cannot load lazily`);
  const byId = new Map(formats.map((f) => [f.id, f]));
  for (const summary of lazy.formats) {
    const real = byId.get(summary.id);
    if (!real) throw broken(`has no format "${summary.id}"`);
    if (real.extension !== summary.extension) throw broken(`writes format "${summary.id}" as .${real.extension}, declared .${summary.extension}`);
  }
  return byId;
}
