import { AutodocError, isAutodocError } from '../diagnostics/autodoc-error.js';
import type { Hooks } from './hooks.js';
import { stageName } from './stages.js';

/** The parts of a tapable tap the guard reads and replaces. */
interface GuardedTap {
  readonly name: string;
  readonly type: 'sync' | 'async' | 'promise';
  readonly stage?: number;
  readonly fn: unknown;
}

/** Which plugin is being applied; taps registered meanwhile belong to it. */
export interface ApplyingPlugin {
  current: string | undefined;
}

/**
 * Wraps every tap of every hook so a throw (or rejection) becomes a coded PLUGIN_ERROR naming the
 * plugin, the hook and the stage. AutodocErrors a plugin throws on purpose pass through unchanged,
 * since they already carry a code and hint.
 */
export function guardTaps(hooks: Hooks, applying: ApplyingPlugin): void {
  for (const [hookName, hook] of Object.entries(hooks)) {
    (hook as unknown as { intercept(i: { register(tap: GuardedTap): GuardedTap }): void }).intercept({
      register(tap) {
        const plugin = applying.current ?? tap.name;
        const where = `plugin "${plugin}" (hook ${hookName}${hookName === 'analyze' ? `, stage ${stageName(tap.stage ?? 0)}` : ''})`;
        const wrap = (error: unknown) => {
          if (isAutodocError(error)) return error;
          const message = error instanceof Error ? error.message : String(error);
          return new AutodocError('PLUGIN_ERROR', `${where} failed: ${firstLine(message)}`, `This is a bug in ${plugin}; run with --debug for the stack trace and report it to its authors.`, { cause: error });
        };
        const fn = tap.fn as (...args: unknown[]) => unknown;
        let wrapped: (...args: unknown[]) => unknown;
        if (tap.type === 'promise') {
          wrapped = async (...args) => {
            try {
              return await fn(...args);
            } catch (error) {
              throw wrap(error);
            }
          };
        } else if (tap.type === 'async') {
          wrapped = (...args) => {
            const callback = args.pop() as (err?: unknown, result?: unknown) => void;
            try {
              fn(...args, (err: unknown, result: unknown) => callback(err ? wrap(err) : err, result));
            } catch (error) {
              callback(wrap(error));
            }
          };
        } else {
          wrapped = (...args) => {
            try {
              return fn(...args);
            } catch (error) {
              throw wrap(error);
            }
          };
        }
        return { ...tap, fn: wrapped };
      },
    });
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0];
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
