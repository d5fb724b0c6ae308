import { compareText } from '@autodoc/core';
import type { Device } from '@autodoc/hardware-db';
import { resolveGpu } from './device-estimate.js';
import type { RequirementsJson, TierJson } from './hardware-schema.js';
import type { ModelFacts } from './model-facts.js';
import type { EvalPoint, NodeWorkAt } from './node-work.js';
import type { DeploymentTarget, HardwareOptions } from './options.js';
import { costPer1MUsd, type Placement, place } from './placement.js';

/** VRAM use above this share of capacity leaves no room for larger batches or contexts. */
export const RECOMMENDED_MAX_UTILIZATION = 0.8;

/** The device pool of a deployment target. */
export function candidatesFor(target: DeploymentTarget, devices: readonly Device[]): Device[] {
  switch (target) {
    case 'edge':
      return devices.filter((d) => d.kind === 'module');
    case 'local':
      return devices.filter((d) => d.kind === 'gpu' && /desktop|laptop/i.test(d.formFactor ?? ''));
    case 'cloud':
      return devices.filter((d) => d.kind === 'instance' && typeof d.pricePerHourUsd === 'number');
  }
}

interface Scored {
  readonly device: Device;
  readonly placement: Placement;
  readonly cost: number | null;
}

function meets(s: Scored, options: HardwareOptions, pessimistic: boolean): boolean {
  const e = s.placement.estimate;
  if (e.fits !== true) return false;
  const latency = pessimistic ? e.latencyHighS : e.latencyS;
  const rate = pessimistic ? s.placement.inferencesPerSecHigh : s.placement.inferencesPerSec;
  if (options.targetLatencyMs !== undefined && (latency === null || latency * 1e3 > options.targetLatencyMs)) return false;
  if (options.targetThroughput !== undefined && (rate === null || rate < options.targetThroughput)) return false;
  return true;
}

/** Smaller is "less device": price for cloud, else memory then dense peak. */
function sizeKey(s: Scored): [number, number] {
  if (typeof s.device.pricePerHourUsd === 'number') return [s.device.pricePerHourUsd, 0];
  const peak = s.placement.estimate.peak?.flopsPerSec ?? 0;
  return [s.device.memoryBytes ?? Number.POSITIVE_INFINITY, peak];
}

function smallest(list: readonly Scored[]): Scored | undefined {
  return [...list].sort((a, b) => sizeKey(a)[0] - sizeKey(b)[0] || sizeKey(a)[1] - sizeKey(b)[1] || compareText(a.device.id, b.device.id))[0];
}

/** VRAM per GPU of the placement: the tensor-parallel split when it uses several GPUs. */
function placedVram(p: Placement) {
  return p.gpusPerReplica > 1 && p.estimate.tensorParallel ? p.estimate.tensorParallel.vram : p.estimate.single;
}

function tier(s: Scored | undefined, reason: string): TierJson | null {
  if (!s) return null;
  const e = s.placement.estimate;
  const vram = placedVram(s.placement);
  return {
    id: s.device.id,
    name: `${s.device.vendor} ${s.device.name}${s.device.variant ? ` ${s.device.variant}` : ''}`,
    gpusPerReplica: s.placement.gpusPerReplica,
    replicas: s.placement.replicas,
    vramBytes: vram.totalBytes,
    capacityBytes: vram.capacityBytes,
    expectedMs: e.latencyS === null ? null : e.latencyS * 1e3,
    expectedHighMs: e.latencyHighS === null ? null : e.latencyHighS * 1e3,
    inferencesPerSec: s.placement.inferencesPerSec,
    pricePerHourUsd: s.device.pricePerHourUsd ?? null,
    costPer1MUsd: s.cost,
    reason,
  };
}

/**
 * Minimum / recommended / optimal devices of the target's pool at the headline point.
 * - minimum: the smallest device (cloud: cheapest per hour) that fits and meets the targets at the expected latency;
 * - recommended: the smallest that fits with VRAM ≤ 80% of capacity and meets the targets at the slow end of the range;
 * - optimal: the fastest that meets the targets (cloud: the lowest cost per 1M inferences).
 */
export function systemRequirements(
  facts: ModelFacts,
  nodes: readonly NodeWorkAt[],
  point: EvalPoint,
  devices: readonly Device[],
  options: HardwareOptions,
  target: DeploymentTarget,
): RequirementsJson {
  const pool = candidatesFor(target, devices);
  const scored: Scored[] = pool.map((device) => {
    const resolved = resolveGpu(device, devices);
    const placement = place(facts, nodes, point, resolved, options);
    const cost = typeof device.pricePerHourUsd === 'number' ? costPer1MUsd(device.pricePerHourUsd, placement.inferencesPerSec) : null;
    return { device, placement, cost };
  });
  const ok = scored.filter((s) => meets(s, options, false));
  const roomy = scored.filter((s) => {
    const u = placedVram(s.placement).utilization;
    return meets(s, options, true) && u !== null && u <= RECOMMENDED_MAX_UTILIZATION;
  });
  const timed = ok.filter((s) => s.placement.estimate.latencyS !== null);
  const optimal =
    target === 'cloud'
      ? [...ok].filter((s) => s.cost !== null).sort((a, b) => (a.cost as number) - (b.cost as number))[0]
      : [...timed].sort((a, b) => (a.placement.estimate.latencyS as number) - (b.placement.estimate.latencyS as number))[0];
  const targets = [
    options.targetLatencyMs !== undefined ? `latency ≤ ${options.targetLatencyMs} ms` : '',
    options.targetThroughput !== undefined ? `throughput ≥ ${options.targetThroughput}/s` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const meetsText = targets ? ` and meets ${targets}` : '';
  const notes = [`Pool: ${pool.length} ${target} device(s) of the hardware database; each is estimated at the headline point with the same roofline.`];
  if (scored.some((s) => s.placement.estimate.peak === undefined))
    notes.push(
      'Devices without a dense peak for this precision (or a wider one) have no latency and only qualify when no latency or throughput target is set.',
    );
  if (ok.length === 0) notes.push(`No ${target} device fits${meetsText}.`);
  return {
    target,
    targetLatencyMs: options.targetLatencyMs ?? null,
    targetThroughput: options.targetThroughput ?? null,
    considered: pool.length,
    minimum: tier(smallest(ok), target === 'cloud' ? `cheapest per hour that fits${meetsText}` : `smallest that fits${meetsText}`),
    recommended: tier(
      smallest(roomy),
      `smallest with VRAM ≤ ${RECOMMENDED_MAX_UTILIZATION * 100}% of capacity${targets ? ` that meets ${targets} at the slow end of the expected range` : ''}`,
    ),
    optimal: tier(optimal, target === 'cloud' ? `lowest cost per 1M inferences${meetsText}` : `lowest expected latency${meetsText}`),
    notes,
  };
}
