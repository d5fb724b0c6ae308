import { readFileSync } from 'node:fs';

let cached: { name: string; version: string } | undefined;

/** The tool's name and version, from @autodoc/core's package.json (works from src and dist). */
export function toolInfo(): { name: string; version: string } {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    cached = { name: 'onnx-autodoc', version: pkg.version };
  }
  return cached;
}
