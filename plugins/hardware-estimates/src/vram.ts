/** What must be resident on one GPU, in bytes; null where unknown or unbound. */
export interface VramParts {
  readonly weightsBytes: number;
  readonly activationBytes: number | null;
  readonly kvCacheBytes: number | null;
}

/** How the overhead on top of weights, activations and KV cache is modelled. */
export interface VramOverhead {
  /** Fraction of (weights + activations + KV cache) added for workspace and fragmentation. */
  readonly workspaceFraction: number;
  /** Fixed bytes per GPU (CUDA context, runtime). */
  readonly reserveBytes: number;
}

export interface VramEstimate {
  readonly weightsBytes: number;
  readonly activationBytes: number | null;
  readonly kvCacheBytes: number;
  readonly workspaceBytes: number | null;
  readonly reserveBytes: number;
  /** ceil((W + A + KV) × (1 + f) + reserve); null when activations are unknown or unbound. */
  readonly totalBytes: number | null;
  readonly capacityBytes: number | null;
  /** totalBytes ≤ capacityBytes; null when either is unknown. */
  readonly fits: boolean | null;
  /** totalBytes / capacityBytes. */
  readonly utilization: number | null;
}

/**
 * VRAM needed = (weights + peak activations + KV cache) × (1 + workspaceFraction) + reserve. A model
 * without a KV cache counts 0 for it; unknown activations make the total unknown (never a guessed 0).
 */
export function estimateVram(parts: VramParts, overhead: VramOverhead, capacityBytes: number | null): VramEstimate {
  const kv = parts.kvCacheBytes ?? 0;
  const base = parts.activationBytes === null ? null : parts.weightsBytes + parts.activationBytes + kv;
  const workspaceBytes = base === null ? null : Math.ceil(base * overhead.workspaceFraction);
  const totalBytes = base === null || workspaceBytes === null ? null : base + workspaceBytes + overhead.reserveBytes;
  const known = totalBytes !== null && capacityBytes !== null && capacityBytes > 0;
  return {
    weightsBytes: parts.weightsBytes,
    activationBytes: parts.activationBytes,
    kvCacheBytes: kv,
    workspaceBytes,
    reserveBytes: overhead.reserveBytes,
    totalBytes,
    capacityBytes,
    fits: known ? totalBytes <= capacityBytes : null,
    utilization: known ? totalBytes / capacityBytes : null,
  };
}
