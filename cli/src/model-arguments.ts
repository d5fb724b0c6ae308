import { type Dirent, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AutodocError } from '@autodoc/core/errors';

export interface ModelArguments {
  /** Model paths as given, a folder's models as `<folder>/<name>`. */
  readonly paths: readonly string[];
  /**
   * Whether the run reports per model (JSON array, numbered names): more than one argument, or a
   * folder, whatever it holds, so that a script's output does not change shape with a folder's contents.
   */
  readonly several: boolean;
}

const ONNX_FILE = /\.onnx$/i;

/**
 * `analyze`'s arguments with each folder replaced by the `.onnx` files directly in it, by name
 * (subfolders are not searched: a model's external data often sits in one). Anything that is not a
 * folder stays as given; the reader reports a path that cannot be read.
 */
export function expandModelArguments(args: readonly string[], cwd: string): ModelArguments {
  const paths: string[] = [];
  let folders = 0;
  for (const arg of args) {
    const names = onnxFilesIn(path.resolve(cwd, arg), arg);
    if (names === undefined) {
      paths.push(arg);
      continue;
    }
    if (names.length === 0) {
      throw new AutodocError(
        'FILE_NOT_FOUND',
        `The folder '${arg}' holds no .onnx file.`,
        'Pass .onnx files, or folders that hold some directly (subfolders are not searched).',
      );
    }
    folders++;
    for (const name of names) paths.push(path.join(arg, name));
  }
  return { paths, several: args.length > 1 || folders > 0 };
}

/** The `.onnx` files (or links to them) directly in `dir` (`shown` in messages), sorted; undefined when `dir` is not a folder. */
function onnxFilesIn(dir: string, shown: string): string[] | undefined {
  try {
    if (!statSync(dir).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AutodocError('FILE_NOT_FOUND', `Cannot list the folder '${shown}' (${code}).`, 'Check the folder permissions.', { cause: error });
  }
  return entries
    .filter((entry) => ONNX_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink()))
    .map((entry) => entry.name)
    .sort(); // code-unit order: the same on every machine and locale
}
