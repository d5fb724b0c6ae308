import { listDevices, parseNvidiaSmi } from '@autodoc/hardware-db';
import { describe, expect, it } from 'vitest';
import { selectDevice } from './select-device.js';

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
});
