import { AutodocError } from '../diagnostics/autodoc-error.js';
import { assertValid } from '../report/validator.js';
import type { FormatDefinition } from './contributions.js';
import type { Plugin, PluginContributions } from './define-plugin.js';

// The checks a plugin and its formats pass before they run, in one place: plugins loaded lazily
// (lazy-format-plugin.ts) pass the same ones, with the same errors, as plugins loaded up front.

/** Validates a plugin's options (defaults merged in) against its schema. */
export function assertPluginOptions(plugin: Plugin<unknown>, options: unknown): void {
  if (!plugin.optionsSchema) return;
  assertValid(plugin.optionsSchema, options, 'OPTIONS_INVALID', `Options of plugin "${plugin.name}"`, `See the README of ${plugin.name} for its options.`);
}

/** Runs a plugin's `setup`; a throw becomes PLUGIN_ERROR naming the plugin. */
export function setUpPlugin(plugin: Plugin<unknown>, options: unknown): PluginContributions {
  try {
    return plugin.setup(options);
  } catch (error) {
    throw new AutodocError('PLUGIN_ERROR', `plugin "${plugin.name}" failed in setup: ${error instanceof Error ? error.message : String(error)}`, `This is a bug in ${plugin.name}; run with --debug and report it.`, { cause: error });
  }
}

/** Validates a format's options against its schema, before it renders. */
export function assertFormatOptions(format: FormatDefinition, options: Readonly<Record<string, unknown>>): void {
  if (!format.optionsSchema) return;
  assertValid(format.optionsSchema, options, 'OPTIONS_INVALID', `Options of format "${format.id}"`, `See the README of the ${format.id} format.`);
}
