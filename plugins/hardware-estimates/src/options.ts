import { type Static, Type } from '@autodoc/core';

/** Where the model is meant to run; picks the device pool of the system requirements. */
export const DeploymentTarget = Type.Union([Type.Literal('edge'), Type.Literal('local'), Type.Literal('cloud')]);
export type DeploymentTarget = Static<typeof DeploymentTarget>;

const Fraction = Type.Number({ exclusiveMinimum: 0, maximum: 1 });
const PositiveInts = Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 64 });

/**
 * Options of the hardware-estimates plugin (config: `[hardwareEstimates, { ... }]`). The CLI flags
 * `--deployment-target`, `--target-latency-ms`, `--target-throughput`, `--sweep-batch` and `--sweep-dim`
 * arrive through `RunOptions.extras.hardware` and override these per run.
 */
export const HardwareOptionsSchema = Type.Object(
  {
    /**
     * Fraction of the dense peak (compute) and of the memory bandwidth (memory) that kernels reach.
     * Both are reported beside every expected figure; the lower bound uses 1.
     */
    efficiency: Type.Object({ compute: Fraction, memory: Fraction }, { additionalProperties: false }),
    /** The pessimistic end of the expected range runs both efficiencies × this factor. */
    rangeFactor: Fraction,
    /** Workspace overhead as a fraction of weights + activations + KV cache (1.2× rule of thumb). */
    workspaceFraction: Type.Number({ minimum: 0, maximum: 4 }),
    /** Fixed bytes reserved per GPU (CUDA context, runtime); 0 by default, stated in the report. */
    reserveBytes: Type.Integer({ minimum: 0 }),
    /** Batch sizes of the batch sweep. */
    sweepBatch: Type.Optional(PositiveInts),
    /** Values per symbol to sweep, e.g. `{ sequence: [128, 512, 2048] }`. */
    sweepDims: Type.Optional(Type.Record(Type.String({ minLength: 1 }), PositiveInts)),
    deploymentTarget: Type.Optional(DeploymentTarget),
    targetLatencyMs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    targetThroughput: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** Link for multi-GPU communication: NVLink when the device has it (`auto`), or forced. */
    interconnect: Type.Union([Type.Literal('auto'), Type.Literal('nvlink'), Type.Literal('pcie')]),
    /** Rows of the per-op table. */
    topOps: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);

export type HardwareOptions = Static<typeof HardwareOptionsSchema>;

/** Defaults: 60% of peak compute and 80% of bandwidth are typical of tuned GEMM and copy kernels. */
export const defaultHardwareOptions: HardwareOptions = {
  efficiency: { compute: 0.6, memory: 0.8 },
  rangeFactor: 0.7,
  workspaceFraction: 0.2,
  reserveBytes: 0,
  interconnect: 'auto',
  topOps: 20,
};

/** Default batch sweep when none is given. */
export const DEFAULT_SWEEP_BATCH: readonly number[] = [1, 2, 4, 8, 16, 32, 64];

/** What the CLI passes in `RunOptions.extras.hardware`; every field optional. */
export interface HardwareExtras {
  readonly deploymentTarget?: DeploymentTarget;
  readonly targetLatencyMs?: number;
  readonly targetThroughput?: number;
  readonly sweepBatch?: readonly number[];
  readonly sweepDims?: Readonly<Record<string, readonly number[]>>;
}

/** Plugin options with the run's extras laid over them (extras win: they come from this run's flags). */
export function effectiveOptions(options: HardwareOptions, extras: unknown): HardwareOptions {
  if (!extras || typeof extras !== 'object') return options;
  const e = extras as HardwareExtras;
  return {
    ...options,
    ...(e.deploymentTarget ? { deploymentTarget: e.deploymentTarget } : {}),
    ...(e.targetLatencyMs !== undefined ? { targetLatencyMs: e.targetLatencyMs } : {}),
    ...(e.targetThroughput !== undefined ? { targetThroughput: e.targetThroughput } : {}),
    ...(e.sweepBatch?.length ? { sweepBatch: [...e.sweepBatch] } : {}),
    ...(e.sweepDims && Object.keys(e.sweepDims).length > 0
      ? { sweepDims: { ...options.sweepDims, ...Object.fromEntries(Object.entries(e.sweepDims).map(([k, v]) => [k, [...v]])) } }
      : {}),
  };
}
