/**
 * The roofline model, as pure arithmetic on numbers (seconds, FLOPs, bytes). An op takes at least as
 * long as its arithmetic at the compute peak and at least as long as its memory traffic at the memory
 * bandwidth; with overlap it takes the larger of the two.
 */

/** What a roofline needs of the device: dense peak (FLOP/s) and memory bandwidth (bytes/s). */
export interface RooflineDevice {
  readonly peakFlopsPerSec: number;
  readonly bandwidthBytesPerSec: number;
}

/** Fractions of peak and bandwidth reached by kernels (1 = the lower bound). */
export interface Efficiency {
  readonly compute: number;
  readonly memory: number;
}

export const FULL_EFFICIENCY: Efficiency = Object.freeze({ compute: 1, memory: 1 });

/** One op's work: FLOPs and bytes moved; null where unknown (that side then contributes no time). */
export interface OpWork {
  readonly flops: number | null;
  readonly bytes: number | null;
}

export type Bound = 'compute' | 'memory';

export interface OpTime {
  /** flops / (peak × efficiency.compute), in seconds; 0 when FLOPs are unknown. */
  readonly computeS: number;
  /** bytes / (bandwidth × efficiency.memory), in seconds; 0 when bytes are unknown. */
  readonly memoryS: number;
  /** max(computeS, memoryS). */
  readonly timeS: number;
  /** The side that sets `timeS` (compute on a tie). */
  readonly bound: Bound;
}

/** t = max(F / (P·e_c), B / (BW·e_m)). */
export function opTime(work: OpWork, device: RooflineDevice, eff: Efficiency = FULL_EFFICIENCY): OpTime {
  const computeS = work.flops === null ? 0 : work.flops / (device.peakFlopsPerSec * eff.compute);
  const memoryS = work.bytes === null ? 0 : work.bytes / (device.bandwidthBytesPerSec * eff.memory);
  return { computeS, memoryS, timeS: Math.max(computeS, memoryS), bound: computeS >= memoryS ? 'compute' : 'memory' };
}

/** FLOPs per byte moved; null when either is unknown or no bytes move. */
export function arithmeticIntensity(work: OpWork): number | null {
  if (work.flops === null || work.bytes === null || work.bytes === 0) return null;
  return work.flops / work.bytes;
}

/** The intensity (FLOP/byte) above which an op is compute bound: P·e_c / (BW·e_m). */
export function ridgePoint(device: RooflineDevice, eff: Efficiency = FULL_EFFICIENCY): number {
  return (device.peakFlopsPerSec * eff.compute) / (device.bandwidthBytesPerSec * eff.memory);
}

/** Sum of op times and the time spent in compute- vs memory-bound ops. */
export interface ModelTime {
  readonly timeS: number;
  readonly computeBoundS: number;
  readonly memoryBoundS: number;
  /** The side with more time: the model's bottleneck. */
  readonly bound: Bound;
}

/** Ops run one after another (no inter-op overlap): the model time is the sum of op times. */
export function modelTime(works: readonly OpWork[], device: RooflineDevice, eff: Efficiency = FULL_EFFICIENCY): ModelTime {
  let computeBoundS = 0;
  let memoryBoundS = 0;
  for (const w of works) {
    const t = opTime(w, device, eff);
    if (t.bound === 'compute') computeBoundS += t.timeS;
    else memoryBoundS += t.timeS;
  }
  return { timeS: computeBoundS + memoryBoundS, computeBoundS, memoryBoundS, bound: computeBoundS >= memoryBoundS ? 'compute' : 'memory' };
}

/** Scales both efficiencies (the pessimistic end of an expected range). */
export function scaleEfficiency(eff: Efficiency, factor: number): Efficiency {
  return { compute: eff.compute * factor, memory: eff.memory * factor };
}
