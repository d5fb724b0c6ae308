import { AutodocError, isAutodocError } from '@autodoc/core/errors';

/** The one-line coded form every error takes on stderr (stack only with --debug). */
export function describeError(error: unknown): AutodocError {
  if (isAutodocError(error)) return error;
  const message = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
  return new AutodocError('INTERNAL_ERROR', `Unexpected error: ${message}`, 'This is a bug in ONNX Autodoc; rerun with --debug and report the output.', { cause: error });
}

export function printError(error: unknown, options: { debug: boolean; json: boolean; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): void {
  const coded = describeError(error);
  options.stderr.write(`autodoc: error ${coded.code}: ${sanitize(coded.message)}\n  hint: ${sanitize(coded.hint)}\n`);
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
