import type { AnalysisContext, Diagnostic } from '@autodoc/core';
import { type Device, devicePool } from '@autodoc/hardware-db';
import { type DeviceEstimate, resolveGpu } from './device-estimate.js';
import { timeByOpType, topOps } from './estimate.js';
import type { CloudRowJson, HardwareSection, MultiGpuJson, RequirementsJson } from './hardware-schema.js';
import { collectModelFacts, dimAt, headlinePoint, type ModelFacts, peakActivationAt } from './model-facts.js';
import { evaluateWork, type NodeWorkAt, UnboundSymbols } from './node-work.js';
import { DEFAULT_SWEEP_BATCH, type HardwareOptions } from './options.js';
import { costPer1MUsd, instancesOf, type Placement, place } from './placement.js';
import { systemRequirements } from './requirements.js';
import { peakFor } from './peak.js';
import { ridgePoint } from './roofline.js';
import { selectDevice } from './select-device.js';
import { batchSweep, dimSweep, saturatingBatch } from './sweeps.js';
import { estimateVram } from './vram.js';

const PLUGIN = 'autodoc:hardware-estimates';
const ms = (s: number | null | undefined) => (s === null || s === undefined ? null : s * 1e3);

/** Multi-GPU assumptions, stated in the report beside the figures. */
export const MULTI_GPU_ASSUMPTIONS: readonly string[] = [
  'Tensor parallel: weight GEMMs split FLOPs and weights across GPUs; their activations are charged in full (inputs replicated); MAC-bearing ops without weights (attention products) split by heads; other ops run replicated.',
  'Tensor parallel: weight GEMMs are paired in execution order; each pair costs a ring all-reduce of the second output (2(N−1)/N × bytes / link), a lone last GEMM an all-gather ((N−1)/N × bytes / link). Communication does not overlap compute.',
  'Pipeline parallel: the execution order is cut into N stages of about equal expected time; tensors crossing a cut are sent point to point; latency is the sum over stages (pipelining raises throughput, not latency).',
  'Per-GPU VRAM keeps the full activation peak on every GPU (conservative); the KV cache splits N ways.',
  'Link bandwidth is one direction per GPU: NVLink and fabric figures of the database (both directions) are halved; PCIe from the generation and lane count.',
];

