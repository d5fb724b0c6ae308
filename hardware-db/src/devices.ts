import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDevice } from './define-device.js';
import type { Device } from './types.js';

/** Folder of the built-in device files; `../devices/` works from both src/ and dist/. */
export const DEVICES_DIR = fileURLToPath(new URL('../devices/', import.meta.url));

let cache: readonly Device[] | undefined;

/**
 * Every built-in device: `devices/*.json` then `devices/instances/*.json`, sorted by id, each validated
 * and frozen. Loaded once per process.
 *
 * @throws AutodocError `DEVICE_INVALID` naming the file when a built-in file is broken.
 */
export function listDevices(): readonly Device[] {
  cache ??= Object.freeze(loadDevicesFrom(DEVICES_DIR));
  return cache;
}

/** Reads and validates every `*.json` in `dir` and in its `instances/` subfolder (when present). */
export function loadDevicesFrom(dir: string): Device[] {
  const devices: Device[] = [];
  for (const folder of [dir, join(dir, 'instances')]) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((n) => n.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && folder !== dir) continue;
      throw error;
    }
    for (const name of names.sort()) {
      const file = join(folder, name);
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      devices.push(validateDevice(parsed, `device file ${name}`));
    }
  }
  return devices.sort(compareIds);
}

/**
 * Device order: by id in code-unit order, the same on every machine and locale (localeCompare's
 * first call also loads ICU's collator, ~10 ms of every run).
 */
export function compareIds(a: Device, b: Device): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
