import type { Device } from '@autodoc/hardware-db';
import { type DeviceEstimate, estimateOnDevice, type ResolvedGpu } from './device-estimate.js';
import type { ModelFacts } from './model-facts.js';
import type { EvalPoint, NodeWorkAt } from './node-work.js';
import type { HardwareOptions } from './options.js';

/** A model placed on a device with several GPUs: GPUs per replica and replicas side by side. */
export interface Placement {
  readonly resolved: ResolvedGpu;
  readonly gpusPerReplica: number;
  readonly replicas: number;
  readonly estimate: DeviceEstimate;
  /** Samples per second over all replicas at the expected latency. */
  readonly inferencesPerSec: number | null;
  readonly inferencesPerSecHigh: number | null;
}

/**
 * Places the model on a device. With `forced` GPUs per replica, that many; otherwise the smallest power
 * of two (1, 2, 4, …, up to the GPUs available) whose tensor-parallel split fits, so the rest of the
 * device runs data-parallel replicas. When nothing fits, all GPUs form one replica (and `fits` is false).
 */
export function place(
  facts: ModelFacts,
  nodes: readonly NodeWorkAt[],
  point: EvalPoint,
  resolved: ResolvedGpu,
  options: HardwareOptions,
  forced?: number,
): Placement {
  const batch = facts.batch.scaled ? point.scale : (point.bindings[facts.batch.symbol ?? ''] ?? 1);
  const make = (gpus: number): Placement => {
    const estimate = estimateOnDevice(facts, nodes, point, resolved.gpu, gpus, options);
    const replicas = Math.max(1, Math.floor(resolved.available / gpus));
    const rate = (s: number | null) => (s === null || s <= 0 ? null : (batch * replicas) / s);
    return { resolved, gpusPerReplica: gpus, replicas, estimate, inferencesPerSec: rate(estimate.latencyS), inferencesPerSecHigh: rate(estimate.latencyHighS) };
  };
  if (forced !== undefined) return make(forced);
  let last: Placement | undefined;
  for (let g = 1; g <= resolved.available; g *= 2) {
    last = make(g);
    if (last.estimate.fits !== false) return last;
  }
  return resolved.available > 1 && last?.gpusPerReplica !== resolved.available ? make(resolved.available) : (last ?? make(1));
}

/** USD per 1M inferences: price/h ÷ 3600 × latency × 1e6 ÷ (batch × replicas) = price/h ÷ 3600 × 1e6 ÷ throughput. */
export function costPer1MUsd(pricePerHourUsd: number, inferencesPerSec: number | null): number | null {
  if (inferencesPerSec === null || inferencesPerSec <= 0) return null;
  return ((pricePerHourUsd / 3600) * 1e6) / inferencesPerSec;
}

/** Cloud instances in the pool built on `gpuId` (or the instance itself). */
export function instancesOf(gpuId: string, devices: readonly Device[]): Device[] {
  return devices.filter((d) => d.kind === 'instance' && typeof d.pricePerHourUsd === 'number' && (d.gpu === gpuId || d.id === gpuId));
}
