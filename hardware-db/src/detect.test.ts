import { describe, expect, it } from 'vitest';
import { detectGpus, NVIDIA_SMI_ARGS, parseNvidiaSmi } from './detect.js';

// Hand-written in the shape of `nvidia-smi --query-gpu=name,memory.total,driver_version,uuid
// --format=csv,noheader,nounits`: memory.total is MiB, fields are ", "-separated. The MiB values are what
// these boards report (a little under the marketed size, which the driver reserves).
const SAMPLE = [
  'NVIDIA H100 80GB HBM3, 81559, 550.54.15, GPU-11111111-2222-3333-4444-555555555555',
  'NVIDIA A100-SXM4-40GB, 40960, 535.104.05, GPU-aaaa',
  'Tesla T4, 15360, 535.104.05, GPU-bbbb',
  'NVIDIA GeForce RTX 4090 Laptop GPU, 16376, 551.23, GPU-cccc',
  'NVIDIA GeForce RTX 4070 Ti SUPER, 16376, 551.23, GPU-dddd',
  'NVIDIA RTX A6000, 49140, 535.104.05, GPU-eeee',
  '',
].join('\n');

describe('parseNvidiaSmi', () => {
  const gpus = parseNvidiaSmi(SAMPLE);

  it('reads one entry per GPU line, skipping blank lines, with memory in MiB and bytes', () => {
    expect(gpus.map((g) => g.name)).toEqual([
      'NVIDIA H100 80GB HBM3',
      'NVIDIA A100-SXM4-40GB',
      'Tesla T4',
      'NVIDIA GeForce RTX 4090 Laptop GPU',
      'NVIDIA GeForce RTX 4070 Ti SUPER',
      'NVIDIA RTX A6000',
    ]);
    expect(gpus[0].memoryMiB).toBe(81559);
    expect(gpus[0].memoryBytes).toBe(81559 * 1024 * 1024);
    expect(gpus[0].driverVersion).toBe('550.54.15');
    expect(gpus[0].uuid).toBe('GPU-11111111-2222-3333-4444-555555555555');
    expect(gpus.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('matches the exact names nvidia-smi prints', () => {
    expect(gpus.slice(0, 4).map((g) => [g.device?.id, g.matchedBy])).toEqual([
      ['h100-sxm', 'nvidia-smi-name'],
      ['a100-sxm-40gb', 'nvidia-smi-name'],
      ['t4', 'nvidia-smi-name'],
      ['rtx-4090-laptop', 'nvidia-smi-name'],
    ]);
  });

  it('does not pass an unknown variant off as a known one: a 16 GB "4070 Ti SUPER" is not the 12 GB 4070 Ti', () => {
    expect(gpus[4].device).toBeNull();
    expect(gpus[4].candidates).toEqual(['rtx-4070-ti']);
  });

  it('returns no match for a GPU the database lacks', () => {
    expect(gpus[5]).toMatchObject({ device: null, matchedBy: null, candidates: [] });
  });

  it('uses memory to choose between variants of one model name', () => {
    // "NVIDIA A100" is not an nvidia-smi name; 81920 MiB = 80 GiB fits the SXM and PCIe 80GB parts equally,
    // so it stays unmatched; 40 GiB matches the a100 alias (SXM 40GB) over the PCIe 40GB part.
    const [eighty, forty] = parseNvidiaSmi('NVIDIA A100, 81920\nNVIDIA A100, 40960\n');
    expect(eighty.device).toBeNull();
    expect(eighty.candidates).toEqual(expect.arrayContaining(['a100-sxm-80gb', 'a100-pcie-80gb']));
    expect(forty.device?.id).toBe('a100-sxm-40gb');
    expect(forty.matchedBy).toBe('name+memory');
  });

  it('turns [N/A] fields into null and keeps the name match', () => {
    const [g] = parseNvidiaSmi('NVIDIA L4, [N/A], [N/A], [N/A]');
    expect(g).toMatchObject({ memoryMiB: null, memoryBytes: null, driverVersion: null, uuid: null });
    expect(g.device?.id).toBe('l4');
  });

  it('parses Windows line endings', () => {
    expect(parseNvidiaSmi('Tesla T4, 15360, 1, u\r\nNVIDIA L4, 23034, 1, v\r\n').map((g) => g.device?.id)).toEqual(['t4', 'l4']);
  });
});

describe('detectGpus', () => {
  it('asks nvidia-smi for the fields the parser expects', async () => {
    let seen: readonly string[] = [];
    const result = await detectGpus({
      run: async (file, args) => {
        expect(file).toBe('nvidia-smi');
        seen = args;
        return 'NVIDIA L40S, 46068, 550.54.15, GPU-x\n';
      },
    });
    expect(seen).toEqual(NVIDIA_SMI_ARGS);
    expect(seen[0]).toBe('--query-gpu=name,memory.total,driver_version,uuid');
    expect(result.available && result.gpus[0].device?.id).toBe('l40s');
  });

  it('reports the tool as unavailable, without throwing, when it is missing', async () => {
    const missing = Object.assign(new Error('spawn nvidia-smi ENOENT'), { code: 'ENOENT' });
    const result = await detectGpus({ run: async () => Promise.reject(missing) });
    expect(result).toEqual({ available: false, reason: expect.stringMatching(/not found/) });
  });

  it('reports a failing tool with its first line of output', async () => {
    const failed = Object.assign(new Error('Command failed'), {
      code: 9,
      stdout: 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.\nMore',
    });
    const result = await detectGpus({ run: async () => Promise.reject(failed) });
    expect(result).toEqual({ available: false, reason: 'nvidia-smi failed: NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.' });
  });

  it('runs the real nvidia-smi through execFile and never rejects (this machine has no GPU: unavailable)', async () => {
    const result = await detectGpus({ timeoutMs: 5000 });
    if (result.available) expect(result.gpus.length).toBeGreaterThan(0);
    else expect(result.reason).toMatch(/nvidia-smi/);
  });
});
