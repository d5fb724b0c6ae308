import { type Dim, dims } from '@autodoc/core';
import type { ResolvedGpu } from './device-estimate.js';
import type { SweepJson, SweepPointJson } from './hardware-schema.js';
import { batchPoint, type ModelFacts } from './model-facts.js';
import { type EvalPoint, evaluateWork, UnboundSymbols } from './node-work.js';
import type { HardwareOptions } from './options.js';
import { place } from './placement.js';

/**
 * One sweep point: the symbolic per-node formulas evaluated at the point (no re-analysis), then the
 * same roofline and VRAM model as the headline. Null figures when another symbol is still unbound.
 */
export function sweepPoint(
  facts: ModelFacts,
  point: EvalPoint,
  value: number,
  resolved: ResolvedGpu,
  gpus: number,
  options: HardwareOptions,
): SweepPointJson | UnboundSymbols {
  const nodes = evaluateWork(facts.works, point);
  if (nodes instanceof UnboundSymbols) return nodes;
  const p = place(facts, nodes, point, resolved, options, gpus);
  const e = p.estimate;
  const vram = gpus > 1 && e.tensorParallel ? e.tensorParallel.vram : e.single;
  const lowerS = gpus > 1 ? null : (e.latency?.lowerBoundS ?? null);
  return {
    value,
    lowerBoundMs: lowerS === null ? null : lowerS * 1e3,
    expectedMs: e.latencyS === null ? null : e.latencyS * 1e3,
    expectedHighMs: e.latencyHighS === null ? null : e.latencyHighS * 1e3,
    inferencesPerSec: p.inferencesPerSec,
    vramBytes: vram.totalBytes,
    fits: e.fits,
    boundBy: e.latency?.boundBy ?? null,
  };
}

function run(
  facts: ModelFacts,
  symbol: string,
  scaled: boolean,
  values: readonly number[],
  pointOf: (v: number) => EvalPoint,
  resolved: ResolvedGpu,
  gpus: number,
  options: HardwareOptions,
): SweepJson {
  const points: SweepPointJson[] = [];
  const unbound = new Set<string>();
  for (const v of values) {
    const r = sweepPoint(facts, pointOf(v), v, resolved, gpus, options);
    if (r instanceof UnboundSymbols) for (const s of r.symbols) unbound.add(s);
    else points.push(r);
  }
  const note =
    unbound.size > 0
      ? `Not evaluated: ${[...unbound].join(', ')} unbound (bind with --dim).`
      : scaled
        ? 'The model has no batch symbol: per-sample FLOPs and activations are scaled by the batch.'
        : null;
  return { symbol, scaled, points, note };
}

/** The batch sweep (batch symbol bound at each value, or per-sample scaling when the model has none). */
export function batchSweep(facts: ModelFacts, values: readonly number[], resolved: ResolvedGpu, gpus: number, options: HardwareOptions): SweepJson {
  return run(
    facts,
    facts.batch.symbol ?? 'batch',
    facts.batch.scaled,
    [...new Set(values)].sort((a, b) => a - b),
    (b) => batchPoint(facts, b),
    resolved,
    gpus,
    options,
  );
}

/** A sweep of any symbol (sequence length, image size) with the other bindings of the headline. */
export function dimSweep(
  facts: ModelFacts,
  symbol: string,
  values: readonly number[],
  resolved: ResolvedGpu,
  gpus: number,
  options: HardwareOptions,
): SweepJson {
  const scale = facts.batch.scaled ? facts.batch.size : 1;
  if (!modelSymbols(facts).has(symbol)) {
    return {
      symbol,
      scaled: false,
      points: [],
      note: `"${symbol}" does not appear in the model's formulas; nothing to sweep (symbols: ${[...modelSymbols(facts)].sort().join(', ') || 'none'}).`,
    };
  }
  return run(
    facts,
    symbol,
    false,
    [...new Set(values)].sort((a, b) => a - b),
    (v) => ({ bindings: { ...facts.bindings, [symbol]: v }, scale }),
    resolved,
    gpus,
    options,
  );
}

/** Every symbol the per-node figures, activations and KV cache depend on. */
function modelSymbols(facts: ModelFacts): Set<string> {
  const out = new Set<string>();
  const add = (d: Dim | undefined) => {
    if (d !== undefined && dims.isSymbolic(d)) for (const s of dims.symbols(d)) out.add(s);
  };
  for (const w of facts.works) {
    add(w.flops);
    add(w.activationBytes);
  }
  add(facts.peakActivation);
  add(facts.kvCache);
  return out;
}

/** Smallest swept batch at which compute-bound ops hold at least half the expected time. */
export function saturatingBatch(sweep: SweepJson | null): number | null {
  return sweep?.points.find((p) => p.boundBy === 'compute')?.value ?? null;
}
