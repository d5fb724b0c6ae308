import path from 'node:path';
import { createRunner, stageTimer, writeJsonChunks, type Diagnostic, type Precision, type Preset, type Report } from '@autodoc/core';
import { askForCodeCaches } from './code-cache-hint.js';
import { ExitCode } from './exit-codes.js';
import { hardwareExtras } from './hardware-extras.js';
import { defaultOutDir } from './parse-flags.js';
import { exitStuck } from './print-error.js';
import { createProgress } from './progress.js';

export interface AnalyzeFlags {
  format?: string[];
  outDir: string;
  chartsDir?: string;
  json?: boolean;
  dim?: Record<string, number>;
  config?: string;
  hardware?: string;
  precision?: Precision;
  batchSize?: number;
  gpuCount?: number;
  deploymentTarget?: 'edge' | 'local' | 'cloud';
  targetLatencyMs?: number;
  targetThroughput?: number;
  sweepBatch?: number[];
  sweepDim?: Record<string, number[]>;
  failOn?: 'warning' | 'error';
  summary?: boolean;
  /** false with `--no-layers`. */
  layers?: boolean;
  allowExternalRoot?: string[];
  trustModelShapes?: boolean;
  maxNodes?: number;
  maxFileSize?: number;
  /** `--timeout` in seconds. */
  timeout?: number;
  maxMemory?: number;
  plugin?: string[];
  quiet?: boolean;
  debug?: boolean;
}

export interface CommandIO {
  readonly stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  readonly isTTY: boolean;
  readonly cwd: string;
}

/** The recommended preset, imported only when the config names no plugins of its own. */
async function loadRecommended(): Promise<Preset> {
  return (await import('@autodoc/preset-recommended')).default;
}

/** `autodoc analyze <model>`: analyse, render the requested formats, write them, report findings. */
export async function analyzeCommand(modelPath: string, flags: AnalyzeFlags, io: CommandIO): Promise<number> {
  const progress = createProgress(io, flags.quiet === true || flags.json === true);
  const runner = await progress.step('Loading configuration', () =>
    createRunner({ cwd: io.cwd, configPath: flags.config, defaultPreset: loadRecommended, extraPlugins: flags.plugin }),
  );
  stageTimer.mark('start-up: modules, configuration, plugins');
  const formatsFromConfig = runner.config.output?.formats;
  const defaultFormat = io.isTTY && !flags.json && hasFormat(runner, 'terminal') ? 'terminal' : 'json';
  const formats = flags.format?.length ? flags.format : formatsFromConfig?.length ? [...formatsFromConfig] : flags.json ? [] : [defaultFormat];
  const absoluteModel = path.resolve(io.cwd, modelPath);
  const result = await progress.step(`Analyzing ${path.basename(modelPath)}`, () =>
    runner.analyze(absoluteModel, {
      bindings: flags.dim ?? {},
      precision: flags.precision,
      batchSize: flags.batchSize,
      gpuCount: flags.gpuCount,
      hardware: flags.hardware,
      summary: flags.summary === true,
      omitLayers: flags.layers === false,
      allowExternalRoots: (flags.allowExternalRoot ?? []).map((r) => path.resolve(io.cwd, r)),
      trustModelShapes: flags.trustModelShapes === true,
      maxNodes: flags.maxNodes,
      maxFileBytes: flags.maxFileSize,
      ...(flags.timeout !== undefined ? { timeoutMs: Math.round(flags.timeout * 1000) } : {}),
      ...(flags.maxMemory !== undefined ? { maxHeapBytes: flags.maxMemory } : {}),
      onStuck: (error) => exitStuck(error, { debug: flags.debug === true, json: flags.json === true }),
      ...withHardwareExtras(flags),
    }),
  );
  stageTimer.mark('(after analysis)');
  askForCodeCaches();
  const baseName = path.basename(modelPath).replace(/\.[^.]+$/, '') || 'report';
  const fileFormats = formats.filter((f) => f !== 'terminal');
  const files = await progress.step(`Rendering ${formats.join(', ') || 'json'}`, () => runner.render(result, formats, { baseName, formatOptions: flags.chartsDir ? { html: { chartsDir: path.resolve(io.cwd, flags.chartsDir) } } : undefined }));
  stageTimer.mark(`render ${formats.join(', ') || '(none)'}`);
  if (formats.includes('terminal')) {
    const terminal = files.find((f) => f.format === 'terminal');
    if (terminal) io.stdout.write(String(terminal.contents));
  }
  const toWrite = files.filter((f) => f.format !== 'terminal');
  if (fileFormats.length > 0 && toWrite.length > 0) {
    const outDir = path.resolve(io.cwd, runner.config.output?.outDir && flags.outDir === defaultOutDir ? runner.config.output.outDir : flags.outDir);
    const written = await progress.step(`Writing ${toWrite.length} file(s)`, () => runner.write(result, toWrite, outDir));
    if (!flags.json && !flags.quiet) for (const file of written) io.stderr.write(`autodoc: wrote ${path.relative(io.cwd, file) || file}\n`);
  }
  if (flags.json) {
    // Streamed: a million-node report is hundreds of MB of JSON; one string of it doubled the peak.
    // process.stdout hands each write to the kernel (files and pipes are written synchronously on Linux).
    await writeJsonChunks(io.stdout, result.report, { reuseBuffer: io.stdout === process.stdout });
    io.stdout.write('\n');
  }
  stageTimer.mark('write files / stdout');
  stageTimer.print();
  return findingsExitCode(result.report, flags.failOn);
}


/** The hardware flags travel as `extras.hardware` (read by the hardware-estimates plugin). */
function withHardwareExtras(flags: AnalyzeFlags): { extras?: Record<string, unknown> } {
  const hardware = hardwareExtras(flags);
  return hardware ? { extras: { hardware } } : {};
}

function hasFormat(runner: Awaited<ReturnType<typeof createRunner>>, id: string): boolean {
  return runner.config.formats?.some((f) => f.id === id) === true || runner.plugins.some((p) => p.plugin.name === `autodoc:format-${id}`);
}

/** `--fail-on`: exit 1 when any diagnostic is at or above the threshold. */
export function findingsExitCode(report: Report, failOn: 'warning' | 'error' | undefined): number {
  if (!failOn) return ExitCode.Ok;
  const rank = { info: 0, warning: 1, error: 2 } as const;
  const hit = report.diagnostics.some((d: Diagnostic) => rank[d.severity] >= rank[failOn]);
  return hit ? ExitCode.Findings : ExitCode.Ok;
}
