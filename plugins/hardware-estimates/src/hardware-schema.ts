import { type Static, type TSchema, Type } from '@autodoc/core';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Bytes = Type.Integer({ minimum: 0 });
const Ms = Type.Number({ minimum: 0 });
const Bound = Type.Union([Type.Literal('compute'), Type.Literal('memory')]);

/** One point of a sweep: the model evaluated from its symbolic formulas at other dim values. */
export const SweepPoint = Type.Object({
  value: Type.Integer({ minimum: 1 }),
  lowerBoundMs: Nullable(Ms),
  expectedMs: Nullable(Ms),
  expectedHighMs: Nullable(Ms),
  inferencesPerSec: Nullable(Type.Number({ minimum: 0 })),
  vramBytes: Nullable(Bytes),
  fits: Nullable(Type.Boolean()),
  boundBy: Nullable(Bound),
});

const Sweep = Type.Object({
  /** The symbol swept (`batch`), or `batch` with `scaled: true` when the model has no batch symbol. */
  symbol: Type.String(),
  /** True when points scale per-sample figures instead of binding a symbol. */
  scaled: Type.Boolean(),
  points: Type.Array(SweepPoint),
  note: Nullable(Type.String()),
});

const Tier = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gpusPerReplica: Type.Integer({ minimum: 1 }),
  replicas: Type.Integer({ minimum: 1 }),
  vramBytes: Nullable(Bytes),
  capacityBytes: Nullable(Bytes),
  expectedMs: Nullable(Ms),
  expectedHighMs: Nullable(Ms),
  inferencesPerSec: Nullable(Type.Number({ minimum: 0 })),
  pricePerHourUsd: Nullable(Type.Number({ minimum: 0 })),
  costPer1MUsd: Nullable(Type.Number({ minimum: 0 })),
  reason: Type.String(),
});

const CloudRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  provider: Nullable(Type.String()),
  gpu: Type.String(),
  gpuCount: Type.Integer({ minimum: 1 }),
  pricePerHourUsd: Type.Number({ minimum: 0 }),
  priceDate: Nullable(Type.String()),
  gpusPerReplica: Type.Integer({ minimum: 1 }),
  replicas: Type.Integer({ minimum: 0 }),
  fits: Nullable(Type.Boolean()),
  expectedMs: Nullable(Ms),
  inferencesPerSec: Nullable(Type.Number({ minimum: 0 })),
  costPer1MUsd: Nullable(Type.Number({ minimum: 0 })),
});

const LinkJson = Type.Object({ kind: Type.String(), name: Type.String(), bytesPerSec: Type.Number({ minimum: 0 }) });

