import type { NodeWorkAt } from './node-work.js';
import { type Bound, type Efficiency, FULL_EFFICIENCY, modelTime, type OpWork, opTime, type RooflineDevice, scaleEfficiency } from './roofline.js';

/** Latency of one forward pass at one point, from the roofline over every node. */
export interface LatencyEstimate {
  /** Σ max(F/P, B/BW): no kernel beats it. */
  readonly lowerBoundS: number;
  /** Σ max(F/(P·e_c), B/(BW·e_m)) at the configured efficiencies. */
  readonly expectedS: number;
  /** The same with both efficiencies × rangeFactor: the slow end of the expected range. */
  readonly expectedHighS: number;
  /** Which side holds more of the expected time. */
  readonly boundBy: Bound;
  /** Share of the expected time in compute-bound ops (0–1). */
  readonly computeBoundShare: number;
  readonly totalFlops: number;
  readonly totalBytes: number;
  /** Nodes whose FLOPs or bytes are unknown: their missing side adds no time (the bound stays a lower bound). */
  readonly partialNodes: number;
}

/** The op's work as a roofline sees it. */
export function opWork(n: NodeWorkAt): OpWork {
  return { flops: n.flops, bytes: n.bytes };
}

/** Roofline latency of the nodes on one device. */
export function estimateLatency(nodes: readonly NodeWorkAt[], device: RooflineDevice, eff: Efficiency, rangeFactor: number): LatencyEstimate {
  const works = nodes.map(opWork);
  const lower = modelTime(works, device, FULL_EFFICIENCY);
  const expected = modelTime(works, device, eff);
  const high = modelTime(works, device, scaleEfficiency(eff, rangeFactor));
  let totalFlops = 0;
  let totalBytes = 0;
  let partialNodes = 0;
  for (const n of nodes) {
    totalFlops += n.flops ?? 0;
    totalBytes += n.bytes ?? 0;
    if (n.flops === null || n.bytes === null) partialNodes++;
  }
  return {
    lowerBoundS: lower.timeS,
    expectedS: expected.timeS,
    expectedHighS: high.timeS,
    boundBy: expected.bound,
    computeBoundShare: expected.timeS > 0 ? expected.computeBoundS / expected.timeS : 0,
    totalFlops,
    totalBytes,
    partialNodes,
  };
}

/** One row of the per-op table. */
export interface OpRow {
  readonly name: string;
  readonly opType: string;
  readonly flops: number | null;
  readonly bytes: number | null;
  readonly arithmeticIntensity: number | null;
  readonly computeMs: number;
  readonly memoryMs: number;
  readonly expectedMs: number;
  readonly bound: Bound;
  /** Share of the model's expected time (0–1). */
  readonly share: number;
}

/** The nodes taking most expected time, largest first (views and zero-time nodes left out). */
export function topOps(nodes: readonly NodeWorkAt[], device: RooflineDevice, eff: Efficiency, limit: number): OpRow[] {
  const rows = nodes.map((n) => {
    const t = opTime(opWork(n), device, eff);
    return { n, t };
  });
  const total = rows.reduce((s, r) => s + r.t.timeS, 0);
  return rows
    .filter((r) => r.t.timeS > 0)
    .sort((a, b) => b.t.timeS - a.t.timeS)
    .slice(0, limit)
    .map(({ n, t }) => ({
      name: n.work.node.name,
      opType: n.work.node.opType,
      flops: n.flops,
      bytes: n.bytes,
      arithmeticIntensity: n.flops !== null && n.bytes ? n.flops / n.bytes : null,
      computeMs: t.computeS * 1e3,
      memoryMs: t.memoryS * 1e3,
      expectedMs: t.timeS * 1e3,
      bound: t.bound,
      share: total > 0 ? t.timeS / total : 0,
    }));
}

/** Expected time per op type, largest first, with the side most of it is bound by. */
export function timeByOpType(
  nodes: readonly NodeWorkAt[],
  device: RooflineDevice,
  eff: Efficiency,
): { opType: string; expectedMs: number; share: number; nodes: number; bound: Bound }[] {
  const acc = new Map<string, { s: number; c: number; m: number; nodes: number }>();
  let total = 0;
  for (const n of nodes) {
    const t = opTime(opWork(n), device, eff);
    if (t.timeS === 0) continue;
    const key = n.work.node.domain && n.work.node.domain !== 'ai.onnx' ? `${n.work.node.domain}::${n.work.node.opType}` : n.work.node.opType;
    const a = acc.get(key) ?? { s: 0, c: 0, m: 0, nodes: 0 };
    a.s += t.timeS;
    if (t.bound === 'compute') a.c += t.timeS;
    else a.m += t.timeS;
    a.nodes++;
    acc.set(key, a);
    total += t.timeS;
  }
  return [...acc]
    .sort((a, b) => b[1].s - a[1].s)
    .map(([opType, a]) => ({ opType, expectedMs: a.s * 1e3, share: total > 0 ? a.s / total : 0, nodes: a.nodes, bound: a.c >= a.m ? 'compute' : 'memory' }));
}
