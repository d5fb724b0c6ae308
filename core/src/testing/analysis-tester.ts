import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AutodocConfig } from '../config/define-config.js';
import { type ConfiguredPlugin, resolvePlugins } from '../config/resolve-plugins.js';
import { type AnalysisResult, analyzeModel } from '../pipeline/analyze.js';
import { defaultRunOptions, type RunOptions } from '../pipeline/run-options.js';
import type { PluginSpec } from '../plugin/define-plugin.js';

/** Anything that can write ONNX bytes: the ModelBuilder, or raw bytes. */
export type ModelInput = Uint8Array | { write(filePath: string): Promise<void> } | string;

/**
 * Runs real plugins over a real model file (written to a temp folder) through the same pipeline the
 * CLI uses, so plugin tests exercise the reader, the graph builder and the hook order too.
 */
export class AnalysisTester {
  private readonly config: AutodocConfig;

  constructor(options: { plugins: readonly PluginSpec[]; config?: Omit<AutodocConfig, 'plugins'> }) {
    this.config = { ...options.config, plugins: options.plugins };
  }

  async analyze(model: ModelInput, options: Partial<RunOptions> = {}): Promise<AnalysisResult> {
    let dir: string | undefined;
    let modelPath: string;
    if (typeof model === 'string') {
      modelPath = model;
    } else {
      dir = await mkdtemp(path.join(os.tmpdir(), 'autodoc-test-'));
      modelPath = path.join(dir, 'model.onnx');
      if (model instanceof Uint8Array) await writeFile(modelPath, model);
      else await model.write(modelPath);
    }
    try {
      const plugins: ConfiguredPlugin[] = await resolvePlugins(this.config, process.cwd());
      return await analyzeModel(modelPath, plugins, this.config, defaultRunOptions(options));
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }
}
