import 'reflect-metadata';
import { type DependencyContainer, container as rootContainer } from 'tsyringe';
import { loadConfig } from './config/load-config.js';
import type { AutodocConfig } from './config/define-config.js';
import { type ConfiguredPlugin, resolvePlugins } from './config/resolve-plugins.js';
import type { RenderedFile } from './plugin/contexts.js';
import type { Preset } from './plugin/define-plugin.js';
import { type AnalysisResult, analyzeModel } from './pipeline/analyze.js';
import { prepareRun } from './pipeline/prepare-run.js';
import { type RenderOptions, renderReport, writeRenderedFiles } from './pipeline/render.js';
import { defaultRunOptions, type RunOptions } from './pipeline/run-options.js';

/**
 * The composition root: the only place that knows tsyringe. Each run gets a child container holding
 * its config, plugins and options under explicit tokens; plugin authors never see it.
 */
const Tokens = {
  config: Symbol('AutodocConfig'),
  configDir: Symbol('ConfigDir'),
  plugins: Symbol('ConfiguredPlugins'),
} as const;

/** What the CLI and API users call. */
export interface Runner {
  readonly config: AutodocConfig;
  readonly configPath: string | undefined;
  readonly plugins: readonly ConfiguredPlugin[];
  analyze(modelPath: string, options?: Partial<RunOptions>): Promise<AnalysisResult>;
  render(result: AnalysisResult, formats: readonly string[], options?: RenderOptions): Promise<RenderedFile[]>;
  write(result: AnalysisResult, files: readonly RenderedFile[], outDir: string): Promise<string[]>;
  /** The hardware devices the config and its plugins add, as written (`devicePool` of @autodoc/hardware-db validates them). */
  devices(): readonly unknown[];
}

export interface RunnerOptions {
  /** Folder to search for autodoc.config.* (default: cwd). */
  readonly cwd?: string;
  /** `--config FILE`. */
  readonly configPath?: string;
  /** An explicit config object instead of searching for a file. */
  readonly config?: AutodocConfig;
  /**
   * Used when the config names no presets and no plugins (the CLI passes the recommended preset). A
   * loader is called only then: a config that lists its own plugins does not load the preset's.
   */
  readonly defaultPreset?: Preset | (() => Promise<Preset>);
  /** Extra plugins appended after the config's (`--plugin` flags). */
  readonly extraPlugins?: readonly string[];
}

export async function createRunner(options: RunnerOptions = {}): Promise<Runner> {
  const scope: DependencyContainer = rootContainer.createChildContainer();
  const cwd = options.cwd ?? process.cwd();
  const loaded = options.config ? { config: options.config, filePath: undefined } : await loadConfig({ cwd, explicitPath: options.configPath });
  const configDir = loaded.filePath ? loaded.filePath.replace(/[\\/][^\\/]*$/, '') : cwd;
  const usesDefault = !loaded.config.presets && !loaded.config.plugins?.length;
  const given = usesDefault ? options.defaultPreset : undefined;
  const defaultPreset = typeof given === 'function' ? await given() : given;
  const config: AutodocConfig = options.extraPlugins?.length
    ? { ...loaded.config, presets: loaded.config.presets ?? (defaultPreset ? [defaultPreset] : undefined), plugins: [...(loaded.config.plugins ?? []), ...options.extraPlugins] }
    : loaded.config;
  scope.register(Tokens.config, { useValue: config });
  scope.register(Tokens.configDir, { useValue: configDir });
  scope.register(Tokens.plugins, { useValue: await resolvePlugins(config, configDir, defaultPreset) });

  const plugins = scope.resolve<ConfiguredPlugin[]>(Tokens.plugins);
  return {
    config,
    configPath: loaded.filePath,
    plugins,
    analyze: (modelPath, runOptions = {}) => {
      const base = defaultRunOptions({ ...config.options, ...runOptions });
      return analyzeModel(modelPath, plugins, scope.resolve<AutodocConfig>(Tokens.config), { ...base, bindings: { ...config.options?.bindings, ...runOptions.bindings } });
    },
    render: (result, formats, renderOptions) => renderReport(result, formats, renderOptions),
    write: (result, files, outDir) => writeRenderedFiles(result, files, outDir),
    devices: () => prepareRun(plugins, config).devices,
  };
}
