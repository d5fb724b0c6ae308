import type { Code } from './codes.js';

/**
 * The one error type that crosses the core's boundary. Everything a user can cause (bad bytes, bad
 * config, limits) is thrown as an AutodocError with a code, a one-line message and a hint; anything
 * else reaching the CLI is a bug and becomes INTERNAL_ERROR.
 */
export class AutodocError extends Error {
  readonly code: Code | (string & {});
  readonly hint: string;

  constructor(code: Code | (string & {}), message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AutodocError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): { code: string; message: string; hint: string } {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/**
 * Duck-typed on purpose: a config loaded through jiti may bring its own copy of @autodoc/core, whose
 * AutodocError class is a different object from ours.
 */
export function isAutodocError(error: unknown): error is AutodocError {
  if (error instanceof AutodocError) return true;
  const e = error as Partial<AutodocError> | null;
  return typeof e === 'object' && e !== null && e.name === 'AutodocError' && typeof e.code === 'string' && typeof e.hint === 'string';
}
