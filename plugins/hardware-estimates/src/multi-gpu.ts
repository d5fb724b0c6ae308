import { ringAllGatherS, ringAllReduceS } from './links.js';
import type { NodeWorkAt } from './node-work.js';
import { type Efficiency, type OpWork, opTime, type RooflineDevice } from './roofline.js';

/** Links to price communication over; null where the device has no such link. */
export interface LinkChoice {
  readonly nvlinkBytesPerSec: number | null;
  readonly pcieBytesPerSec: number | null;
  /** The link the latency uses. */
  readonly usedBytesPerSec: number | null;
}

/** A node that carries MACs and reads a weight: split across GPUs by tensor parallelism. */
function isWeightGemm(n: NodeWorkAt): boolean {
  return (n.macs ?? 0) > 0 && (n.weightBytes ?? 0) > 0;
}

export interface TensorParallelEstimate {
  readonly gpus: number;
  /** Σ per-GPU op times at the configured efficiencies, seconds. */
  readonly computeS: number;
  /** Communication at the used link (null when no link is known). */
  readonly commS: number | null;
  readonly commNvlinkS: number | null;
  readonly commPcieS: number | null;
  readonly latencyS: number | null;
  readonly allReduces: number;
  readonly allGathers: number;
  /** Bytes entering collectives in one forward pass (before the ring factor). */
  readonly collectiveBytes: number;
  /** Fraction of the node-level weight bytes that are split (weight GEMMs). */
  readonly splitWeightFraction: number;
}

/**
 * Megatron-style tensor parallelism over `n` GPUs. Weight GEMMs (MACs > 0, an initializer input) have
 * their FLOPs and weight bytes split by n; their activations are charged in full (inputs are replicated
 * on every GPU; conservative). MAC-bearing nodes without weights (attention products) are split by heads:
 * FLOPs and bytes / n. Every other node runs replicated at full cost (conservative). Weight GEMMs are
 * paired in execution order (column-parallel then row-parallel, as in attention QKV→proj and MLP up→down);
 * each pair costs one ring all-reduce of the second GEMM's output, a lone last GEMM one all-gather.
 */
export function tensorParallel(nodes: readonly NodeWorkAt[], device: RooflineDevice, eff: Efficiency, n: number, links: LinkChoice): TensorParallelEstimate {
  let computeS = 0;
  let allWeights = 0;
  let splitWeights = 0;
  const gemmOutputs: number[] = [];
  for (const node of nodes) {
    let work: OpWork = { flops: node.flops, bytes: node.bytes };
    allWeights += node.weightBytes ?? 0;
    if (isWeightGemm(node)) {
      splitWeights += node.weightBytes ?? 0;
      const bytes = node.activationBytes === null ? null : node.activationBytes + (node.weightBytes ?? 0) / n;
      work = { flops: node.flops === null ? null : node.flops / n, bytes };
      gemmOutputs.push(node.outputBytes ?? 0);
    } else if ((node.macs ?? 0) > 0) {
      work = { flops: node.flops === null ? null : node.flops / n, bytes: node.bytes === null ? null : node.bytes / n };
    }
    computeS += opTime(work, device, eff).timeS;
  }
  let reduceBytes = 0;
  let gatherBytes = 0;
  let allReduces = 0;
  let allGathers = 0;
  for (let i = 0; i < gemmOutputs.length; i += 2) {
    if (i + 1 < gemmOutputs.length) {
      reduceBytes += gemmOutputs[i + 1];
      allReduces++;
    } else {
      gatherBytes += gemmOutputs[i];
      allGathers++;
    }
  }
  const comm = (bw: number | null) => (bw === null || n <= 1 ? (n <= 1 ? 0 : null) : ringAllReduceS(reduceBytes, n, bw) + ringAllGatherS(gatherBytes, n, bw));
  const commS = comm(links.usedBytesPerSec);
  return {
    gpus: n,
    computeS,
    commS,
    commNvlinkS: comm(links.nvlinkBytesPerSec),
    commPcieS: comm(links.pcieBytesPerSec),
    latencyS: commS === null ? null : computeS + commS,
    allReduces,
    allGathers,
    collectiveBytes: reduceBytes + gatherBytes,
    splitWeightFraction: allWeights > 0 ? splitWeights / allWeights : 0,
  };
}

