import { AutodocError } from '@autodoc/core';
import { describe, expect, it } from 'vitest';
import { defineDevice } from './define-device.js';
import { listDevices } from './devices.js';
import { devicePool, filterDevices, getDevice, mergeDevices, requireDevice } from './select.js';
import type { Device } from './types.js';

const GiB = 2 ** 30;

describe('getDevice / requireDevice', () => {
  it('finds by id and by alias, ignoring case and surrounding space', () => {
    expect(getDevice('h100-sxm')?.id).toBe('h100-sxm');
    expect(getDevice('H100')?.id).toBe('h100-sxm'); // alias: a bare "H100" means the SXM5 part
    expect(getDevice('  H100-SXM5-80GB ')?.id).toBe('h100-sxm');
    expect(getDevice('p5.48xlarge')?.id).toBe('aws-p5.48xlarge');
    expect(getDevice('AGX-Orin')?.id).toBe('jetson-agx-orin-64gb');
  });

  it('returns undefined for an unknown name and requireDevice throws DEVICE_NOT_FOUND with suggestions', () => {
    expect(getDevice('h900')).toBeUndefined();
    expect(requireDevice('4070').id).toBe('rtx-4070');
    const caught = (f: () => unknown): AutodocError => {
      try {
        f();
      } catch (e) {
        return e as AutodocError;
      }
      throw new Error('did not throw');
    };
    const partial = caught(() => requireDevice('rtx-406'));
    expect(partial).toBeInstanceOf(AutodocError);
    expect(partial.code).toBe('DEVICE_NOT_FOUND');
    expect(partial.hint).toMatch(/rtx-4060, rtx-4060-laptop, rtx-4060-ti/);
    expect(caught(() => requireDevice('quantum-9000')).hint).toMatch(/autodoc hardware list/);
  });

  it("prefers an id over another device's alias", () => {
    const a = defineDevice({ id: 'x1', vendor: 'Acme', name: 'X1', aliases: ['x2'], memoryBytes: GiB, memoryBandwidth: 1e9 });
    const b = defineDevice({ id: 'x2', vendor: 'Acme', name: 'X2', memoryBytes: GiB, memoryBandwidth: 1e9 });
    expect(getDevice('x2', [a, b])?.id).toBe('x2');
  });
});

describe('filterDevices', () => {
  it('filters by vendor case-insensitively', () => {
    expect(filterDevices({ vendor: 'amd' }).map((d) => d.id)).toEqual(['mi250x', 'mi300x']);
  });

  it('filters by kind, one or several', () => {
    const modules = filterDevices({ kind: 'module' });
    expect(modules.length).toBeGreaterThanOrEqual(8);
    expect(modules.every((d) => d.id.startsWith('jetson-'))).toBe(true);
    const both = filterDevices({ kind: ['system', 'instance'] });
    expect(both.every((d) => d.aggregation === 'total-of-gpus')).toBe(true);
  });

  it('filters by minimum memory: > 140 GiB per device means H200, B200, MI300X among single GPUs', () => {
    const big = filterDevices({ kind: 'gpu', minMemoryBytes: 140 * GiB }).map((d) => d.id);
    expect(big).toEqual(['b200', 'h200-nvl', 'h200-sxm', 'mi300x']);
  });

  it('combines criteria', () => {
    const ids = filterDevices({ vendor: 'NVIDIA', kind: 'gpu', minMemoryBytes: 80 * GiB }).map((d) => d.id);
    expect(ids).toContain('a100-sxm-80gb');
    expect(ids).not.toContain('mi300x');
    expect(ids).not.toContain('a100-sxm-40gb');
  });
});

describe('defineDevice', () => {
  it('fills defaults and freezes the record', () => {
    const d = defineDevice({
      id: 'my-npu',
      vendor: 'Acme',
      name: 'NPU 1',
      memoryBytes: 8 * GiB,
      memoryBandwidth: 100e9,
      peak: { int8: { dense: 50e12 } },
    });
    expect(d.kind).toBe('gpu');
    expect(d.aliases).toEqual([]);
    expect(d.peak.int8).toEqual({ dense: 50e12, sparse: null });
    expect(d.peak.fp16).toEqual({ dense: null, sparse: null });
    expect(d.source).toBe('user config');
    expect(d.verified).toBeNull();
    expect(d.unverifiedReason).toBeTruthy();
    expect(Object.isFrozen(d.peak.int8)).toBe(true);
  });

  it('rejects a definition that breaks the schema, naming the field', () => {
    expect(() => defineDevice({ id: 'Bad Id', vendor: 'Acme', name: 'x', memoryBytes: -1, memoryBandwidth: 1 })).toThrow(/DEVICE_INVALID|does not match/);
    expect(() => defineDevice({ id: 'ok', vendor: 'Acme', name: 'x', memoryBytes: -1, memoryBandwidth: 1 })).toThrow(
      expect.objectContaining({ code: 'DEVICE_INVALID', message: expect.stringMatching(/memoryBytes/) }),
    );
  });

  it('rejects a sparse figure below its dense figure (a swapped pair)', () => {
    expect(() =>
      defineDevice({ id: 'swapped', vendor: 'Acme', name: 'x', memoryBytes: GiB, memoryBandwidth: 1e9, peak: { fp16: { dense: 2e12, sparse: 1e12 } } }),
    ).toThrow(/peak\.fp16: sparse .* below dense/);
  });

  it('requires price fields on instances', () => {
    expect(() => defineDevice({ id: 'cloud-x', kind: 'instance', vendor: 'Cloud', name: 'x', memoryBytes: GiB, memoryBandwidth: 1e9 })).toThrow(
      /pricePerHourUsd|gpu/,
    );
  });
});

describe('mergeDevices', () => {
  it('lets a user device replace a built-in one with the same id and adds new ones', () => {
    const mine = defineDevice({ id: 't4', vendor: 'NVIDIA', name: 'T4 (my clocks)', memoryBytes: 16 * GiB, memoryBandwidth: 300e9 });
    const extra = defineDevice({ id: 'zz-npu', vendor: 'Acme', name: 'NPU', memoryBytes: GiB, memoryBandwidth: 1e9 });
    const merged = mergeDevices(listDevices(), [mine, extra]);
    expect(merged.length).toBe(listDevices().length + 1);
    expect(getDevice('t4', merged)?.name).toBe('T4 (my clocks)');
    expect(merged.at(-1)?.id).toBe('zz-npu');
  });
});

describe('devicePool', () => {
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
    expect(pool).toHaveLength(listDevices().length + 1);
    // Same id as a built-in: the added device replaces it.
    const l4 = listDevices().find((d) => d.id === 'l4') as Device;
    const replaced = devicePool([{ ...structuredClone(l4), name: 'L4 (site-measured)' }]);
    expect(replaced).toHaveLength(listDevices().length);
    expect(replaced.find((d) => d.id === 'l4')?.name).toBe('L4 (site-measured)');
    expect(() => devicePool([{ id: 'broken' }])).toThrow(/device schema/);
  });
});
