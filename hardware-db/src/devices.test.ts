import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonCacheFile } from '@autodoc/core';
import { DEVICES_DIR, deviceCacheKey, listDevices, loadDevicesCached, loadDevicesFrom } from './devices.js';
import { getDevice } from './select.js';
import { PRECISIONS, type Device } from './types.js';

// The files are read here independently of the loader, so a loader bug cannot hide a bad file.
const root = fileURLToPath(new URL('../', import.meta.url));
const schema = JSON.parse(readFileSync(`${root}schema/device.schema.json`, 'utf8'));
const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);
const files = ['devices', 'devices/instances'].flatMap((dir) =>
  readdirSync(`${root}${dir}`)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: `${dir}/${f}`, base: f.slice(0, -'.json'.length), json: JSON.parse(readFileSync(`${root}${dir}/${f}`, 'utf8')) as Device })),
);
const byId = (id: string): Device => {
  const d = files.find((f) => f.json.id === id)?.json;
  if (!d) throw new Error(`no device ${id}`);
  return d;
};

/** Every non-null figure of a device as a path, e.g. `peak.fp16.dense` -> reported as `peak.fp16`. */
function figurePaths(d: Device): string[] {
  const paths: string[] = [];
  for (const k of ['memoryBytes', 'memoryBandwidth', 'tdpWatts', 'smCount', 'boostClockMhz', 'pricePerHourUsd'] as const) {
    if (d[k] !== null && d[k] !== undefined) paths.push(k);
  }
  for (const p of PRECISIONS) if (d.peak[p].dense !== null || d.peak[p].sparse !== null) paths.push(`peak.${p}`);
  for (const k of Object.keys(d.peakExtra ?? {})) paths.push(`peakExtra.${k}`);
  if (d.peakFp16Accumulate) paths.push('peakFp16Accumulate');
  if (d.components) paths.push('components');
  if (d.interconnect.pcie !== null || d.interconnect.nvlink || d.interconnect.other) paths.push('interconnect');
  return paths;
}

