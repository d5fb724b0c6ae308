import path from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { assertValid } from '../report/validator.js';
import { configSchema } from './config-schema.js';
import type { AutodocConfig } from './define-config.js';
import { importConfig } from './import-config.js';

export interface LoadedConfig {
  readonly config: AutodocConfig;
  /** The file it came from; undefined when no config was found (built-in defaults apply). */
  readonly filePath: string | undefined;
}

const searchPlaces = ['autodoc.config.ts', 'autodoc.config.mts', 'autodoc.config.js', 'autodoc.config.mjs', 'package.json'];

/**
 * Finds and loads the config with cosmiconfig. ES module configs load with Node's `import()`;
 * TypeScript ones (which may import local .ts files) and CommonJS `.js` files through jiti (see
 * importConfig). `explicitPath` (`--config FILE`) skips the search.
 */
export async function loadConfig(options: { cwd?: string; explicitPath?: string } = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const load = (filePath: string) => importConfig(filePath, cwd);
  const explorer = cosmiconfig('autodoc', {
    searchPlaces,
    stopDir: cwd,
    loaders: { '.ts': load, '.mts': load, '.js': load, '.mjs': load },
  });
  let result: { config: unknown; filepath: string } | null;
  try {
    result = options.explicitPath ? await explorer.load(path.resolve(cwd, options.explicitPath)) : await explorer.search(cwd);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
      throw new AutodocError('CONFIG_LOAD_FAILED', `Config file not found: ${options.explicitPath}.`, 'Check the path given to --config.');
    }
    throw new AutodocError('CONFIG_LOAD_FAILED', `Could not load the config: ${message}`, 'Fix the syntax or import error in the config file; run with --debug for details.', { cause: error });
  }
  if (!result) return { config: {}, filePath: undefined };
  const config = (result.config ?? {}) as AutodocConfig;
  assertValid(configSchema, config, 'CONFIG_INVALID', `Config ${path.basename(result.filepath)}`, 'See docs/guide/configuration.md for the keys a config may have.');
  return { config, filePath: result.filepath };
}