/** Builds the section, or returns undefined (with diagnostics) when no device is selected. */
export async function buildHardwareSection(ctx: AnalysisContext, options: HardwareOptions): Promise<HardwareSection | undefined> {
  // Without --hardware the device files are not even loaded (75 files, ~0.25 s of a small run).
  const devices = ctx.options.hardware || options.deploymentTarget ? devicePool(ctx.devices) : [];
  const selection = await selectDevice(ctx.options.hardware, devices);
  for (const d of selection.diagnostics) ctx.diagnostics.add(d);
  // Nothing to estimate without a device or a deployment target: skip the per-node work entirely.
  if (!selection.device && !options.deploymentTarget) return undefined;
  const facts = collectModelFacts(ctx);
  const point = headlinePoint(facts);
  const evaluated = evaluateWork(facts.works, point);
  const nodes = evaluated instanceof UnboundSymbols ? undefined : evaluated;
  const unbound = evaluated instanceof UnboundSymbols ? evaluated.symbols : [];

  let requirements: RequirementsJson | null = null;
  if (options.deploymentTarget) {
    if (nodes) requirements = systemRequirements(facts, nodes, point, devices, options, options.deploymentTarget);
    else
      diag(
        ctx,
        'HARDWARE_SYMBOLS_UNBOUND',
        'info',
        `System requirements need every symbol bound; ${unbound.join(', ')} are not.`,
        'Bind them with --dim NAME=VALUE.',
      );
  }
  let device = selection.device;
  let selectedBy: HardwareSection['device']['selectedBy'] = selection.device ? selection.selectedBy : 'option';
  if (!device && requirements) {
    const pick = requirements.recommended ?? requirements.minimum;
    device = pick ? devices.find((d) => d.id === pick.id) : undefined;
    selectedBy = 'requirements';
    if (!device)
      diag(
        ctx,
        'HARDWARE_NOT_SELECTED',
        'info',
        `No ${requirements.target} device of the database fits this model${requirements.targetLatencyMs !== null || requirements.targetThroughput !== null ? ' and meets the targets' : ''}.`,
        'Relax the targets, try another --deployment-target, or add --gpu-count.',
      );
  }
  if (!device) return undefined;

  const resolved0 = resolveGpu(device, devices);
  const requested = ctx.options.gpuCount;
  let resolved = resolved0;
  if (requested !== undefined && requested > resolved0.available) {
    if (resolved0.device.aggregation === 'total-of-gpus')
      diag(
        ctx,
        'HARDWARE_GPU_COUNT',
        'warning',
        `--gpu-count ${requested} exceeds the ${resolved0.available} GPUs of ${device.id}; using ${resolved0.available}.`,
        'Lower --gpu-count or pick a larger system.',
      );
    else resolved = { ...resolved0, available: requested };
  }
  const forced = requested === undefined ? (resolved.available > 1 ? undefined : 1) : Math.min(requested, resolved.available);
  const gpu = resolved.gpu;

  const notes = [...facts.notes];
  const placement = nodes ? place(facts, nodes, point, resolved, options, forced) : undefined;
  const gpus = placement?.gpusPerReplica ?? forced ?? 1;
  const estimate = placement?.estimate;
  reportPeak(ctx, facts, gpu);
  if (unbound.length > 0)
    diag(
      ctx,
      'HARDWARE_SYMBOLS_UNBOUND',
      'info',
      `Latency and throughput need ${unbound.join(', ')} bound; the headline is left empty.`,
      `Bind with --dim (e.g. --dim ${unbound[0]}=512) or read the sweeps (--sweep-dim ${unbound[0]}=128,512,2048).`,
    );

  const single =
    estimate?.single ??
    estimateVram(
      {
        weightsBytes: facts.weightsBytes,
        activationBytes: nullCeil(peakActivationAt(facts, point)),
        kvCacheBytes: facts.kvCache === undefined ? null : nullCeil(dimAt(facts.kvCache, point)),
      },
      { workspaceFraction: options.workspaceFraction, reserveBytes: options.reserveBytes },
      gpu.memoryBytes,
    );
  const split = gpus > 1 ? estimate?.tensorParallel?.vram : undefined;
  const fits = estimate?.fits ?? single.fits;
  if (fits === false) {
    const need = split?.totalBytes ?? single.totalBytes;
    diag(
      ctx,
      'HARDWARE_DOES_NOT_FIT',
      'warning',
      `The model needs about ${gib(need)} of VRAM per GPU; ${gpu.id} has ${gib(gpu.memoryBytes)}.`,
      gpus > 1
        ? 'Add GPUs (--gpu-count), lower --precision, or reduce batch or context.'
        : 'Lower --precision, reduce batch or context, or split over GPUs with --gpu-count N.',
    );
  }

  const latency = estimate?.latency;
  const roofline = estimate?.roofline;
  const sweepBatchValues = options.sweepBatch ?? DEFAULT_SWEEP_BATCH;
  // Sweeps bind their own points, so they run even when the headline has unbound symbols.
  const canTime = peakFor(gpu, facts.precision) !== undefined && !!gpu.memoryBandwidth;
  const batchSweepJson = canTime ? batchSweep(facts, sweepBatchValues, resolved, gpus, options) : null;
  const dimSweeps = canTime ? Object.entries(options.sweepDims ?? {}).map(([symbol, values]) => dimSweep(facts, symbol, values, resolved, gpus, options)) : [];
  const computeUtilization = latency && estimate?.peak && latency.expectedS > 0 ? latency.totalFlops / (latency.expectedS * estimate.peak.flopsPerSec) : null;
  const satBatch = saturatingBatch(batchSweepJson);

  const section: HardwareSection = {
    device: {
      id: device.id,
      name: `${device.vendor} ${device.name}${device.variant ? ` ${device.variant}` : ''}`,
      vendor: device.vendor,
      kind: device.kind,
      gpu: gpu === device ? null : gpu.id,
      gpuCount: resolved0.available,
      memoryBytes: device.memoryBytes === null ? null : Math.round(device.memoryBytes),
      memoryBandwidth: device.memoryBandwidth,
      selectedBy,
    },
    precision: {
      precision: facts.precision,
      source: facts.precisionSource,
      peakPrecision: estimate?.peak?.used ?? null,
      peakFlopsPerSec: estimate?.peak?.flopsPerSec ?? null,
      bandwidthBytesPerSec: gpu.memoryBandwidth,
    },
    efficiency: { compute: options.efficiency.compute, memory: options.efficiency.memory, rangeFactor: options.rangeFactor },
    batch: { size: facts.batch.size, symbol: facts.batch.symbol, scaled: facts.batch.scaled },
    bindings: { ...facts.bindings },
    gpuCount: gpus,
    replicas: placement?.replicas ?? 1,
    fits,
    vramBytes: single.totalBytes,
    vram: {
      weightsBytes: single.weightsBytes,
      activationBytes: single.activationBytes,
      kvCacheBytes: single.kvCacheBytes,
      workspaceBytes: single.workspaceBytes,
      workspaceFraction: options.workspaceFraction,
      reserveBytes: single.reserveBytes,
      totalBytes: single.totalBytes,
      capacityBytes: single.capacityBytes === null ? null : Math.round(single.capacityBytes),
      utilization: single.utilization,
      perGpuBytes: split?.totalBytes ?? null,
    },
    latency: {
      lowerBoundMs: gpus > 1 ? null : ms(latency?.lowerBoundS),
      expectedMs: ms(estimate?.latencyS),
      expectedRangeMs: estimate?.latencyS != null && estimate.latencyHighS != null ? [estimate.latencyS * 1e3, estimate.latencyHighS * 1e3] : null,
      boundBy: latency?.boundBy ?? null,
      mode: gpus > 1 ? 'tensor-parallel' : 'single-gpu',
      unboundSymbols: [...unbound],
      note: latencyNote(unbound, estimate, gpus, options),
    },
    throughput: {
      inferencesPerSec: placement?.inferencesPerSec ?? null,
      maxInferencesPerSec: gpus === 1 && latency && latency.lowerBoundS > 0 && placement ? (facts.batch.size * placement.replicas) / latency.lowerBoundS : null,
    },
    totals: { flops: latency?.totalFlops ?? null, bytes: latency?.totalBytes ?? null, partialNodes: latency?.partialNodes ?? 0 },
    arithmeticIntensity: {
      model: latency && latency.totalBytes > 0 ? latency.totalFlops / latency.totalBytes : null,
      ridgePoint: roofline ? ridgePoint(roofline) : null,
      effectiveRidgePoint: roofline ? ridgePoint(roofline, options.efficiency) : null,
    },
    saturation: {
      computeUtilization,
      computeBoundShare: latency?.computeBoundShare ?? null,
      saturatingBatch: satBatch,
      verdict: saturationVerdict(latency?.computeBoundShare ?? null, satBatch, facts.batch.size),
    },
    bottleneck: bottleneck(nodes, estimate, options),
    ops: nodes && roofline ? topOps(nodes, roofline, options.efficiency, options.topOps) : [],
    multiGpu: multiGpu(estimate, gpus, facts.batch.size),
    cloud: nodes ? cloudRows(facts, nodes, point, device, gpu, devices, options, requested) : [],
    sweeps: { batch: batchSweepJson, dims: dimSweeps },
    requirements,
    notes: [
      ...notes,
      `VRAM = (weights + peak activations + KV cache) × (1 + ${options.workspaceFraction}) workspace${options.reserveBytes ? ` + ${options.reserveBytes} bytes reserved` : ''}.`,
      `Expected latency runs kernels at ${options.efficiency.compute * 100}% of the dense peak and ${options.efficiency.memory * 100}% of the memory bandwidth; the range's slow end at ${options.rangeFactor}× those. Kernel launch and host overheads are not modelled.`,
      ...(latency && latency.partialNodes > 0 ? [`${latency.partialNodes} node(s) have unknown FLOPs or bytes; only their known side is timed.`] : []),
    ],
  };
  return section;
}

