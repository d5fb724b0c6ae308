import { AutodocError } from '@autodoc/core';
import { validateDevice } from './define-device.js';
import { compareIds, listDevices } from './devices.js';
import type { Device, DeviceKind } from './types.js';

const key = (s: string): string => s.trim().toLowerCase();

/**
 * Finds a device by id or alias, case-insensitively. Ids win over aliases so a user device can never be
 * shadowed by another device's alias.
 */
export function getDevice(idOrAlias: string, devices: readonly Device[] = listDevices()): Device | undefined {
  const k = key(idOrAlias);
  return devices.find((d) => d.id === k) ?? devices.find((d) => d.aliases.some((a) => key(a) === k));
}

/**
 * Like {@link getDevice} but throws when nothing matches, with the closest ids as a hint.
 *
 * @throws AutodocError `DEVICE_NOT_FOUND`.
 */
export function requireDevice(idOrAlias: string, devices: readonly Device[] = listDevices()): Device {
  const found = getDevice(idOrAlias, devices);
  if (found) return found;
  const k = key(idOrAlias);
  const near = devices
    .filter((d) => d.id.includes(k) || k.includes(d.id) || d.aliases.some((a) => key(a).includes(k)))
    .map((d) => d.id)
    .slice(0, 5);
  throw new AutodocError(
    'DEVICE_NOT_FOUND',
    `No hardware device has the id or alias "${idOrAlias}".`,
    near.length > 0
      ? `Did you mean ${near.join(', ')}? Run \`autodoc hardware list\` for all ids.`
      : 'Run `autodoc hardware list` for all ids, or add one with defineDevice in your config.',
  );
}

/** Criteria for {@link filterDevices}; every given criterion must hold. */
export interface DeviceFilter {
  /** Case-insensitive vendor name, e.g. `nvidia`, `aws`. */
  readonly vendor?: string;
  readonly kind?: DeviceKind | readonly DeviceKind[];
  /** Minimum `memoryBytes`; devices with unknown memory are left out when this is set. */
  readonly minMemoryBytes?: number;
}

/** Devices matching every criterion of `filter`, in id order. */
export function filterDevices(filter: DeviceFilter, devices: readonly Device[] = listDevices()): Device[] {
  const kinds = filter.kind === undefined ? undefined : Array.isArray(filter.kind) ? filter.kind : [filter.kind];
  return devices.filter(
    (d) =>
      (filter.vendor === undefined || key(d.vendor) === key(filter.vendor)) &&
      (kinds === undefined || kinds.includes(d.kind)) &&
      (filter.minMemoryBytes === undefined || (d.memoryBytes !== null && d.memoryBytes >= filter.minMemoryBytes)),
  );
}

/**
 * Built-in devices with user devices laid over them: a user device with the same id replaces the
 * built-in one (the later definition wins, as with plugins).
 */
export function mergeDevices(builtIn: readonly Device[], user: readonly Device[]): Device[] {
  const byId = new Map(builtIn.map((d) => [d.id, d] as const));
  for (const d of user) byId.set(d.id, d);
  return [...byId.values()].sort(compareIds);
}

/**
 * The built-in devices with the ones a config and its plugins add laid over them (same id: the added
 * one wins), each validated first. `autodoc analyze --hardware` and `autodoc hardware list/show`
 * resolve ids against this pool.
 *
 * @throws AutodocError `DEVICE_INVALID` naming the first added device that does not match the schema.
 */
export function devicePool(added: readonly unknown[], builtIn: readonly Device[] = listDevices()): Device[] {
  const user = added.map((d, i) => validateDevice(d, `device ${typeof (d as { id?: unknown })?.id === 'string' ? `"${(d as { id: string }).id}"` : `#${i + 1}`} from the config`));
  return mergeDevices(builtIn, user);
}
