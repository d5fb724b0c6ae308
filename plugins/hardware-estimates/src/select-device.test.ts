import { listDevices, parseNvidiaSmi } from '@autodoc/hardware-db';
import { describe, expect, it } from 'vitest';
import { devicePool, selectDevice } from './select-device.js';

const devices = listDevices();

describe('--hardware resolution', () => {
  it('auto picks the first GPU nvidia-smi lists', async () => {
    const gpus = parseNvidiaSmi('NVIDIA A100-SXM4-80GB, 81920, 535.104.05, GPU-1\nNVIDIA A100-SXM4-80GB, 81920, 535.104.05, GPU-2', devices);
    const s = await selectDevice('auto', devices, async () => ({ available: true, gpus }));
    expect(s.device?.id).toBe('a100-sxm-80gb');
    expect(s.device && 'detectedCount' in s ? s.detectedCount : undefined).toBe(2);
  });

  it('auto without nvidia-smi: no device and an info diagnostic with the reason', async () => {
    const s = await selectDevice('auto', devices, async () => ({ available: false, reason: 'nvidia-smi was not found on PATH' }));
    expect(s.device).toBeUndefined();
    expect(s.diagnostics[0]).toMatchObject({ code: 'HARDWARE_NOT_SELECTED', severity: 'info' });
    expect(s.diagnostics[0].message).toContain('nvidia-smi was not found');
  });

  it('an alias resolves; an unknown id is HARDWARE_UNKNOWN', async () => {
    expect((await selectDevice('a100-80gb', devices)).device?.id).toBe('a100-sxm-80gb');
    await expect(selectDevice('gtx-9999', devices)).rejects.toMatchObject({ code: 'HARDWARE_UNKNOWN' });
  });

  it('config devices join the pool and replace built-ins with the same id', () => {
    const mine = {
      id: 'my-npu',
      kind: 'gpu',
      vendor: 'Acme',
      name: 'NPU',
      variant: null,
      aliases: [],
      memoryBytes: 2 ** 33,
      memoryType: null,
      memoryBandwidth: 1e11,
      peak: {
        fp32: { dense: 1e12, sparse: null },
        tf32: { dense: null, sparse: null },
        fp16: { dense: 4e12, sparse: null },
        bf16: { dense: null, sparse: null },
        fp8: { dense: null, sparse: null },
        int8: { dense: null, sparse: null },
        int4: { dense: null, sparse: null },
      },
      tdpWatts: null,
      interconnect: { pcie: null },
      source: 'user config',
      sources: [],
      verified: null,
      unverifiedReason: 'user-defined device',
    };
    const pool = devicePool([mine]);
    expect(pool.find((d) => d.id === 'my-npu')?.peak.fp16.dense).toBe(4e12);
    expect(() => devicePool([{ id: 'broken' }])).toThrow(/device schema/);
  });
});