describe('device files', () => {
  it('hold at least 55 devices and instances', () => {
    expect(files.length).toBeGreaterThanOrEqual(55);
  });

  it.each(files.map((f) => [f.file, f.json] as const))('%s matches the schema', (_file, json) => {
    expect(validate(json) ? [] : validate.errors).toEqual([]);
  });

  it('have ids equal to their file names, unique across the database', () => {
    for (const f of files) expect(f.json.id, f.file).toBe(f.base);
    const ids = files.map((f) => f.json.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('have aliases that name exactly one device and never shadow an id', () => {
    const ids = new Set(files.map((f) => f.json.id));
    const seen = new Map<string, string>();
    for (const { json } of files) {
      for (const alias of json.aliases) {
        const a = alias.toLowerCase();
        expect(ids.has(a) && a !== json.id, `${json.id} alias ${a} is another id`).toBe(false);
        expect(seen.get(a), `alias ${a} on ${json.id} and ${seen.get(a)}`).toBeUndefined();
        seen.set(a, json.id);
      }
    }
  });

  it('give every figure a source with a URL and a verified date or a stated reason', () => {
    for (const { json: d } of files) {
      expect(d.source, d.id).toMatch(/^https?:\/\//);
      for (const s of d.sources) {
        expect(s.url, d.id).toMatch(/^https?:\/\//);
        if (s.verified === null) expect(s.unverifiedReason, `${d.id} ${s.url}`).toBeTruthy();
        else expect(s.verified, `${d.id} ${s.url}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      if (d.verified === null) expect(d.unverifiedReason, d.id).toBeTruthy();
      // A third-party cross-check alone never counts as a source: each figure needs a vendor or derived source.
      const covered = d.sources.filter((s) => s.kind !== 'secondary').flatMap((s) => s.covers);
      for (const path of figurePaths(d)) {
        expect(
          covered.some((c) => c === path || c.startsWith(`${path}.`)),
          `${d.id}: ${path} has no source`,
        ).toBe(true);
      }
    }
  });

  it('mark a device verified only when every vendor and derived source is', () => {
    for (const { json: d } of files) {
      const allChecked = d.sources.filter((s) => s.kind !== 'secondary').every((s) => s.verified !== null);
      if (!allChecked) expect(d.verified, d.id).toBeNull();
    }
  });

  it('keep sparse >= dense wherever both are given', () => {
    for (const { json: d } of files) {
      const pairs = [
        ...PRECISIONS.map((p) => [`peak.${p}`, d.peak[p]] as const),
        ...Object.entries(d.peakFp16Accumulate ?? {}),
        ...Object.entries(d.peakExtra ?? {}),
        ...Object.entries(d.components ?? {}).flatMap(([n, e]) => Object.entries(e).map(([k, v]) => [`${n}.${k}`, v] as const)),
      ];
      for (const [path, v] of pairs) {
        if (v && v.dense !== null && v.sparse !== null) expect(v.sparse, `${d.id} ${path}`).toBeGreaterThanOrEqual(v.dense);
      }
    }
  });

  it('cover every device the issue names', () => {
    const required = [
      'h200-sxm',
      'h100-sxm',
      'h100-pcie',
      'h100-nvl',
      'a100-sxm-40gb',
      'a100-sxm-80gb',
      'a100-pcie-40gb',
      'a100-pcie-80gb',
      'a10',
      'a10g',
      'a30',
      'l4',
      'l40',
      'l40s',
      't4',
      'v100-sxm2-16gb',
      'v100-sxm2-32gb',
      'v100-pcie-16gb',
      'v100-pcie-32gb',
      'p100-sxm2-16gb',
      'p40',
      'b200',
      'mi300x',
      'mi250x',
      'dgx-h100',
      'dgx-a100-640gb',
      'jetson-agx-orin-64gb',
      'jetson-agx-orin-32gb',
      'jetson-orin-nx-16gb',
      'jetson-orin-nano-8gb',
      'jetson-orin-nano-8gb-super',
      'jetson-agx-xavier-32gb',
      'jetson-xavier-nx',
      'jetson-tx2',
      'jetson-nano',
      'rtx-4090',
      'rtx-4080',
      'rtx-4070-ti',
      'rtx-4070',
      'rtx-4060-ti',
      'rtx-4060',
      'rtx-4090-laptop',
      'rtx-4060-laptop',
      'rtx-3090-ti',
      'rtx-3090',
      'rtx-3080',
      'rtx-3070',
      'rtx-3060',
      'rtx-3080-laptop',
      'rtx-3060-laptop',
      'aws-p5.48xlarge',
      'aws-p4d.24xlarge',
      'aws-g5.xlarge',
      'aws-g6.xlarge',
      'aws-g4dn.xlarge',
      'gcp-a2-highgpu-1g',
      'gcp-a3-highgpu-8g',
      'gcp-g2-standard-4',
      'azure-nd96isr-h100-v5',
      'azure-nc24ads-a100-v4',
    ];
    const ids = new Set(files.map((f) => f.json.id));
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('give instances a known GPU, a count, a price and a price date, with totals equal to count x GPU', () => {
    const instances = files.filter((f) => f.json.kind === 'instance').map((f) => f.json);
    expect(instances.length).toBeGreaterThanOrEqual(12);
    for (const i of instances) {
      expect(i.gpu && i.gpuCount && i.pricePerHourUsd && i.priceDate, i.id).toBeTruthy();
      const gpu = byId(i.gpu ?? '');
      expect(i.memoryBytes, i.id).toBe((gpu.memoryBytes ?? 0) * (i.gpuCount ?? 0));
      expect(i.peak.fp16.dense, i.id).toBe(gpu.peak.fp16.dense === null ? null : gpu.peak.fp16.dense * (i.gpuCount ?? 0));
      expect(i.aggregation, i.id).toBe('total-of-gpus');
    }
  });
});

// Spot checks against published vendor figures, written out here with where they come from (not copied
// from the files). Each is what the trap list in the issue warns about.
describe('published datasheet figures', () => {
  it('H100 SXM: FP16 tensor 989.4 TFLOPS dense, 1,979 sparse (NVIDIA H100 datasheet "1,979*" is with sparsity; Hopper whitepaper dense 989.4)', () => {
    const h = byId('h100-sxm');
    expect(h.peak.fp16).toEqual({ dense: 989.4e12, sparse: 1979e12 });
    expect(h.peak.bf16.dense).toBe(989.4e12);
  });

  it('RTX 4090: FP16 tensor 165.2 TFLOPS with FP32 accumulate vs 330.3 with FP16 accumulate (Ada whitepaper, appendix table)', () => {
    const g = byId('rtx-4090');
    expect(g.peak.fp16.dense).toBe(165.2e12);
    expect(g.peakFp16Accumulate?.fp16.dense).toBe(330.3e12);
    // Ada whitepaper: FP8 with FP16 accumulate 660.6 dense / 1,321.2 sparse ("AI TOPS" 1,321).
    expect(g.peakFp16Accumulate?.fp8).toEqual({ dense: 660.6e12, sparse: 1321.2e12 });
  });

  it('A100 80GB SXM: 2,039 GB/s (NVIDIA A100 datasheet)', () => {
    expect(byId('a100-sxm-80gb').memoryBandwidth).toBe(2039e9);
    expect(byId('a100-pcie-80gb').memoryBandwidth).toBe(1935e9); // same datasheet, PCIe column
  });

  it('H100 PCIe: memory is HBM2e (H100 datasheet), unlike SXM5 (HBM3)', () => {
    expect(byId('h100-pcie').memoryType).toBe('HBM2e');
    expect(byId('h100-sxm').memoryType).toBe('HBM3');
  });

  it('T4: 65 TFLOPS FP16 mixed precision, 130 INT8 TOPS, no sparsity (NVIDIA T4 datasheet)', () => {
    const t = byId('t4');
    expect(t.peak.fp16).toEqual({ dense: 65e12, sparse: null });
    expect(t.peak.int8.dense).toBe(130e12);
  });

  it('Jetson AGX Orin 64GB: 275 TOPS is sparse INT8 of GPU + DLA, noted as such; GPU alone 170 (AGX Orin technical brief)', () => {
    const j = byId('jetson-agx-orin-64gb');
    expect(j.peak.int8.sparse).toBe(275e12);
    expect(j.peakNotes?.int8).toMatch(/GPU \+ DLA/);
    expect(j.components?.gpu.int8?.sparse).toBe(170e12);
    expect(j.components?.dla.int8?.sparse).toBe(105e12);
  });

  it('Orin Nano keeps the original and "Super" spec sets apart (40 vs 67 sparse INT8 TOPS; 68 vs 102 GB/s)', () => {
    expect(byId('jetson-orin-nano-8gb').peak.int8.sparse).toBe(40e12);
    expect(byId('jetson-orin-nano-8gb').memoryBandwidth).toBe(68e9);
    expect(byId('jetson-orin-nano-8gb-super').peak.int8.sparse).toBe(67e12);
    expect(byId('jetson-orin-nano-8gb-super').memoryBandwidth).toBe(102e9);
  });

  it('MI300X: 192 GB HBM3, 5.3 TB/s, FP16 1,307.4 dense / 2,614.9 with sparsity (AMD MI300X spec page)', () => {
    const m = byId('mi300x');
    expect(m.memoryBytes).toBe(192 * 2 ** 30);
    expect(m.memoryBandwidth).toBe(5.3e12);
    expect(m.peak.fp16).toEqual({ dense: 1307.4e12, sparse: 2614.9e12 });
  });
});

describe('listDevices()', () => {
  it('loads every file, sorted by id, with the fields `autodoc hardware list --json` promises', () => {
    const devices = listDevices();
    expect(devices.map((d) => d.id)).toEqual(files.map((f) => f.json.id).sort((a, b) => a.localeCompare(b)));
    for (const d of devices) {
      for (const k of ['id', 'vendor', 'name', 'variant', 'memoryBytes', 'memoryBandwidth', 'peak', 'tdpWatts', 'interconnect', 'source', 'verified']) {
        expect(d, `${d.id}.${k}`).toHaveProperty(k);
      }
      expect(Object.keys(d.peak).sort()).toEqual([...PRECISIONS].sort());
    }
  });

  it('returns frozen records (the database is read-only)', () => {
    const h = getDevice('h100-sxm');
    expect(Object.isFrozen(h)).toBe(true);
    expect(Object.isFrozen(h?.peak.fp16)).toBe(true);
  });
});

describe('the validated device list in the run cache', () => {
  // The entries made for the test folders are removed (the built-in list's stays: later runs use it).
  const made = new Set<string>();
  const load = (dir: string): Device[] => {
    if (dir !== DEVICES_DIR) made.add(deviceCacheKey(dir));
    return loadDevicesCached(dir);
  };
  afterEach(() => {
    for (const key of made) {
      const file = jsonCacheFile(key);
      if (file) rmSync(file, { force: true });
    }
    made.clear();
  });

  /** A device folder holding copies of two built-in files; the test edits them. */
  function twoDeviceFolder(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'autodoc-devices-'));
    for (const name of ['t4.json', 'a10.json']) copyFileSync(path.join(DEVICES_DIR, name), path.join(dir, name));
    return dir;
  }

  /** Rewrites a device file with `edit` applied, dated `secondsAgo` in the past (a new modification time). */
  function editDevice(file: string, edit: (d: Device) => void, secondsAgo: number): void {
    const device = JSON.parse(readFileSync(file, 'utf8')) as Device;
    edit(device);
    writeFileSync(file, JSON.stringify(device, null, 2));
    const when = Date.now() / 1000 - secondsAgo;
    utimesSync(file, when, when);
  }

  it('gives the built-in list equal to validating every file again, deeply frozen', () => {
    const fresh = loadDevicesFrom(DEVICES_DIR);
    // Twice: the first call may fill the cache, the second reads it back.
    load(DEVICES_DIR);
    const entry = jsonCacheFile(deviceCacheKey(DEVICES_DIR));
    if (entry) expect(existsSync(entry)).toBe(true);
    const cached = load(DEVICES_DIR);
    expect(cached).toEqual(fresh);
    expect(listDevices()).toEqual(fresh);
    for (const d of cached) {
      expect(Object.isFrozen(d), d.id).toBe(true);
      expect(Object.isFrozen(d.peak.fp16), d.id).toBe(true);
      expect(Object.isFrozen(d.sources), d.id).toBe(true);
    }
  });

  it('sees a device file edited, added or removed after the list was cached', () => {
    const dir = twoDeviceFolder();
    try {
      expect(load(dir).map((d) => d.id)).toEqual(['a10', 't4']);
      editDevice(path.join(dir, 't4.json'), (d) => Object.assign(d, { memoryBandwidth: 300e9 + 1 }), 60);
      expect(load(dir).find((d) => d.id === 't4')?.memoryBandwidth).toBe(300e9 + 1);
      // The same size, another modification time: read again.
      editDevice(path.join(dir, 't4.json'), (d) => Object.assign(d, { memoryBandwidth: 300e9 + 2 }), 30);
      expect(load(dir).find((d) => d.id === 't4')?.memoryBandwidth).toBe(300e9 + 2);
      copyFileSync(path.join(DEVICES_DIR, 'l4.json'), path.join(dir, 'l4.json'));
      expect(load(dir).map((d) => d.id)).toEqual(['a10', 'l4', 't4']);
      rmSync(path.join(dir, 'a10.json'));
      expect(load(dir).map((d) => d.id)).toEqual(['l4', 't4']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a file that is not JSON with DEVICE_INVALID naming it', () => {
    const dir = twoDeviceFolder();
    try {
      writeFileSync(path.join(dir, 't4.json'), '{ "id": "t4", ');
      expect(() => load(dir)).toThrow(expect.objectContaining({ code: 'DEVICE_INVALID', message: expect.stringMatching(/^The device file t4\.json could not be read as JSON: /) }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never serves a file broken after it was cached: DEVICE_INVALID names it', () => {
    const dir = twoDeviceFolder();
    try {
      load(dir);
      editDevice(path.join(dir, 'a10.json'), (d) => Object.assign(d, { memoryBytes: 'lots' }), 10);
      expect(() => load(dir)).toThrow(expect.objectContaining({ code: 'DEVICE_INVALID', message: expect.stringContaining('a10.json') }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
