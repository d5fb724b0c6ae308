import { AnalysisTester, gptDecoder, ModelBuilder } from '@autodoc/core/testing';
import flops from '@autodoc/plugin-flops';
import memory from '@autodoc/plugin-memory';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import params from '@autodoc/plugin-params';
import shapes from '@autodoc/plugin-shapes';
import { describe, expect, it } from 'vitest';
import type { HardwareSection } from './hardware-schema.js';
import { latencyVsBatch, vramVsBatch } from './hardware-section.js';
import hardwareEstimates from './index.js';

const tester = new AnalysisTester({ plugins: [opsOnnx, shapes, params, flops, memory, hardwareEstimates] });
const hw = (r: { report: Record<string, unknown> }) => r.report.hardware as HardwareSection;

/** Y = X · W with X [4096, 4096] and W [4096, 4096] in fp16 (W declared without payload). */
function matmul4096(): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  b.input('X', 'FLOAT16', [4096, 4096]);
  b.initializer('W', 'FLOAT16', [4096, 4096], { noData: true });
  b.node('MatMul', ['X', 'W'], { outputs: ['Y'] });
  b.output('Y', 'FLOAT16', [4096, 4096]);
  return b;
}

/** X [batch, 256] → MatMul W1 [256, 256] → Relu → MatMul W2 [256, 64], fp32. */
function mlp(): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  b.input('X', 'FLOAT', ['batch', 256]);
  b.initializer('W1', 'FLOAT', [256, 256], { noData: true });
  b.initializer('W2', 'FLOAT', [256, 64], { noData: true });
  b.node('MatMul', ['X', 'W1'], { outputs: ['h'] });
  b.node('Relu', ['h'], { outputs: ['r'] });
  b.node('MatMul', ['r', 'W2'], { outputs: ['Y'] });
  b.output('Y', 'FLOAT', ['batch', 64]);
  return b;
}

