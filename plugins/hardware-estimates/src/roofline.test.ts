import { getDevice } from '@autodoc/hardware-db';
import { describe, expect, it } from 'vitest';
import { peakFor } from './peak.js';
import { arithmeticIntensity, modelTime, opTime, ridgePoint } from './roofline.js';

const device = (id: string) => {
  const d = getDevice(id);
  if (!d) throw new Error(`test device ${id} missing from the database`);
  return d;
};

describe('roofline of one op (hand-computed)', () => {
  // MatMul [4096,4096] × [4096,4096] in fp16 on an A100 SXM 80GB (312 TFLOPS dense fp16, 2,039 GB/s):
  // FLOPs = 2·4096³ = 137,438,953,472; bytes = 3 tensors · 4096² · 2 B = 100,663,296.
  // compute = 137,438,953,472 / 312e12 = 4.40509e-4 s (0.4405 ms);
  // memory  = 100,663,296 / 2.039e12   = 4.93689e-5 s (0.0494 ms) → compute bound.
  const a100 = { peakFlopsPerSec: 312e12, bandwidthBytesPerSec: 2039e9 };
  const work = { flops: 2 * 4096 ** 3, bytes: 3 * 4096 ** 2 * 2 };

  it('takes the larger of compute and memory time at 100% efficiency', () => {
    const t = opTime(work, a100);
    expect(t.computeS).toBeCloseTo(4.40509e-4, 8);
    expect(t.memoryS).toBeCloseTo(4.93689e-5, 9);
    expect(t.timeS).toBe(t.computeS);
    expect(t.bound).toBe('compute');
  });

  it('divides each side by its efficiency', () => {
    // 0.4405 ms / 0.6 = 0.7342 ms; 0.0494 ms / 0.8 = 0.0617 ms.
    const t = opTime(work, a100, { compute: 0.6, memory: 0.8 });
    expect(t.computeS).toBeCloseTo(7.34182e-4, 8);
    expect(t.memoryS).toBeCloseTo(6.17111e-5, 9);
  });

  it('reports intensity and ridge point', () => {
    // 137,438,953,472 / 100,663,296 = 1365.33 FLOP/B; ridge = 312e12 / 2.039e12 = 153.02 FLOP/B.
    expect(arithmeticIntensity(work)).toBeCloseTo(1365.333, 3);
    expect(ridgePoint(a100)).toBeCloseTo(153.016, 3);
    // With 0.6/0.8: 153.016 × 0.6 / 0.8 = 114.76.
    expect(ridgePoint(a100, { compute: 0.6, memory: 0.8 })).toBeCloseTo(114.762, 3);
  });

  it('an elementwise op is memory bound', () => {
    // Add of two fp16 [4096,4096]: 16,777,216 FLOPs, 3·4096²·2 = 100,663,296 B.
    // compute 16,777,216 / 312e12 = 5.38e-8 s; memory 4.94e-5 s.
    const t = opTime({ flops: 4096 ** 2, bytes: 3 * 4096 ** 2 * 2 }, a100);
    expect(t.bound).toBe('memory');
    expect(t.timeS).toBeCloseTo(4.93689e-5, 9);
  });

  it('sums ops and splits the time by bound', () => {
    const m = modelTime([work, { flops: 4096 ** 2, bytes: 3 * 4096 ** 2 * 2 }], a100);
    expect(m.timeS).toBeCloseTo(4.40509e-4 + 4.93689e-5, 8);
    expect(m.computeBoundS).toBeCloseTo(4.40509e-4, 8);
    expect(m.bound).toBe('compute');
  });

  it('unknown FLOPs or bytes add no time on that side', () => {
    expect(opTime({ flops: null, bytes: 2039e9 }, a100).timeS).toBeCloseTo(1, 12);
    expect(opTime({ flops: 312e12, bytes: null }, a100).timeS).toBeCloseTo(1, 12);
  });
});

describe('which peak a precision uses', () => {
  it('uses the dense figure, never the sparse one (H100 SXM fp16: 989.4, not 1979 TFLOPS)', () => {
    const h100 = device('h100-sxm');
    const p = peakFor(h100, 'fp16');
    expect(p?.flopsPerSec).toBe(989.4e12);
    expect(p?.flopsPerSec).not.toBe(h100.peak.fp16.sparse);
    expect(peakFor(h100, 'fp8')?.flopsPerSec).toBe(1978.9e12);
  });

  it('fp32 is the non-tensor FP32 rate; tf32 only when asked', () => {
    const a100 = device('a100-sxm-80gb');
    expect(peakFor(a100, 'fp32')?.flopsPerSec).toBe(19.5e12);
    expect(peakFor(a100, 'tf32')?.flopsPerSec).toBe(156e12);
  });

  it('falls back to the next wider precision and says so', () => {
    // T4 has no bf16 tensor cores: bf16 → fp32 (8.1 TFLOPS).
    const p = peakFor(device('t4'), 'bf16');
    expect(p).toMatchObject({ requested: 'bf16', used: 'fp32', fellBack: true, flopsPerSec: 8.1e12 });
    // H100 gives no int4 figure: int4 → int8 (1978.9 TOPS dense).
    expect(peakFor(device('h100-sxm'), 'int4')).toMatchObject({ used: 'int8', flopsPerSec: 1978.9e12 });
  });

  it('gives nothing when the device has no peak at all (A10G lists none)', () => {
    expect(peakFor(device('a10g'), 'fp16')).toBeUndefined();
  });
});
