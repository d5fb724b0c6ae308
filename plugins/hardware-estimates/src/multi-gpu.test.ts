import { getDevice } from '@autodoc/hardware-db';
import { describe, expect, it } from 'vitest';
import { deviceLinks, pcieBandwidth, ringAllReduceS } from './links.js';
import { pipelineParallel, tensorParallel } from './multi-gpu.js';
import type { NodeWorkAt } from './node-work.js';
import { FULL_EFFICIENCY } from './roofline.js';

/** A node at a point, with only what the splits read. */
function node(name: string, f: { flops: number; macs: number; weightBytes: number; activationBytes: number; outputBytes: number }): NodeWorkAt {
  return {
    work: { node: { name, opType: f.macs > 0 ? 'MatMul' : 'Add', domain: '' } } as unknown as NodeWorkAt['work'],
    flops: f.flops,
    macs: f.macs,
    weightBytes: f.weightBytes,
    activationBytes: f.activationBytes,
    bytes: f.weightBytes + f.activationBytes,
    outputBytes: f.outputBytes,
  };
}

// Device: 100 TFLOPS, 1 TB/s; NVLink 300 GB/s one way, PCIe 32 GB/s one way; 100% efficiency.
const dev = { peakFlopsPerSec: 100e12, bandwidthBytesPerSec: 1e12 };
const links = { nvlinkBytesPerSec: 300e9, pcieBytesPerSec: 32e9, usedBytesPerSec: 300e9 };
const up = node('up', { flops: 2e12, macs: 1e12, weightBytes: 1e9, activationBytes: 1e8, outputBytes: 5e7 });
const down = node('down', { flops: 2e12, macs: 1e12, weightBytes: 1e9, activationBytes: 1e8, outputBytes: 4e7 });
const add = node('add', { flops: 1e7, macs: 0, weightBytes: 0, activationBytes: 2e8, outputBytes: 1e8 });

describe('tensor parallel (hand-computed)', () => {
  it('splits weight GEMMs, replicates the rest, and all-reduces once per GEMM pair', () => {
    const tp = tensorParallel([up, down, add], dev, FULL_EFFICIENCY, 2, links);
    // up/down per GPU: FLOPs 1e12 → 0.01 s; bytes 1e8 + 1e9/2 = 6e8 → 6e-4 s; time 0.01 s each.
    // add replicated: max(1e7/1e14, 2e8/1e12) = 2e-4 s.  Σ = 0.0202 s.
    expect(tp.computeS).toBeCloseTo(0.0202, 10);
    // One pair (up, down): ring all-reduce of down's 4e7 B over 2 GPUs: 2·1/2 × 4e7 / 300e9 = 1.3333e-4 s.
    expect(tp.allReduces).toBe(1);
    expect(tp.allGathers).toBe(0);
    expect(tp.commNvlinkS).toBeCloseTo(1.33333e-4, 9);
    // Over PCIe: 4e7 / 32e9 = 1.25e-3 s.
    expect(tp.commPcieS).toBeCloseTo(1.25e-3, 10);
    expect(tp.latencyS).toBeCloseTo(0.0202 + 1.33333e-4, 9);
    expect(tp.splitWeightFraction).toBe(1);
  });

  it('a lone last GEMM costs an all-gather; 4 GPUs use 2(N−1)/N', () => {
    const third = node('head', { flops: 2e12, macs: 1e12, weightBytes: 1e9, activationBytes: 1e8, outputBytes: 3e7 });
    const tp = tensorParallel([up, down, third], dev, FULL_EFFICIENCY, 4, links);
    expect(tp.allReduces).toBe(1);
    expect(tp.allGathers).toBe(1);
    // all-reduce 2·3/4 × 4e7 / 3e11 = 2e-4 s; all-gather 3/4 × 3e7 / 3e11 = 7.5e-5 s.
    expect(tp.commNvlinkS).toBeCloseTo(2e-4 + 7.5e-5, 10);
  });

  it('one GPU has no communication', () => {
    expect(tensorParallel([up, down], dev, FULL_EFFICIENCY, 1, links).commS).toBe(0);
  });
});

describe('pipeline parallel (hand-computed)', () => {
  it('cuts the execution order into stages of about equal time', () => {
    // Single-GPU times: up 0.02 s (2e12/1e14), down 0.02 s, add 2e-4 s; total 0.0402 s.
    // The first cut falls where the running time reaches 0.0402/2 = 0.0201: after `down`.
    const pp = pipelineParallel([up, down, add], dev, FULL_EFFICIENCY, 2, links, (cut) => (cut === 1 ? 4e7 : null));
    expect(pp.stages.map((s) => [s.firstNode, s.lastNode])).toEqual([
      ['up', 'down'],
      ['add', 'add'],
    ]);
    expect(pp.stages[0].timeS).toBeCloseTo(0.04, 12);
    expect(pp.stages[0].weightBytes).toBe(2e9);
    expect(pp.stages[0].sendBytes).toBe(4e7);
    // Latency = 0.0402 + 4e7 / 300e9 = 0.0402 + 1.3333e-4.
    expect(pp.latencyS).toBeCloseTo(0.0402 + 1.33333e-4, 9);
    // Throughput: 1 / max(0.04 + 1.3333e-4, 2e-4) = 24.917 batches/s.
    expect(pp.batchesPerSec).toBeCloseTo(1 / 0.0401333333, 4);
    expect(pp.commPcieS).toBeCloseTo(4e7 / 32e9, 12);
  });

  it('gives every stage at least one node', () => {
    const pp = pipelineParallel([up, down, add], dev, FULL_EFFICIENCY, 3, links, () => 0);
    expect(pp.stages.map((s) => s.nodes)).toEqual([1, 1, 1]);
  });
});

describe('links', () => {
  it('halves the NVLink figure (both directions) and derives PCIe from generation and lanes', () => {
    const a100 = getDevice('a100-sxm-80gb');
    if (!a100) throw new Error('a100-sxm-80gb missing');
    const l = deviceLinks(a100);
    // 600 GB/s both ways → 300 GB/s each way.
    expect(l.nvlink?.bytesPerSec).toBe(300e9);
    // gen4 x16: 16 GT/s × 128/130 / 8 × 16 lanes = 31.508 GB/s.
    expect(l.pcie?.bytesPerSec).toBeCloseTo(31.5077e9, -5);
    // gen3 x16 = 15.754 GB/s; gen2 x4 = 0.5 GB/s × 4 = 2 GB/s; module lanes: unknown.
    expect(pcieBandwidth('gen3 x16')).toBeCloseTo(15.7538e9, -5);
    expect(pcieBandwidth('gen2 x4')).toBe(2e9);
    expect(pcieBandwidth('gen4 (module lanes)')).toBeNull();
  });

  it('ring all-reduce moves 2(N−1)/N of the bytes', () => {
    // 8 GPUs, 1 GB at 100 GB/s: 2·7/8 × 0.01 s = 0.0175 s.
    expect(ringAllReduceS(1e9, 8, 100e9)).toBeCloseTo(0.0175, 12);
  });
});
