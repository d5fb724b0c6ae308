/**
 * What a runtime is known to support, as data. Each list cites its source; a list is either an
 * allowlist (`supported`: anything else is flagged) or a denylist (`unsupported`: only these are
 * flagged). Lists are conservative: when the source is unclear an op is not flagged.
 */
export interface RuntimeSupport {
  /** Option value: `tensorrt`, `ort-mobile`, `coreml`, `tflite`. */
  readonly id: string;
  /** Name shown in messages. */
  readonly title: string;
  /** Where the list comes from. */
  readonly source: string;
  /** Why an unsupported op hurts on this runtime (one clause). */
  readonly consequence: string;
  /** The fix, one sentence. */
  readonly hint: string;
  /** Reason an op of `domain` with `opType` at the model's opset is unsupported, or undefined. */
  unsupported(domain: string, opType: string, opset: number): string | undefined;
}

/** Builds a check from an allowlist keyed `domain:OpType`. */
export function allowlist(entries: readonly string[]): (domain: string, opType: string) => boolean {
  const set = new Set(entries);
  return (domain, opType) => set.has(`${domain}:${opType}`);
}
