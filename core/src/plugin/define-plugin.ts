import type { OpDefinition } from '../ops/define-op.js';
import type { ConverterDefinition, FormatDefinition, JsonSchema, SectionDefinition } from './contributions.js';
import type { Hooks } from './hooks.js';
import type { LazyFormatPlugin } from './lazy-format-plugin.js';

/** What `apply` receives: the run's hooks. Tap `analyze` with `{ name, stage }`. */
export interface PluginHost {
  readonly hooks: Hooks;
}

/** What a plugin contributes: data first (listable, validated, documented), then hook taps. */
export interface PluginContributions {
  /** Names of plugins whose sections this one reads; they run first within a stage. */
  readonly requires?: readonly string[];
  readonly ops?: readonly OpDefinition[];
  readonly sections?: readonly SectionDefinition[];
  readonly formats?: readonly FormatDefinition[];
  /** Hardware devices (validated by the hardware plugin that consumes them). */
  readonly devices?: readonly unknown[];
  readonly converters?: readonly ConverterDefinition[];
  apply?(host: PluginHost): void;
}

export interface PluginDefinition<Options = Record<string, unknown>> {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the options (TypeBox); the config is validated against it before `setup`. */
  readonly optionsSchema?: JsonSchema;
  readonly defaults?: Options;
  setup(options: Options): PluginContributions;
}

/** A plugin: a definition to be configured. Created by `definePlugin`. */
export interface Plugin<Options = Record<string, unknown>> extends PluginDefinition<Options> {
  readonly kind: 'autodoc-plugin';
}

/** A preset: a name and a flat list of plugins (no nested presets). */
export interface Preset {
  readonly kind: 'autodoc-preset';
  readonly name: string;
  readonly plugins: readonly PluginSpec[];
}

/** A plugin, its package name, or a plugin of formats named without loading it (lazyFormatPlugin). */
// biome-ignore lint/suspicious/noExplicitAny: options types vary per plugin; each is validated by its schema.
export type PluginRef = Plugin<any> | string | LazyFormatPlugin;

/** A plugin in a config: a reference to it, or a reference with options. */
export type PluginSpec = PluginRef | readonly [PluginRef, Record<string, unknown>];

export function definePlugin<Options = Record<string, unknown>>(definition: PluginDefinition<Options>): Plugin<Options> {
  return Object.freeze({ ...definition, kind: 'autodoc-plugin' as const });
}

export function definePreset(preset: { name: string; plugins: readonly PluginSpec[] }): Preset {
  return Object.freeze({ kind: 'autodoc-preset' as const, name: preset.name, plugins: Object.freeze([...preset.plugins]) });
}

export function isPlugin(x: unknown): x is Plugin<unknown> {
  return typeof x === 'object' && x !== null && (x as Plugin).kind === 'autodoc-plugin';
}

export function isPreset(x: unknown): x is Preset {
  return typeof x === 'object' && x !== null && (x as Preset).kind === 'autodoc-preset';
}
