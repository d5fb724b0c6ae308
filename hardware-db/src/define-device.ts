import { AutodocError } from '@autodoc/core';
import { consistencyErrors, schemaErrors } from './schema.js';
import type { Device, DeviceInput, PeakPair, Precision } from './types.js';
import { PRECISIONS } from './types.js';

/**
 * Declares a device in a config file. Fills what a user need not write (kind `gpu`, no aliases, every
 * precision present with `null` where not given, source `user config`, `verified: null`), validates the
 * result against the device schema and returns it frozen.
 *
 * @throws AutodocError `DEVICE_INVALID` when the definition does not match the schema.
 */
export function defineDevice(input: DeviceInput): Device {
  const peak = {} as Record<Precision, PeakPair>;
  for (const p of PRECISIONS) {
    const given = input.peak?.[p];
    peak[p] = { dense: given?.dense ?? null, sparse: given?.sparse ?? null };
  }
  const device: Device = {
    kind: 'gpu',
    variant: null,
    aliases: [],
    memoryType: null,
    tdpWatts: null,
    interconnect: { pcie: null },
    source: 'user config',
    sources: [],
    verified: null,
    ...input,
    peak,
    ...(input.verified ? {} : { unverifiedReason: input.unverifiedReason ?? 'user-defined device' }),
  } as Device;
  return validateDevice(device, `device "${String(input.id)}"`);
}

/**
 * Validates a complete device record (schema + sparse >= dense) and deep-freezes it.
 *
 * @throws AutodocError `DEVICE_INVALID` listing every problem.
 */
export function validateDevice(device: unknown, label: string): Device {
  const problems = schemaErrors(device);
  if (problems.length === 0) problems.push(...consistencyErrors(device as Device));
  if (problems.length > 0) {
    throw new AutodocError(
      'DEVICE_INVALID',
      `The ${label} does not match the device schema: ${problems.join('; ')}`,
      'Compare it with hardware-db/schema/device.schema.json; figures are plain numbers in bytes, bytes/s and FLOP/s, with null where unknown.',
    );
  }
  return deepFreeze(device as Device);
}

/** Freezes `value` and everything below it (a device record: plain objects, arrays and numbers). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
