import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import {
  defaultOutDir,
  parseByteSize,
  parseDeploymentTarget,
  parseDim,
  parseFailOn,
  parseFormats,
  parsePositiveInt,
  parsePositiveNumber,
  parsePrecision,
  parseSweepBatch,
  parseSweepDim,
} from './parse-flags.js';
import { printError } from './print-error.js';

// Commands load the analysis stack (core, plugins, formats) only when they run, so `--version` and
// `--help` start as fast as commander itself.
const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const examples = `
Examples:
  $ autodoc analyze model.onnx                       summary on a terminal, JSON otherwise
  $ autodoc analyze model.onnx --json > report.json  the report JSON on stdout only
  $ autodoc analyze model.onnx --format json,md,html,pdf --out-dir reports
  $ autodoc analyze llm.onnx --dim batch=1 --dim sequence=2048 --precision fp16
  $ autodoc analyze model.onnx --fail-on error       exit 1 when an error-level finding exists
  $ autodoc analyze models/ --format md              every .onnx in a folder, in one process, a report each

Exit codes: 0 ok, 1 findings at/above --fail-on, 2 usage or config error,
            3 the model cannot be analysed, 4 internal error (including a plugin that throws);
            with several models, the highest of theirs.`;

export interface MainIO {
  readonly stdout?: NodeJS.WriteStream;
  readonly stderr?: NodeJS.WriteStream;
  readonly cwd?: string;
}

