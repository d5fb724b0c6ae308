import path from 'node:path';
import { createRunner, stageTimer, writeJsonChunks, type Diagnostic, type Precision, type Preset, type Report, type Runner } from '@autodoc/core';
import { askForCodeCaches } from './code-cache-hint.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { hardwareExtras } from './hardware-extras.js';
import { expandModelArguments } from './model-arguments.js';
import { defaultOutDir } from './parse-flags.js';
import { describeError, exitStuck, printError, sanitize } from './print-error.js';
import { createProgress, type Progress } from './progress.js';
import { reportBaseName, reportBaseNames } from './report-names.js';

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

/** What every model of one `analyze` run shares: the runner, the formats, the flags, the streams. */
interface AnalyzeRun {
  readonly runner: Runner;
  readonly progress: Progress;
  readonly formats: readonly string[];
  readonly flags: AnalyzeFlags;
  readonly io: CommandIO;
}

/**
 * `autodoc analyze <model or folder>...`: analyse each model, render the requested formats, write
 * them, report findings. Several models share one process and one runner: the start-up and V8's
 * warm-up are paid once (ADR 0006, "Cold code, measured").
 */
export async function analyzeCommand(modelArgs: readonly string[], flags: AnalyzeFlags, io: CommandIO): Promise<number> {
  const models = expandModelArguments(modelArgs, io.cwd);
  const progress = createProgress(io, flags.quiet === true || flags.json === true);
  const runner = await progress.step('Loading configuration', () =>
    createRunner({ cwd: io.cwd, configPath: flags.config, defaultPreset: loadRecommended, extraPlugins: flags.plugin }),
  );
  stageTimer.mark('start-up: modules, configuration, plugins');
  const formatsFromConfig = runner.config.output?.formats;
  const defaultFormat = io.isTTY && !flags.json && hasFormat(runner, 'terminal') ? 'terminal' : 'json';
  const formats = flags.format?.length ? flags.format : formatsFromConfig?.length ? [...formatsFromConfig] : flags.json ? [] : [defaultFormat];
  const run: AnalyzeRun = { runner, progress, formats, flags, io };
  const [only] = models.paths;
  const exitCode = models.several
    ? await analyzeEach(run, models.paths)
    : await analyzeOne(run, { path: only, label: path.basename(only), baseName: reportBaseName(only), chartsDir: flags.chartsDir });
  stageTimer.print();
  return exitCode;
}

/**
 * Several models, one after the other. A model that fails (bad bytes, a limit, a plugin's error) is
 * reported with its path and the others still run; the exit code is the highest of them all. With
 * `--json`, stdout holds one JSON array: each model's report, or `{model, error}` where it failed.
 */
async function analyzeEach(run: AnalyzeRun, modelPaths: readonly string[]): Promise<number> {
  const { flags, io } = run;
  const baseNames = reportBaseNames(modelPaths);
  const json = flags.json ? new JsonArray(io.stdout) : undefined;
  let exitCode: number = ExitCode.Ok;
  for (const [i, modelPath] of modelPaths.entries()) {
    // Each model's charts in a folder of its own: chart files are named by chart, not by model.
    const chartsDir = flags.chartsDir ? path.join(flags.chartsDir, baseNames[i]) : undefined;
    try {
      const label = `${modelPath} (${i + 1}/${modelPaths.length})`;
      // Terminal summaries follow each other on stdout; each names only its file, not its folder.
      const heading = `${i > 0 ? '\n' : ''}[${i + 1}/${modelPaths.length}] ${sanitize(modelPath)}\n`;
      exitCode = Math.max(exitCode, await analyzeOne(run, { path: modelPath, label, heading, baseName: baseNames[i], chartsDir }, json));
    } catch (error) {
      printError(error, { debug: flags.debug === true, json: false, stdout: io.stdout, stderr: io.stderr, subject: modelPath });
      await json?.item(() => io.stdout.write(JSON.stringify({ model: modelPath, error: describeError(error).toJSON() })));
      exitCode = Math.max(exitCode, exitCodeFor(error));
    }
  }
  json?.end();
  return exitCode;
}