export interface PipelineStage {
  /** Index of the first and last node (execution order) of the stage. */
  readonly firstNode: string;
  readonly lastNode: string;
  readonly nodes: number;
  readonly timeS: number;
  readonly weightBytes: number;
  /** Bytes sent to the next stage (0 for the last); null when a crossing tensor's size is unknown. */
  readonly sendBytes: number | null;
}

export interface PipelineParallelEstimate {
  readonly gpus: number;
  readonly stages: readonly PipelineStage[];
  /** One request through every stage in turn: Σ stage times + Σ transfers (pipelining does not cut latency). */
  readonly latencyS: number | null;
  /** Steady state with at least `gpus` micro-batches in flight: 1 / max(stage time + its send). */
  readonly batchesPerSec: number | null;
  readonly commNvlinkS: number | null;
  readonly commPcieS: number | null;
}

/**
 * Pipeline parallelism over `n` GPUs: the execution order is cut into n contiguous stages of about
 * equal expected time (a cut falls after the node where the running time first reaches k/n of the
 * total). `crossingBytes(i)` gives the bytes of tensors produced at or before node i and read after it.
 */
export function pipelineParallel(
  nodes: readonly NodeWorkAt[],
  device: RooflineDevice,
  eff: Efficiency,
  n: number,
  links: LinkChoice,
  crossingBytes: (cutAfter: number) => number | null,
): PipelineParallelEstimate {
  const times = nodes.map((node) => opTime({ flops: node.flops, bytes: node.bytes }, device, eff).timeS);
  const total = times.reduce((a, b) => a + b, 0);
  const cuts: number[] = [];
  let running = 0;
  for (let i = 0; i < nodes.length && cuts.length < n - 1; i++) {
    running += times[i];
    // Leave at least one node for every stage still to come.
    const remaining = nodes.length - 1 - i;
    if ((running >= (total * (cuts.length + 1)) / n || remaining <= n - 1 - cuts.length) && remaining >= n - 1 - cuts.length) cuts.push(i);
  }
  const stages: PipelineStage[] = [];
  let start = 0;
  for (const end of [...cuts, nodes.length - 1]) {
    if (end < start) continue;
    let t = 0;
    let w = 0;
    for (let i = start; i <= end; i++) {
      t += times[i];
      w += nodes[i].weightBytes ?? 0;
    }
    stages.push({
      firstNode: nodes[start].work.node.name,
      lastNode: nodes[end].work.node.name,
      nodes: end - start + 1,
      timeS: t,
      weightBytes: w,
      sendBytes: end === nodes.length - 1 ? 0 : crossingBytes(end),
    });
    start = end + 1;
  }
  const sends = stages.map((s) => s.sendBytes);
  const unknownSend = sends.some((b) => b === null);
  const sendTotal = sends.reduce<number>((a, b) => a + (b ?? 0), 0);
  const transfer = (bw: number | null) => (stages.length <= 1 ? 0 : bw === null || unknownSend ? null : sendTotal / bw);
  const used = transfer(links.usedBytesPerSec);
  const stageTimes = stages.map((s) => (links.usedBytesPerSec === null || s.sendBytes === null ? null : s.timeS + s.sendBytes / links.usedBytesPerSec));
  const slowest = stageTimes.some((t) => t === null) ? null : Math.max(...(stageTimes as number[]));
  return {
    gpus: n,
    stages,
    latencyS: used === null ? null : total + used,
    batchesPerSec: slowest === null || slowest === 0 ? null : 1 / slowest,
    commNvlinkS: transfer(links.nvlinkBytesPerSec),
    commPcieS: transfer(links.pcieBytesPerSec),
  };
}
