/**
 * Writes a gptDecoder whose weights live in one external-data file. The canned factory has no option
 * to route initializers to external data, so while it builds, GraphBuilder.prototype.initializer is
 * wrapped to add `external: { location }` to every initializer of ≥ 1 KiB (PyTorch's default
 * `size_threshold` for external data); the original method is restored before writing. The graph is
 * exactly gptDecoder's — only where the payloads are written changes.
 */
import { GraphBuilder, gptDecoder, numelOf, rawByteLength } from '@autodoc/core/testing';

/** Smallest payload (bytes) that goes to the external file. */
const THRESHOLD = 1024;

/**
 * Writes `gptDecoder(options)` to `path` with payloads ≥ 1 KiB in `location` (relative to the
 * model's folder, written beside it).
 */
export async function writeExternalDecoder(path, options, location) {
  const original = GraphBuilder.prototype.initializer;
  GraphBuilder.prototype.initializer = function initializer(name, dtype, dims, opts = {}) {
    const external = !opts.external && rawByteLength(dtype, numelOf(dims)) >= THRESHOLD;
    return original.call(this, name, dtype, dims, external ? { ...opts, external: { location } } : opts);
  };
  let builder;
  try {
    builder = gptDecoder(options);
  } finally {
    GraphBuilder.prototype.initializer = original;
  }
  await builder.write(path);
}
