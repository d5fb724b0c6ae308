/**
 * The shape of one hostile input: how to write it, which class of issue #9 it belongs to and which
 * outcome the policy demands (tests/hostile/README.md has the policy table).
 */

/** The classes of issue #9 (plus `fuzz` for minimised fuzzer findings). */
export type HostileClass = 'wire' | 'format' | 'graph' | 'numbers' | 'external' | 'text' | 'fuzz';

/**
 * The outcome the policy demands.
 * - `error`: exit 3 with one of `codes`.
 * - `report`: exit 0 with a schema-valid report; every code in `codes` appears among its diagnostics
 *   (an empty list means "any warnings, or none").
 */
export type Expected = { readonly outcome: 'error'; readonly codes: readonly string[] } | { readonly outcome: 'report'; readonly codes: readonly string[] };

/** What a case's `make` gets. */
export interface MakeContext {
  /** The case's own model folder (created, empty). */
  readonly dir: string;
  /** A canary file beside (outside) the model folder; hostile locations point at it. */
  readonly canary: string;
  /** The canary's contents: must appear in no output. */
  readonly canaryText: string;
}

/** What `make` returns: the model path and any extra CLI flags (paths already absolute). */
export interface Made {
  readonly model: string;
  readonly args?: readonly string[];
  /** The same flags as run options, for in-process runs. */
  readonly allowExternalRoots?: readonly string[];
}

/** One generated hostile input. */
export interface HostileCase {
  /** Unique, file-name safe. */
  readonly id: string;
  readonly cls: HostileClass;
  readonly title: string;
  readonly expect: Expected;
  /** A scale case: 60 s / 3 GiB budget instead of 5 s / 1 GiB. */
  readonly scale?: boolean;
  /**
   * An open finding in a package this suite does not own (e.g. a plugin rule that crashes the
   * process). The suites skip the case with this text, visibly, until the owner fixes it.
   */
  readonly knownFinding?: string;
  /** Part of the fresh-process (CLI) sample run in CI. */
  readonly cli?: boolean;
  /** Writes the input (and any side files) into ctx.dir. */
  make(ctx: MakeContext): Promise<Made> | Made;
  /** Extra checks on the report (exit-0 cases only); returns a problem or undefined. */
  check?(report: Record<string, unknown>): string | undefined;
}

/** Codes that mean "these bytes are not a well-formed ONNX protobuf". */
export const BAD_BYTES = ['MODEL_INVALID', 'MODEL_TRUNCATED', 'FILE_NOT_ONNX'] as const;

export function error(...codes: string[]): Expected {
  return { outcome: 'error', codes };
}

export function report(...codes: string[]): Expected {
  return { outcome: 'report', codes };
}
