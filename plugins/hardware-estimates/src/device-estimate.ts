import { type Device, getDevice } from '@autodoc/hardware-db';
import { type LatencyEstimate, estimateLatency } from './estimate.js';
import { deviceLinks, type Link } from './links.js';
import { dimAt, type ModelFacts, peakActivationAt } from './model-facts.js';
import { type PipelineParallelEstimate, type TensorParallelEstimate, pipelineParallel, tensorParallel } from './multi-gpu.js';
import type { EvalPoint, NodeWorkAt } from './node-work.js';
import type { HardwareOptions } from './options.js';
import { type ChosenPeak, peakFor } from './peak.js';
import type { RooflineDevice } from './roofline.js';
import { estimateVram, type VramEstimate } from './vram.js';

/** The GPU the roofline runs on: a system or instance is `gpuCount` of its per-GPU device. */
export interface ResolvedGpu {
  /** The device as chosen (GPU, module, system or instance). */
  readonly device: Device;
  /** The per-GPU device (the device itself for a GPU or module). */
  readonly gpu: Device;
  /** GPUs the device has (1 for a GPU or module). */
  readonly available: number;
}

/**
 * A system or instance stores totals over its GPUs (`aggregation: total-of-gpus`); the roofline needs
 * one GPU, so its `gpu` device is looked up. When that id is unknown, the totals are divided by the count.
 */
export function resolveGpu(device: Device, devices: readonly Device[]): ResolvedGpu {
  if (device.aggregation !== 'total-of-gpus' || !device.gpuCount) return { device, gpu: device, available: 1 };
  const gpu = device.gpu ? getDevice(device.gpu, devices) : undefined;
  if (gpu) return { device, gpu, available: device.gpuCount };
  const n = device.gpuCount;
  const per = (x: number | null) => (x === null ? null : x / n);
  const peak = Object.fromEntries(
    Object.entries(device.peak).map(([k, v]) => [k, { dense: per(v.dense), sparse: per(v.sparse) }]),
  ) as unknown as Device['peak'];
  return { device, gpu: { ...device, memoryBytes: per(device.memoryBytes), memoryBandwidth: per(device.memoryBandwidth), peak }, available: n };
}

/** The estimate of one model on one device at one point. */
export interface DeviceEstimate {
  readonly peak: ChosenPeak | undefined;
  readonly roofline: RooflineDevice | undefined;
  readonly single: VramEstimate;
  /** Single-GPU roofline latency; undefined when the device lacks a peak or bandwidth. */
  readonly latency: LatencyEstimate | undefined;
  readonly gpus: number;
  readonly link: Link | null;
  readonly tensorParallel?: TensorParallelEstimate & { readonly vram: VramEstimate };
  readonly pipelineParallel?: PipelineParallelEstimate & { readonly vram: VramEstimate };
  /** Latency of the configuration the headline uses (TP when gpus > 1). */
  readonly latencyS: number | null;
  readonly latencyHighS: number | null;
  /** Fits the configuration the headline uses (per GPU when split). */
  readonly fits: boolean | null;
}

/**
 * Evaluates a device at a point: VRAM, roofline latency and, with `gpus` > 1, tensor- and
 * pipeline-parallel splits. `nodes` are the facts' works evaluated at the same point.
 */
export function estimateOnDevice(
  facts: ModelFacts,
  nodes: readonly NodeWorkAt[],
  point: EvalPoint,
  gpu: Device,
  gpus: number,
  options: HardwareOptions,
): DeviceEstimate {
  const activationBytes = peakActivationAt(facts, point);
  const kvBytes = facts.kvCache === undefined ? null : dimAt(facts.kvCache, point);
  const overhead = { workspaceFraction: options.workspaceFraction, reserveBytes: options.reserveBytes };
  const parts = {
    weightsBytes: facts.weightsBytes,
    activationBytes: activationBytes === null ? null : Math.ceil(activationBytes),
    kvCacheBytes: kvBytes === null ? null : Math.ceil(kvBytes),
  };
  const single = estimateVram(parts, overhead, gpu.memoryBytes);
  const peak = peakFor(gpu, facts.precision);
  const roofline = peak && gpu.memoryBandwidth ? { peakFlopsPerSec: peak.flopsPerSec, bandwidthBytesPerSec: gpu.memoryBandwidth } : undefined;
  const latency = roofline ? estimateLatency(nodes, roofline, options.efficiency, options.rangeFactor) : undefined;
  const links = deviceLinks(gpu);
  const link = options.interconnect === 'pcie' ? links.pcie : options.interconnect === 'nvlink' ? links.nvlink : (links.nvlink ?? links.other ?? links.pcie);
  const base = { peak, roofline, single, latency, gpus, link };
  if (gpus <= 1 || !roofline) {
    return { ...base, latencyS: latency?.expectedS ?? null, latencyHighS: latency?.expectedHighS ?? null, fits: single.fits };
  }
  const choice = {
    nvlinkBytesPerSec: links.nvlink?.bytesPerSec ?? links.other?.bytesPerSec ?? null,
    pcieBytesPerSec: links.pcie?.bytesPerSec ?? null,
    usedBytesPerSec: link?.bytesPerSec ?? null,
  };
  const tp = tensorParallel(nodes, roofline, options.efficiency, gpus, choice);
  const f = tp.splitWeightFraction;
  // Split weights live 1/n on each GPU, the rest on every GPU; heads (and so the KV cache) split n ways.
  const tpVram = estimateVram(
    {
      ...parts,
      weightsBytes: Math.ceil(facts.weightsBytes * (1 - f + f / gpus)),
      kvCacheBytes: parts.kvCacheBytes === null ? null : Math.ceil(parts.kvCacheBytes / gpus),
    },
    overhead,
    gpu.memoryBytes,
  );
  const crossing = (cutAfter: number) => {
    let sum = 0;
    for (const c of facts.lifetimes) {
      if (c.producer > cutAfter || c.lastConsumer <= cutAfter) continue;
      const b = dimAt(c.bytes, point);
      if (b === null) return null;
      sum += b;
    }
    return sum;
  };
  const pp = pipelineParallel(nodes, roofline, options.efficiency, gpus, choice, crossing);
  const maxStageWeights = Math.max(0, ...pp.stages.map((s) => s.weightBytes));
  const ppVram = estimateVram(
    {
      ...parts,
      weightsBytes: Math.ceil(Math.min(facts.weightsBytes, maxStageWeights)),
      kvCacheBytes: parts.kvCacheBytes === null ? null : Math.ceil(parts.kvCacheBytes / gpus),
    },
    overhead,
    gpu.memoryBytes,
  );
  const highTp = tensorParallel(
    nodes,
    roofline,
    { compute: options.efficiency.compute * options.rangeFactor, memory: options.efficiency.memory * options.rangeFactor },
    gpus,
    choice,
  );
  return {
    ...base,
    tensorParallel: { ...tp, vram: tpVram },
    pipelineParallel: { ...pp, vram: ppVram },
    latencyS: tp.latencyS,
    latencyHighS: highTp.latencyS,
    fits: tpVram.fits,
  };
}
