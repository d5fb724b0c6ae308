import type { OpDefinition } from '../ops/define-op.js';
import type { FormatDefinition } from '../plugin/contributions.js';
import type { PluginSpec, Preset } from '../plugin/define-plugin.js';
import type { RunOptions } from '../pipeline/run-options.js';

/** What `autodoc.config.ts` exports. Later entries replace earlier ones with the same plugin name. */
export interface AutodocConfig {
  /** Flat plugin lists; applied first, in order. A string is a package name resolved from the config's folder. */
  readonly presets?: readonly (Preset | string)[];
  /** Plugins after the presets' ones: a plugin, a package name, or `[plugin, options]`. */
  readonly plugins?: readonly PluginSpec[];
  /** Op definitions that take precedence over every plugin's (user config > plugins > built-ins). */
  readonly ops?: readonly OpDefinition[];
  /** Extra output formats. */
  readonly formats?: readonly FormatDefinition[];
  /** Hardware devices added by the user (see @autodoc/hardware-db `defineDevice`). */
  readonly devices?: readonly unknown[];
  /** Defaults for run options; CLI flags win. */
  readonly options?: Partial<Pick<RunOptions, 'bindings' | 'precision' | 'batchSize' | 'gpuCount' | 'hardware' | 'trustModelShapes'>>;
  /** Default output formats and folder for the CLI. */
  readonly output?: { readonly formats?: readonly string[]; readonly outDir?: string };
}

/** Identity function that gives a config file its types. */
export function defineConfig(config: AutodocConfig): AutodocConfig {
  return config;
}