function nullCeil(x: number | null): number | null {
  return x === null ? null : Math.ceil(x);
}

function diag(ctx: AnalysisContext, code: string, severity: Diagnostic['severity'], message: string, hint: string): void {
  ctx.diagnostics.add({ code, severity, plugin: PLUGIN, message, hint });
}

function gib(bytes: number | null): string {
  return bytes === null ? 'an unknown amount' : `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

function reportPeak(ctx: AnalysisContext, facts: ModelFacts, gpu: Device): void {
  const peak = peakFor(gpu, facts.precision);
  if (!peak)
    diag(
      ctx,
      'HARDWARE_PEAK_UNKNOWN',
      'warning',
      `${gpu.id} has no dense ${facts.precision} peak (nor a wider one) in the hardware database; latency is not estimated.`,
      'Pick another --precision or device, or add the figure with defineDevice.',
    );
  else if (peak?.fellBack)
    diag(
      ctx,
      'HARDWARE_PEAK_FALLBACK',
      'info',
      `${gpu.id} gives no dense ${peak.requested} peak; the ${peak.used} peak is used instead.`,
      `Pass --precision ${peak.used} to estimate that precision explicitly.`,
    );
  if (!gpu.memoryBandwidth)
    diag(
      ctx,
      'HARDWARE_PEAK_UNKNOWN',
      'warning',
      `${gpu.id} has no memory bandwidth in the hardware database; latency is not estimated.`,
      'Add it with defineDevice.',
    );
}

function latencyNote(unbound: readonly string[], estimate: DeviceEstimate | undefined, gpus: number, options: HardwareOptions): string | null {
  if (unbound.length > 0) return `Needs ${unbound.join(', ')} bound (--dim); see the sweeps for values at chosen points.`;
  if (!estimate?.latency) return 'The device lacks a peak or bandwidth figure for this precision.';
  const range = `The range runs from the configured efficiencies (compute ${options.efficiency.compute}, memory ${options.efficiency.memory}) to ${options.rangeFactor}× them.`;
  return gpus > 1 ? `Tensor parallel over ${gpus} GPUs, communication included; no single-GPU lower bound. ${range}` : range;
}

function saturationVerdict(computeShare: number | null, satBatch: number | null, batch: number): string {
  if (computeShare === null) return 'unknown (no latency estimate)';
  if (computeShare >= 0.5) return `saturated: compute-bound ops take ${(computeShare * 100).toFixed(0)}% of the time at batch ${batch}`;
  const hint =
    satBatch === null
      ? 'no swept batch makes it compute bound'
      : satBatch > batch
        ? `batch ${satBatch} would make it compute bound`
        : 'memory bound whatever the batch (weights or activations dominate)';
  return `not saturated: memory-bound ops take ${((1 - computeShare) * 100).toFixed(0)}% of the time at batch ${batch}; ${hint}`;
}

function bottleneck(nodes: readonly NodeWorkAt[] | undefined, estimate: DeviceEstimate | undefined, options: HardwareOptions): HardwareSection['bottleneck'] {
  if (!nodes || !estimate?.roofline || !estimate.latency) return { summary: 'unknown (no latency estimate)', byOpType: [] };
  const byOpType = timeByOpType(nodes, estimate.roofline, options.efficiency);
  const top = byOpType.slice(0, 3).map((r) => `${r.opType} ${(r.share * 100).toFixed(0)}% (${r.bound})`);
  return { summary: `${estimate.latency.boundBy} bound overall; most time in ${top.join(', ') || 'no op'}`, byOpType };
}

function multiGpu(estimate: DeviceEstimate | undefined, gpus: number, batch: number): MultiGpuJson | null {
  const tp = estimate?.tensorParallel;
  const pp = estimate?.pipelineParallel;
  if (gpus <= 1 || !tp || !pp) return null;
  return {
    gpus,
    link: estimate.link ? { kind: estimate.link.kind, name: estimate.link.name, bytesPerSec: estimate.link.bytesPerSec } : null,
    tensorParallel: {
      latencyMs: ms(tp.latencyS),
      computeMs: tp.computeS * 1e3,
      commMs: ms(tp.commS),
      commNvlinkMs: ms(tp.commNvlinkS),
      commPcieMs: ms(tp.commPcieS),
      allReduces: tp.allReduces,
      allGathers: tp.allGathers,
      collectiveBytes: tp.collectiveBytes,
      perGpuVramBytes: tp.vram.totalBytes,
      fits: tp.vram.fits,
    },
    pipelineParallel: {
      latencyMs: ms(pp.latencyS),
      inferencesPerSec: pp.batchesPerSec === null ? null : pp.batchesPerSec * batch,
      commNvlinkMs: ms(pp.commNvlinkS),
      commPcieMs: ms(pp.commPcieS),
      perGpuVramBytes: pp.vram.totalBytes,
      fits: pp.vram.fits,
      stages: pp.stages.map(({ timeS, ...s }) => ({ ...s, timeMs: timeS * 1e3 })),
    },
    assumptions: [...MULTI_GPU_ASSUMPTIONS],
  };
}

function cloudRows(
  facts: ModelFacts,
  nodes: readonly NodeWorkAt[],
  point: ReturnType<typeof headlinePoint>,
  device: Device,
  gpu: Device,
  devices: readonly Device[],
  options: HardwareOptions,
  requested: number | undefined,
): CloudRowJson[] {
  const instances = device.kind === 'instance' ? [device] : instancesOf(gpu.id, devices);
  return instances.map((inst) => {
    const resolved = resolveGpu(inst, devices);
    const forced = requested === undefined ? undefined : Math.min(requested, resolved.available);
    const p: Placement = place(facts, nodes, point, resolved, options, forced);
    return {
      id: inst.id,
      name: `${inst.vendor} ${inst.name}`,
      provider: inst.provider ?? null,
      gpu: resolved.gpu.id,
      gpuCount: resolved.available,
      pricePerHourUsd: inst.pricePerHourUsd as number,
      priceDate: inst.priceDate ?? null,
      gpusPerReplica: p.gpusPerReplica,
      replicas: p.replicas,
      fits: p.estimate.fits,
      expectedMs: ms(p.estimate.latencyS),
      inferencesPerSec: p.inferencesPerSec,
      costPer1MUsd: p.estimate.fits === false ? null : costPer1MUsd(inst.pricePerHourUsd as number, p.inferencesPerSec),
    };
  });
}
