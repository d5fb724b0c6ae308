/**
 * The binary's handling of the process's own output streams (cli/bin/autodoc.js); `main()` itself
 * never exits the process, so tests can run it in-process.
 */

/**
 * A reader that stops early (`autodoc analyze m.onnx --json | head`) closes the pipe: the run ends
 * quietly with exit code 0, as Unix filters do, instead of an unhandled EPIPE and a stack trace.
 * Any other failure to write stdout is a coded one-line error, exit code 4.
 */
export function guardStdout(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    stderr.write(`autodoc: error OUTPUT_WRITE_FAILED: Cannot write to standard output (${error.code ?? error.message}).\n  hint: Check where the output goes (a closed terminal, a full disk), or write files with --out-dir.\n`);
    process.exit(4);
  });
}

/**
 * Exits as soon as stdout and stderr are flushed. Left to itself, Node tears the heap down page by
 * page after the last callback (~35 ms for a GPT-2-sized model, more for a million-node graph): time
 * the user waits for nothing. `write('', cb)` calls back once everything written before it is handed on.
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.write('', () => resolve())));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