export const HardwareSectionSchema = Type.Object({
  device: Type.Object({
    id: Type.String(),
    name: Type.String(),
    vendor: Type.String(),
    kind: Type.String(),
    /** For a system or instance: the per-GPU device the estimates run on, and how many it has. */
    gpu: Nullable(Type.String()),
    gpuCount: Type.Integer({ minimum: 1 }),
    memoryBytes: Nullable(Bytes),
    memoryBandwidth: Nullable(Type.Number({ minimum: 0 })),
    /** How the device was chosen: the --hardware id, nvidia-smi (auto), or the requirements. */
    selectedBy: Type.Union([Type.Literal('option'), Type.Literal('detected'), Type.Literal('requirements')]),
  }),
  precision: Type.Object({
    /** Precision of the estimate's bytes and peak (--precision, else the weights' dominant dtype). */
    precision: Type.String(),
    source: Type.Union([Type.Literal('option'), Type.Literal('model')]),
    /** Precision whose dense peak is used (a wider one when the device gives none). */
    peakPrecision: Nullable(Type.String()),
    /** Dense FLOP/s (never the sparse figure). */
    peakFlopsPerSec: Nullable(Type.Number({ minimum: 0 })),
    bandwidthBytesPerSec: Nullable(Type.Number({ minimum: 0 })),
  }),
  efficiency: Type.Object({ compute: Type.Number(), memory: Type.Number(), rangeFactor: Type.Number() }),
  batch: Type.Object({ size: Type.Integer({ minimum: 1 }), symbol: Nullable(Type.String()), scaled: Type.Boolean() }),
  /** Symbol values the headline is computed at. */
  bindings: Type.Record(Type.String(), Type.Integer()),
  gpuCount: Type.Integer({ minimum: 1 }),
  replicas: Type.Integer({ minimum: 1 }),
  /** VRAM needed ≤ capacity (per GPU when split over gpuCount GPUs); null when unknown. */
  fits: Nullable(Type.Boolean()),
  /** VRAM needed on one GPU, bytes (the whole model); null when activations are unbound or unknown. */
  vramBytes: Nullable(Bytes),
  vram: Type.Object({
    weightsBytes: Bytes,
    activationBytes: Nullable(Bytes),
    kvCacheBytes: Bytes,
    workspaceBytes: Nullable(Bytes),
    workspaceFraction: Type.Number(),
    reserveBytes: Bytes,
    totalBytes: Nullable(Bytes),
    capacityBytes: Nullable(Bytes),
    utilization: Nullable(Type.Number({ minimum: 0 })),
    /** With gpuCount > 1: the largest per-GPU need of the split the headline uses (tensor parallel). */
    perGpuBytes: Nullable(Bytes),
  }),
  latency: Type.Object({
    lowerBoundMs: Nullable(Ms),
    expectedMs: Nullable(Ms),
    /** [expected at the configured efficiencies, expected at efficiencies × rangeFactor]. */
    expectedRangeMs: Nullable(Type.Array(Ms, { minItems: 2, maxItems: 2 })),
    boundBy: Nullable(Bound),
    mode: Type.Union([Type.Literal('single-gpu'), Type.Literal('tensor-parallel')]),
    unboundSymbols: Type.Array(Type.String()),
    note: Nullable(Type.String()),
  }),
  throughput: Type.Object({
    /** Samples per second at the expected latency: batch × replicas / latency. */
    inferencesPerSec: Nullable(Type.Number({ minimum: 0 })),
    /** The same at the lower-bound latency (an upper bound). */
    maxInferencesPerSec: Nullable(Type.Number({ minimum: 0 })),
  }),
  totals: Type.Object({
    flops: Nullable(Type.Number({ minimum: 0 })),
    bytes: Nullable(Type.Number({ minimum: 0 })),
    partialNodes: Type.Integer({ minimum: 0 }),
  }),
  arithmeticIntensity: Type.Object({
    /** Model FLOPs / bytes moved. */
    model: Nullable(Type.Number({ minimum: 0 })),
    /** Peak / bandwidth: intensity above which an op is compute bound at 100% efficiency. */
    ridgePoint: Nullable(Type.Number({ minimum: 0 })),
    /** The same at the configured efficiencies (what `bound` per op uses). */
    effectiveRidgePoint: Nullable(Type.Number({ minimum: 0 })),
  }),
  saturation: Type.Object({
    /** Model FLOPs / (expected time × peak): share of the peak the expected run uses. */
    computeUtilization: Nullable(Type.Number({ minimum: 0 })),
    /** Share of expected time in compute-bound ops. */
    computeBoundShare: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
    /** Smallest swept batch at which compute-bound ops take at least half the time. */
    saturatingBatch: Nullable(Type.Integer({ minimum: 1 })),
    verdict: Type.String(),
  }),
  bottleneck: Type.Object({
    summary: Type.String(),
    byOpType: Type.Array(Type.Object({ opType: Type.String(), expectedMs: Ms, share: Type.Number(), nodes: Type.Integer({ minimum: 1 }), bound: Bound })),
  }),
  ops: Type.Array(
    Type.Object({
      name: Type.String(),
      opType: Type.String(),
      flops: Nullable(Type.Number({ minimum: 0 })),
      bytes: Nullable(Type.Number({ minimum: 0 })),
      arithmeticIntensity: Nullable(Type.Number({ minimum: 0 })),
      computeMs: Ms,
      memoryMs: Ms,
      expectedMs: Ms,
      bound: Bound,
      share: Type.Number({ minimum: 0, maximum: 1 }),
    }),
  ),
  multiGpu: Nullable(
    Type.Object({
      gpus: Type.Integer({ minimum: 2 }),
      link: Nullable(LinkJson),
      tensorParallel: Type.Object({
        latencyMs: Nullable(Ms),
        computeMs: Ms,
        commMs: Nullable(Ms),
        commNvlinkMs: Nullable(Ms),
        commPcieMs: Nullable(Ms),
        allReduces: Type.Integer({ minimum: 0 }),
        allGathers: Type.Integer({ minimum: 0 }),
        collectiveBytes: Type.Number({ minimum: 0 }),
        perGpuVramBytes: Nullable(Bytes),
        fits: Nullable(Type.Boolean()),
      }),
      pipelineParallel: Type.Object({
        latencyMs: Nullable(Ms),
        inferencesPerSec: Nullable(Type.Number({ minimum: 0 })),
        commNvlinkMs: Nullable(Ms),
        commPcieMs: Nullable(Ms),
        perGpuVramBytes: Nullable(Bytes),
        fits: Nullable(Type.Boolean()),
        stages: Type.Array(
          Type.Object({
            firstNode: Type.String(),
            lastNode: Type.String(),
            nodes: Type.Integer({ minimum: 1 }),
            timeMs: Ms,
            weightBytes: Type.Number({ minimum: 0 }),
            sendBytes: Nullable(Type.Number({ minimum: 0 })),
          }),
        ),
      }),
      assumptions: Type.Array(Type.String()),
    }),
  ),
  /** Cloud instances built on this GPU (or the instance itself): cost per 1M inferences at the expected latency. */
  cloud: Type.Array(CloudRow),
  sweeps: Type.Object({ batch: Nullable(Sweep), dims: Type.Array(Sweep) }),
  requirements: Nullable(
    Type.Object({
      target: Type.Union([Type.Literal('edge'), Type.Literal('local'), Type.Literal('cloud')]),
      targetLatencyMs: Nullable(Type.Number()),
      targetThroughput: Nullable(Type.Number()),
      considered: Type.Integer({ minimum: 0 }),
      minimum: Nullable(Tier),
      recommended: Nullable(Tier),
      optimal: Nullable(Tier),
      notes: Type.Array(Type.String()),
    }),
  ),
  notes: Type.Array(Type.String()),
});

export type HardwareSection = Static<typeof HardwareSectionSchema>;
export type SweepJson = Static<typeof Sweep>;
export type SweepPointJson = Static<typeof SweepPoint>;
export type TierJson = Static<typeof Tier>;
export type CloudRowJson = Static<typeof CloudRow>;
export type RequirementsJson = NonNullable<HardwareSection['requirements']>;
export type MultiGpuJson = NonNullable<HardwareSection['multiGpu']>;
