import { createRequire } from 'node:module';

let cached: { name: string; version: string } | undefined;

/** The tool's name and version, from @autodoc/core's package.json (found by name: works from src, dist and bundle). */
export function toolInfo(): { name: string; version: string } {
  if (!cached) {
    const pkg = createRequire(import.meta.url)('@autodoc/core/package.json') as { version: string };
    cached = { name: 'onnx-autodoc', version: pkg.version };
  }
  return cached;
}
