import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { guardedHeapBytes, nodeHeapLimitBytes, oldSpaceMiBFor } from '@autodoc/core';

/** Set in the child so that it never relaunches again. */
const RELAUNCHED = 'AUTODOC_HEAP_RELAUNCHED';

/**
 * `--max-memory` asks for more than this Node's heap can hold: V8 fixes its heap limit when the
 * process starts (`--max-old-space-size`, by default a share of the machine's memory, ~4 GiB at
 * most), and a run past it is aborted by V8 with a native stack trace instead of a coded error.
 * The CLI then runs itself once more in a child Node whose old space matches the request, with the
 * same arguments and stdio, and returns its exit code. Undefined when this process suffices.
 * `argv` is the CLI's (`process.argv` when run by its bin: node, the script, its arguments).
 */
export async function relaunchForHeap(maxMemoryBytes: number, argv: readonly string[]): Promise<number | undefined> {
  if (process.env[RELAUNCHED] === '1') return undefined;
  // The same threshold the run budget stops at: this Node suffices when it lies at or above the request.
  if (guardedHeapBytes(nodeHeapLimitBytes()) >= maxMemoryBytes) return undefined;
  const oldSpaceMiB = oldSpaceMiBFor(maxMemoryBytes);
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${oldSpaceMiB}`, ...argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [RELAUNCHED]: '1' },
  });
  // Ctrl-C reaches the child too (same process group); this process waits for its exit code.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt).on('SIGTERM', onTerm);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
  } finally {
    process.off('SIGINT', onInt).off('SIGTERM', onTerm);
  }
}
