#!/usr/bin/env node
// `npm run clean`: removes every workspace package's bundle/ (tsc -b --clean removes dist/).
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
for (const parent of ['.', 'plugins', 'presets', 'converters']) {
  let entries = [];
  try {
    entries = readdirSync(path.join(root, parent));
  } catch {
    continue;
  }
  for (const entry of entries) rmSync(path.join(root, parent, entry, 'bundle'), { recursive: true, force: true });
}