/** Runs the CLI; returns the exit code instead of exiting so tests can call it in-process. */
export async function main(argv: readonly string[], io: MainIO = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const cwd = io.cwd ?? process.cwd();
  let exitCode: number = ExitCode.Ok;
  let wantsJson = argv.includes('--json');
  let debug = argv.includes('--debug');

  const program = new Command('autodoc')
    .description('Reads an ONNX model and tells what is inside and what it will cost.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s) })
    .showHelpAfterError('(run autodoc --help for usage)')
    .addHelpText('after', examples);

  program
    .command('analyze')
    .description('Analyse ONNX models and write their reports.')
    .argument('<models...>', '.onnx files, or folders of them (several: analysed one after the other in this process)')
    .option('--format <formats>', 'output formats, comma separated: json, markdown (md), html, pdf, csv, terminal', parseFormats)
    .option('--out-dir <dir>', 'folder for report files', defaultOutDir)
    .option('--charts-dir <dir>', 'also write every chart as PNG into this folder (with --format html)')
    .option('--json', 'print the report JSON, and only it, on stdout')
    .option('--dim <name=value>', 'bind a symbolic dimension (repeatable)', parseDim)
    .option('--config <file>', 'config file (default: search for autodoc.config.*)')
    .option('--hardware <id>', 'device id for estimates, or "auto"')
    .addOption(new Option('--precision <p>', 'precision for byte and speed estimates').argParser(parsePrecision))
    .option('--batch-size <n>', 'bind the batch symbol, or scale per-sample figures', parsePositiveInt('--batch-size'))
    .option('--gpu-count <n>', 'GPUs for multi-GPU estimates', parsePositiveInt('--gpu-count'))
    .addOption(new Option('--deployment-target <target>', 'system requirements for edge, local or cloud devices').argParser(parseDeploymentTarget))
    .option('--target-latency-ms <n>', 'latency target for the system requirements', parsePositiveNumber('--target-latency-ms'))
    .option('--target-throughput <n>', 'throughput target (inferences/s) for the system requirements', parsePositiveNumber('--target-throughput'))
    .option('--sweep-batch <list>', 'batch sizes of the hardware sweep, e.g. 1,4,16', parseSweepBatch)
    .option('--sweep-dim <name=list>', 'values of a symbol to sweep, e.g. sequence=128,512 (repeatable)', parseSweepDim)
    .option('--fail-on <severity>', 'exit 1 when a finding at or above warning|error exists', parseFailOn)
    .option('--summary', 'leave per-node arrays (layers[], graph.tensors[]) out')
    .option('--no-layers', 'leave layers[] out, keep graph.tensors[] (every tensor\'s shape, no per-node rows)')
    .option('--allow-external-root <dir>', 'admit external data under this folder too (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--trust-model-shapes', 'prefer shapes written in the model where they disagree with inference')
    .option('--max-nodes <n>', 'refuse graphs with more nodes', parsePositiveInt('--max-nodes'))
    .option('--max-file-size <size>', 'refuse larger model files (e.g. 8GiB)', parseByteSize('--max-file-size'))
    .option('--timeout <seconds>', "time budget of each model's analysis (default 120); past it: RESOURCE_LIMIT, exit 3", parsePositiveNumber('--timeout'))
    .option('--max-memory <size>', 'memory guard (default 4GiB; Node is restarted with a larger heap when needed); past it: RESOURCE_LIMIT, exit 3', parseByteSize('--max-memory'))
    .option('--plugin <package>', 'add a plugin package (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--quiet', 'no progress output')
    .option('--debug', 'print stack traces with errors')
    .action(async (models: string[], flags) => {
      wantsJson = flags.json === true;
      debug = flags.debug === true;
      // Only the real process can hand its stdio to a child Node with a larger heap.
      if (flags.maxMemory !== undefined && io.stdout === undefined && io.stderr === undefined) {
        const { relaunchForHeap } = await import('./heap-relaunch.js');
        const code = await relaunchForHeap(flags.maxMemory, argv);
        if (code !== undefined) {
          exitCode = code;
          return;
        }
      }
      const { analyzeCommand } = await import('./analyze-command.js');
      exitCode = await analyzeCommand(models, flags, { stdout, stderr, isTTY: stdout.isTTY === true, cwd });
    });

  const hardware = program.command('hardware').description('The hardware database: list, show and detect devices.');
  hardware
    .command('list')
    .description('List devices (GPUs, modules, systems, cloud instances).')
    .option('--json', 'print the devices as stored, as a JSON array')
    .option('--filter <terms>', 'vendor=, kind=, min-memory=<GiB> or words, comma separated')
    .option('--config <file>', 'config whose devices to include (default: search for autodoc.config.*)')
    .action(async (flags: { json?: boolean; filter?: string; config?: string }) => {
      wantsJson = flags.json === true;
      const { configuredDevices, hardwareList } = await import('./hardware-command.js');
      exitCode = hardwareList(flags, { stdout, stderr }, await configuredDevices(cwd, flags.config));
    });
  hardware
    .command('show')
    .description('Show one device by id or alias.')
    .argument('<id>', 'device id or alias')
    .option('--json', 'print the device as stored')
    .option('--config <file>', 'config whose devices to include (default: search for autodoc.config.*)')
    .action(async (id: string, flags: { json?: boolean; config?: string }) => {
      wantsJson = flags.json === true;
      const { configuredDevices, hardwareShow } = await import('./hardware-command.js');
      exitCode = hardwareShow(id, flags, { stdout, stderr }, await configuredDevices(cwd, flags.config));
    });
  hardware
    .command('detect')
    .description('Detect local NVIDIA GPUs with nvidia-smi (exit 0 when there is none).')
    .option('--json', 'print the detection result as JSON')
    .action(async (flags: { json?: boolean }) => {
      wantsJson = flags.json === true;
      const { hardwareDetect } = await import('./hardware-command.js');
      exitCode = await hardwareDetect(flags, { stdout, stderr });
    });

  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.Ok;
      // commander already printed its message; a wrapped AutodocError from an argParser carries its own.
      const cause = (error as CommanderError & { cause?: unknown }).cause;
      if (cause) printError(cause, { debug, json: wantsJson, stdout, stderr });
      return ExitCode.Usage;
    }
    printError(error, { debug, json: wantsJson, stdout, stderr });
    return exitCodeFor(error);
  }
}
export { exitWhenFlushed, guardStdout } from './process-output.js';
export { ExitCode, exitCodeFor } from './exit-codes.js';
