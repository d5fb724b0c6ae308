/**
 * An in-process file-open recorder (strace is not available here): wraps every fs entry point that
 * opens a file, and re-syncs the ESM named exports so modules that did `import { open } from
 * 'node:fs/promises'` see the wrappers too.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

type AnyFn = (...args: unknown[]) => unknown;
const targets: [object, string][] = [
  [fsp, 'open'],
  [fsp, 'readFile'],
  [fsp, 'opendir'],
  [fs, 'open'],
  [fs, 'openSync'],
  [fs, 'readFile'],
  [fs, 'readFileSync'],
  [fs, 'createReadStream'],
  [fs, 'opendirSync'],
];

/** Records the path of every file opened until `stop()` is called. */
export function recordOpens(): { opened: string[]; stop(): void } {
  const opened: string[] = [];
  const saved = targets.map(([obj, key]) => [obj, key, (obj as Record<string, AnyFn>)[key]] as const);
  for (const [obj, key, orig] of saved) {
    (obj as Record<string, AnyFn>)[key] = function (this: unknown, ...args: unknown[]) {
      const p = args[0];
      if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) opened.push(p instanceof URL ? p.pathname : String(p));
      return orig.apply(this, args);
    };
  }
  syncBuiltinESMExports();
  return {
    opened,
    stop() {
      for (const [obj, key, orig] of saved) (obj as Record<string, AnyFn>)[key] = orig;
      syncBuiltinESMExports();
    },
  };
}
