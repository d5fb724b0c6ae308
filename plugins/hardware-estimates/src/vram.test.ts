import { getDevice } from '@autodoc/hardware-db';
import { describe, expect, it } from 'vitest';
import { estimateVram } from './vram.js';

const capacity = (id: string) => getDevice(id)?.memoryBytes ?? null;

describe('VRAM fit', () => {
  // A 7B-parameter decoder (Llama-2-7B-like: 32 layers, 32 KV heads × 128, vocab 32,000) in fp16,
  // 4,096 tokens of context, batch 1:
  //   weights     = 7e9 × 2 B                           = 14,000,000,000
  //   KV cache    = 32 layers × 2 × 32 × 128 × 2 B × 4096 = 2,147,483,648
  //   activations = logits 4096 × 32,000 × 2 B            =   262,144,000
  //   base        = 16,409,627,648; workspace 20% = ceil(3,281,925,529.6) = 3,281,925,530
  //   total       = 19,691,553,178 B (18.3 GiB)
  const parts = { weightsBytes: 14e9, kvCacheBytes: 2_147_483_648, activationBytes: 262_144_000 };
  const overhead = { workspaceFraction: 0.2, reserveBytes: 0 };

  it('does not fit a 16 GB T4', () => {
    const v = estimateVram(parts, overhead, capacity('t4'));
    expect(v.workspaceBytes).toBe(3_281_925_530);
    expect(v.totalBytes).toBe(19_691_553_178);
    expect(v.capacityBytes).toBe(16 * 2 ** 30);
    expect(v.fits).toBe(false);
  });

  it('fits an 80 GB A100', () => {
    const v = estimateVram(parts, overhead, capacity('a100-sxm-80gb'));
    expect(v.fits).toBe(true);
    // 19,691,553,178 / 85,899,345,920 = 0.22924
    expect(v.utilization).toBeCloseTo(0.22924, 5);
  });

  it('adds the fixed reserve and counts a missing KV cache as 0', () => {
    const v = estimateVram({ weightsBytes: 1000, activationBytes: 500, kvCacheBytes: null }, { workspaceFraction: 0.1, reserveBytes: 64 }, 2000);
    // (1000 + 500) × 0.1 = 150; 1500 + 150 + 64 = 1714 ≤ 2000.
    expect(v).toMatchObject({ kvCacheBytes: 0, workspaceBytes: 150, totalBytes: 1714, fits: true });
  });

  it('unknown activations make the total unknown, never a guessed zero', () => {
    const v = estimateVram({ weightsBytes: 1000, activationBytes: null, kvCacheBytes: 0 }, overhead, 2000);
    expect(v.totalBytes).toBeNull();
    expect(v.fits).toBeNull();
  });
});