describe('hardware section through the pipeline', () => {
  it('times a 4096³ fp16 MatMul on an A100 SXM 80GB as hand-computed', async () => {
    const r = await tester.analyze(matmul4096(), { hardware: 'a100-sxm-80gb', precision: 'fp16' });
    const h = hw(r);
    // The activation peak is the memory plugin's liveness peak (X and Y live together: 2 × 33,554,432).
    expect(h.vram.activationBytes).toBe((r.report.memory as { peakActivationBytes: number }).peakActivationBytes);
    expect(h.vram.activationBytes).toBe(67_108_864);
    // FLOPs 2·4096³ = 137,438,953,472; bytes 3·4096²·2 = 100,663,296 (X, W, Y at 2 B).
    expect(h.totals.flops).toBe(137_438_953_472);
    expect(h.totals.bytes).toBe(100_663_296);
    // compute 137.44e9 / 312e12 = 0.44051 ms > memory 100.66e6 / 2.039e12 = 0.04937 ms.
    expect(h.latency.lowerBoundMs).toBeCloseTo(0.44051, 5);
    expect(h.latency.boundBy).toBe('compute');
    // Expected at 60% of peak: 0.44051 / 0.6 = 0.73418 ms; slow end at 0.42: 1.04883 ms.
    expect(h.latency.expectedMs).toBeCloseTo(0.73418, 5);
    expect(h.latency.expectedRangeMs?.[1]).toBeCloseTo(1.04883, 5);
    expect(h.efficiency).toEqual({ compute: 0.6, memory: 0.8, rangeFactor: 0.7 });
    expect(h.ops[0]).toMatchObject({ opType: 'MatMul', bound: 'compute' });
    // Throughput at batch 1: 1 / 0.73418 ms = 1362.06 /s.
    expect(h.throughput.inferencesPerSec).toBeCloseTo(1362.06, 1);
    // VRAM: W 33,554,432 + peak activations (X and Y live together) 67,108,864; × 1.2 = 120,795,955.2 → 120,795,956.
    expect(h.vramBytes).toBe(120_795_956);
    expect(h.fits).toBe(true);
  });

  it('uses the dense H100 fp16 peak (989.4 TFLOPS), not the sparse 1979', async () => {
    const h = hw(await tester.analyze(matmul4096(), { hardware: 'H100', precision: 'fp16' }));
    expect(h.device.id).toBe('h100-sxm');
    expect(h.precision.peakFlopsPerSec).toBe(989.4e12);
    // 137,438,953,472 / 989.4e12 = 0.138911 ms (the sparse figure would give 0.069 ms).
    expect(h.latency.lowerBoundMs).toBeCloseTo(0.138911, 5);
  });

  it('has no section and says why when no --hardware is given', async () => {
    const r = await tester.analyze(matmul4096());
    expect(r.report.hardware).toBeUndefined();
    expect(r.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'HARDWARE_NOT_SELECTED', severity: 'info' }));
  });

  it('rejects an unknown id as a usage error', async () => {
    await expect(tester.analyze(matmul4096(), { hardware: 'no-such-gpu' })).rejects.toMatchObject({ code: 'HARDWARE_UNKNOWN' });
  });

  it('fits or not by VRAM: 18.4 GB of fp16 weights on a T4 (16 GiB) vs an A100 80GB', async () => {
    // W [96000, 96000] fp16 = 9.216e9 elements × 2 B = 18,432,000,000 B > 17,179,869,184 (16 GiB).
    const big = () => {
      const b = new ModelBuilder({ opset: 17 });
      b.input('X', 'FLOAT16', [1, 96000]);
      b.initializer('W', 'FLOAT16', [96000, 96000], { noData: true });
      b.node('MatMul', ['X', 'W'], { outputs: ['Y'] });
      b.output('Y', 'FLOAT16', [1, 96000]);
      return b;
    };
    const t4 = await tester.analyze(big(), { hardware: 't4', precision: 'fp16' });
    expect(hw(t4).vram.weightsBytes).toBe(18_432_000_000);
    expect(hw(t4).fits).toBe(false);
    expect(t4.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'HARDWARE_DOES_NOT_FIT', severity: 'warning' }));
    expect(hw(await tester.analyze(big(), { hardware: 'a100-sxm-80gb', precision: 'fp16' })).fits).toBe(true);
  });

  it('batch sweep from the symbolic formulas equals re-analysis with the batch bound', async () => {
    const swept = hw(await tester.analyze(mlp(), { hardware: 'l4', extras: { hardware: { sweepBatch: [2, 16] } } }));
    expect(swept.sweeps.batch?.symbol).toBe('batch');
    expect(swept.sweeps.batch?.points.map((p) => p.value)).toEqual([2, 16]);
    for (const [i, b] of [2, 16].entries()) {
      const again = hw(await tester.analyze(mlp(), { hardware: 'l4', bindings: { batch: b } }));
      const p = swept.sweeps.batch?.points[i];
      expect(p?.expectedMs).toBeCloseTo(again.latency.expectedMs as number, 12);
      expect(p?.lowerBoundMs).toBeCloseTo(again.latency.lowerBoundMs as number, 12);
      expect(p?.vramBytes).toBe(again.vramBytes);
    }
  });

  it('dim sweep of a decoder (sequence) equals re-analysis with --dim', async () => {
    const fixed = { batch: 1, past_sequence: 32 };
    const swept = hw(await tester.analyze(gptDecoder(), { hardware: 'a10', bindings: fixed, extras: { hardware: { sweepDims: { sequence: [8, 64] } } } }));
    expect(swept.latency.expectedMs).toBeNull(); // sequence is unbound in the headline
    expect(swept.latency.unboundSymbols).toEqual(['sequence']);
    const sweep = swept.sweeps.dims.find((d) => d.symbol === 'sequence');
    expect(sweep?.points.map((p) => p.value)).toEqual([8, 64]);
    for (const [i, s] of [8, 64].entries()) {
      const again = hw(await tester.analyze(gptDecoder(), { hardware: 'a10', bindings: { ...fixed, sequence: s } }));
      expect(sweep?.points[i].expectedMs).toBeCloseTo(again.latency.expectedMs as number, 12);
      expect(sweep?.points[i].vramBytes).toBe(again.vramBytes);
    }
  });

  it('splits a 2-layer decoder over 2 GPUs with 2 all-reduces per layer', async () => {
    const r = await tester.analyze(gptDecoder({ layers: 2, hidden: 64 }), {
      hardware: 'h100-sxm',
      gpuCount: 2,
      bindings: { batch: 1, sequence: 16, past_sequence: 32 },
    });
    const m = hw(r).multiGpu;
    // Weight GEMMs per layer: c_attn, c_proj, c_fc, mlp c_proj → pairs (c_attn, c_proj) and (c_fc, c_proj).
    expect(m?.tensorParallel.allReduces).toBe(4);
    // Each all-reduce carries a [1, 16, 64] fp32 activation = 4,096 B.
    expect(m?.tensorParallel.collectiveBytes).toBe(4 * 4096);
    // NVLink 4 on H100: 900 GB/s both ways → 450 GB/s; ring over 2: 2·1/2 × 16,384 / 450e9 = 3.641e-8 s.
    expect(m?.link).toMatchObject({ kind: 'nvlink', bytesPerSec: 450e9 });
    expect(m?.tensorParallel.commNvlinkMs).toBeCloseTo(3.6409e-5, 8);
    // PCIe gen5 x16 = 63.015 GB/s: 16,384 / 63.015e9 = 2.6000e-7 s.
    expect(m?.tensorParallel.commPcieMs).toBeCloseTo(2.6e-4, 7);
    expect(m?.pipelineParallel.stages).toHaveLength(2);
    expect(hw(r).latency.mode).toBe('tensor-parallel');
  });

  it('prices cloud instances of the GPU per 1M inferences', async () => {
    const h = hw(await tester.analyze(mlp(), { hardware: 'l4', bindings: { batch: 8 } }));
    const ids = h.cloud.map((c) => c.id).sort();
    expect(ids).toEqual(['aws-g6.12xlarge', 'aws-g6.xlarge', 'gcp-g2-standard-4']);
    for (const c of h.cloud) {
      // price/h ÷ 3600 × 1e6 ÷ (inferences/s over all replicas)
      expect(c.costPer1MUsd).toBeCloseTo(((c.pricePerHourUsd / 3600) * 1e6) / (c.inferencesPerSec as number), 10);
      expect(c.replicas).toBe(c.gpuCount); // a tiny model: one GPU per replica
    }
  });

  it('names minimum / recommended / optimal devices for a deployment target', async () => {
    const target = 0.05;
    const h = hw(
      await tester.analyze(mlp(), { hardware: 'l4', bindings: { batch: 1 }, extras: { hardware: { deploymentTarget: 'edge', targetLatencyMs: target } } }),
    );
    const req = h.requirements;
    expect(req?.target).toBe('edge');
    for (const t of [req?.minimum, req?.recommended, req?.optimal]) {
      expect(t).not.toBeNull();
      expect(t?.id).toMatch(/^jetson-/);
      expect(t?.expectedMs as number).toBeLessThanOrEqual(target);
    }
    expect(req?.recommended?.expectedHighMs as number).toBeLessThanOrEqual(target);
  });

  it('chart views give vega-lite specs from the sweeps', async () => {
    const h = hw(await tester.analyze(mlp(), { hardware: 'l4', extras: { hardware: { sweepBatch: [1, 4, 16] } } }));
    const latency = latencyVsBatch(h) as { layer: { encoding: { x: { field: string } } }[]; data: { values: unknown[] } };
    expect(latency.layer[0].encoding.x.field).toBe('x');
    // 3 points × (lower bound, expected, slow end)
    expect(latency.data.values).toHaveLength(9);
    const vram = vramVsBatch(h) as { layer: unknown[] };
    expect(vram.layer).toHaveLength(2); // the line and the capacity rule
  });
});
