/**
 * Types of the hardware database. Units are plain numbers: bytes, bytes per second, FLOP/s (OP/s for
 * integer precisions), watts. A figure the vendor does not give is `null`, never 0.
 */

/** Precisions every device lists in `peak`, in the order the CLI prints them. */
export const PRECISIONS = ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** Dense and 2:4-sparse throughput of one precision. Vendors often quote only the sparse one. */
export interface PeakPair {
  readonly dense: number | null;
  readonly sparse: number | null;
}

export type Peak = Readonly<Record<Precision, PeakPair>>;

/** Where a figure group comes from, and whether someone checked it there. */
export interface SourceRef {
  readonly url: string;
  readonly title: string;
  /** vendor: datasheet, whitepaper or provider page; secondary: a third-party cross-check; derived: computed here from the page's inputs. */
  readonly kind: 'vendor' | 'secondary' | 'derived';
  /** Figure paths this source supports, e.g. `peak.fp16`, `memoryBandwidth`. */
  readonly covers: readonly string[];
  /** YYYY-MM-DD the figure was checked against this source, or null. */
  readonly verified: string | null;
  readonly unverifiedReason?: string;
  readonly note?: string;
}

export interface Interconnect {
  /** e.g. `gen5 x16`; null when not applicable. */
  readonly pcie: string | null;
  readonly nvlink?: { readonly generation: number; readonly bandwidthBytesPerSec: number };
  readonly other?: { readonly name: string; readonly bandwidthBytesPerSec: number };
}

export type DeviceKind = 'gpu' | 'system' | 'module' | 'instance';

/** One accelerator, module, system or cloud instance, as stored in `devices/<id>.json`. */
export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly vendor: string;
  readonly name: string;
  /** SXM, PCIe, NVL, laptop, module, ... */
  readonly variant: string | null;
  readonly aliases: readonly string[];
  readonly architecture?: string | null;
  readonly formFactor?: string | null;
  /** `total-of-gpus`: memory, bandwidth and peaks are sums over `gpuCount` GPUs (systems, instances). */
  readonly aggregation?: 'per-device' | 'total-of-gpus';
  readonly memoryBytes: number | null;
  readonly memoryType: string | null;
  /** Bytes per second. */
  readonly memoryBandwidth: number | null;
  /** Tensor figures with FP32 accumulate where the vendor distinguishes. */
  readonly peak: Peak;
  /** GeForce-style FP16-accumulate Tensor Core rates, kept apart from `peak`. */
  readonly peakFp16Accumulate?: { readonly fp16: PeakPair; readonly fp8?: PeakPair };
  readonly peakExtra?: { readonly fp64?: PeakPair; readonly fp6?: PeakPair; readonly fp4?: PeakPair };
  /** Per-engine breakdown where the headline sums engines (Jetson GPU + DLA). */
  readonly components?: Readonly<Record<string, Partial<Peak>>>;
  readonly peakNotes?: Readonly<Record<string, string>>;
  readonly tdpWatts: number | null;
  readonly tdpRangeWatts?: readonly [number, number];
  readonly interconnect: Interconnect;
  /** Streaming multiprocessors (NVIDIA) or compute units (AMD). */
  readonly smCount?: number;
  readonly boostClockMhz?: number;
  /** Names nvidia-smi prints for this device. */
  readonly nvidiaSmiNames?: readonly string[];
  readonly provider?: string;
  readonly instanceType?: string;
  readonly region?: string;
  /** Id of the per-GPU device of a system or instance. */
  readonly gpu?: string;
  readonly gpuCount?: number;
  readonly vcpus?: number;
  readonly hostMemoryBytes?: number;
  /** On-demand USD per hour. */
  readonly pricePerHourUsd?: number;
  /** Date of the price source (YYYY-MM-DD or YYYY-MM). */
  readonly priceDate?: string;
  readonly priceSource?: string;
  /** Main source URL (or `user config`). */
  readonly source: string;
  readonly sources: readonly SourceRef[];
  /** Date every vendor-sourced figure was checked against its source; null otherwise. */
  readonly verified: string | null;
  readonly unverifiedReason?: string;
  readonly notes?: readonly string[];
}

/** What a user writes in config: the identity fields and figures; the rest gets defaults. */
export type DeviceInput = Pick<Device, 'id' | 'vendor' | 'name' | 'memoryBytes' | 'memoryBandwidth'> &
  Partial<Omit<Device, 'id' | 'vendor' | 'name' | 'memoryBytes' | 'memoryBandwidth' | 'peak'>> & {
    readonly peak?: Partial<Record<Precision, Partial<PeakPair>>>;
  };