/** One model of a run: its path as given, its name in progress lines, where its reports go. */
interface ModelJob {
  readonly path: string;
  readonly label: string;
  /** Printed before its terminal summary when a run has several. */
  readonly heading?: string;
  readonly baseName: string;
  readonly chartsDir: string | undefined;
}

/** Analyses one model, renders and writes its reports; returns its findings' exit code. */
async function analyzeOne(run: AnalyzeRun, model: ModelJob, jsonArray?: JsonArray): Promise<number> {
  const { runner, progress, formats, flags, io } = run;
  const { baseName, chartsDir } = model;
  const absoluteModel = path.resolve(io.cwd, model.path);
  // File names reach the terminal: no control characters (as in errors).
  const result = await progress.step(`Analyzing ${sanitize(model.label)}`, () =>
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
  const fileFormats = formats.filter((f) => f !== 'terminal');
  const formatOptions = chartsDir ? { html: { chartsDir: path.resolve(io.cwd, chartsDir) } } : undefined;
  const files = await progress.step(`Rendering ${formats.join(', ') || 'json'}`, () => runner.render(result, formats, { baseName, formatOptions }));
  stageTimer.mark(`render ${formats.join(', ') || '(none)'}`);
  if (formats.includes('terminal')) {
    const terminal = files.find((f) => f.format === 'terminal');
    if (terminal) io.stdout.write(`${model.heading ?? ''}${terminal.contents}`);
  }
  const toWrite = files.filter((f) => f.format !== 'terminal');
  if (fileFormats.length > 0 && toWrite.length > 0) {
    const outDir = path.resolve(io.cwd, runner.config.output?.outDir && flags.outDir === defaultOutDir ? runner.config.output.outDir : flags.outDir);
    const written = await progress.step(`Writing ${toWrite.length} file(s)`, () => runner.write(result, toWrite, outDir));
    if (!flags.json && !flags.quiet) for (const file of written) io.stderr.write(`autodoc: wrote ${sanitize(path.relative(io.cwd, file) || file)}\n`);
  }
  if (flags.json) {
    // Streamed: a million-node report is hundreds of MB of JSON; one string of it doubled the peak.
    // process.stdout hands each write to the kernel (files and pipes are written synchronously on Linux).
    const write = () => writeJsonChunks(io.stdout, result.report, { reuseBuffer: io.stdout === process.stdout });
    if (jsonArray) await jsonArray.item(write);
    else {
      await write();
      io.stdout.write('\n');
    }
  }
  stageTimer.mark('write files / stdout');
  return findingsExitCode(result.report, flags.failOn);
}

/** A JSON array written item by item, so that no report is held as one string. */
class JsonArray {
  #count = 0;

  constructor(private readonly out: CommandIO['stdout']) {}

  async item(write: () => unknown): Promise<void> {
    this.out.write(this.#count++ === 0 ? '[\n' : ',\n');
    await write();
  }

  end(): void {
    this.out.write(this.#count === 0 ? '[]\n' : '\n]\n');
  }
}

/** The hardware flags travel as `extras.hardware` (read by the hardware-estimates plugin). */
function withHardwareExtras(flags: AnalyzeFlags): { extras?: Record<string, unknown> } {
  const hardware = hardwareExtras(flags);
  return hardware ? { extras: { hardware } } : {};
}

function hasFormat(runner: Runner, id: string): boolean {
  return runner.config.formats?.some((f) => f.id === id) === true || runner.plugins.some((p) => p.plugin.name === `autodoc:format-${id}`);
}

/** `--fail-on`: exit 1 when any diagnostic is at or above the threshold. */
export function findingsExitCode(report: Report, failOn: 'warning' | 'error' | undefined): number {
  if (!failOn) return ExitCode.Ok;
  const rank = { info: 0, warning: 1, error: 2 } as const;
  const hit = report.diagnostics.some((d: Diagnostic) => rank[d.severity] >= rank[failOn]);
  return hit ? ExitCode.Findings : ExitCode.Ok;
}
