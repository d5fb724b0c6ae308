import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutodocError, cachedJson } from '@autodoc/core';
import { deepFreeze, validateDevice } from './define-device.js';
import { deviceSchema } from './schema.js';
import type { Device } from './types.js';

/** Folder of the built-in device files; `../devices/` works from both src/ and dist/. */
export const DEVICES_DIR = fileURLToPath(new URL('../devices/', import.meta.url));

let cache: readonly Device[] | undefined;

/**
 * Every built-in device: `devices/*.json` then `devices/instances/*.json`, sorted by id, each validated
 * and frozen. Loaded once per process, and validated once per version of the files: the run cache
 * keeps the validated list (core's `cachedJson`). Reading and validating the 75 files took ~23 ms
 * of every `--hardware` run, the cached list ~10 ms with a `stat` per file (medians of 15 runs).
 *
 * @throws AutodocError `DEVICE_INVALID` naming the file when a built-in file is broken.
 */
export function listDevices(): readonly Device[] {
  cache ??= Object.freeze(loadDevicesCached(DEVICES_DIR));
  return cache;
}

/** `loadDevicesFrom(dir)` through the run cache, frozen. */
export function loadDevicesCached(dir: string): Device[] {
  return cachedJson(deviceCacheKey(dir), () => loadDevicesFrom(dir)).map(deepFreeze);
}

/**
 * What the validated list depends on: the device files (paths, sizes, modification times), the
 * schema, and the package version (the checks in code). A file edited, added or removed, or
 * another version installed, gives another key.
 */
export function deviceCacheKey(dir: string): string {
  const parts = [`@autodoc/hardware-db ${packageVersion()} devices`, JSON.stringify(deviceSchema)];
  for (const file of deviceFiles(dir)) {
    const stat = statSync(file);
    parts.push(`${file} ${stat.size} ${stat.mtimeMs}`);
  }
  return parts.join('\n');
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Reads and validates every `*.json` in `dir` and in its `instances/` subfolder (when present). */
export function loadDevicesFrom(dir: string): Device[] {
  return deviceFiles(dir).map(readDeviceFile).sort(compareIds);
}

/** @throws AutodocError `DEVICE_INVALID` naming the file when it is not JSON or not a valid device. */
function readDeviceFile(file: string): Device {
  const label = `device file ${basename(file)}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AutodocError('DEVICE_INVALID', `The ${label} could not be read as JSON: ${(error as Error).message}`, 'Restore the file from the package, or fix its JSON syntax.');
  }
  return validateDevice(parsed, label);
}

/** The `*.json` files of `dir`, then of its `instances/` subfolder (when present), each by name. */
function deviceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const folder of [dir, join(dir, 'instances')]) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((n) => n.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && folder !== dir) continue;
      throw error;
    }
    for (const name of names.sort()) files.push(join(folder, name));
  }
  return files;
}

/**
 * Device order: by id in code-unit order, the same on every machine and locale (localeCompare's
 * first call also loads ICU's collator, ~10 ms of every run).
 */
export function compareIds(a: Device, b: Device): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
