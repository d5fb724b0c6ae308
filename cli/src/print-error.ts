import { closeSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { AutodocError, isAutodocError } from '@autodoc/core/errors';
import { exitCodeFor } from './exit-codes.js';

/** The one-line coded form every error takes on stderr (stack only with --debug). */
export function describeError(error: unknown): AutodocError {
  if (isAutodocError(error)) return error;
  const message = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
  return new AutodocError('INTERNAL_ERROR', `Unexpected error: ${message}`, 'This is a bug in ONNX Autodoc; rerun with --debug and report the output.', { cause: error });
}

/** Where an error is printed: a stream, or a synchronous writer (see exitStuck). */
interface TextSink {
  write(text: string): unknown;
}

/** `subject`: the model the error is about, named when a run analyses several. */
export function printError(error: unknown, options: { debug: boolean; json: boolean; stdout: TextSink; stderr: TextSink; subject?: string }): void {
  const coded = describeError(error);
  const about = options.subject === undefined ? '' : `${sanitize(options.subject)}: `;
  options.stderr.write(`autodoc: ${about}error ${coded.code}: ${sanitize(coded.message)}\n  hint: ${sanitize(coded.hint)}\n`);
  if (options.debug) {
    const original = (coded.cause ?? coded) as Error;
    options.stderr.write(`${original.stack ?? String(original)}\n`);
  }
  if (options.json) options.stdout.write(`${JSON.stringify({ error: coded.toJSON() })}\n`);
}

/** Model strings end up in messages; control characters (ANSI escapes) must not reach the terminal. */
export function sanitize(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

const SHOW_CURSOR = '\u001b[?25h';

/**
 * A run's `onStuck` (RunOptions): the watchdog calls it on the main thread, inside a plugin's code
 * that never returns, so nothing can be awaited. The error is printed as printError prints it, with
 * synchronous writes, and the process exits (3 for RESOURCE_LIMIT).
 */
export function exitStuck(error: AutodocError, options: { debug: boolean; json: boolean }): never {
  const sink = (fd: number): TextSink => ({
    write: (text: string) => {
      try {
        writeSync(fd, text);
      } catch {
        // a closed or full pipe: the exit code still tells
      }
    },
  });
  printError(error, { ...options, stdout: sink(1), stderr: sink(2) });
  // The progress display hid the terminal's cursor; its exit hook cannot show it again (below).
  if (isatty(2)) sink(2).write(SHOW_CURSOR);
  // The watchdog's inspector session is still connected: Node would add "Waiting for the debugger
  // to disconnect..." to stderr on exit. Everything of ours is written; nothing else goes there.
  try {
    closeSync(2);
  } catch {
    // already closed
  }
  process.exit(exitCodeFor(error));
}
