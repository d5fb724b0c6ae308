import { type AnalysisContext, type Dim, dims, dtypeByName, type Precision, type Value, valueBytes } from '@autodoc/core';
import { collectNodeWork, type EvalPoint, type NodeWork } from './node-work.js';

/** What the estimates read from the sections of params and memory (declared in `requires`). */
interface ParamsFacts {
  byDtype: Record<string, number | string>;
  quantized?: { weightElements: number | string };
}
interface MemoryFacts {
  weightsBytesAtPrecision: number | string;
  peakActivation: { total: number | string | null; expression: string | null };
  kvCache: { present: boolean; bytes: number | string | null; expression: string | null };
}

/**
 * The life of one activation tensor of the top-level graph: produced at node `producer` (−1 for graph
 * inputs), last read at `lastConsumer`; graph outputs live to the end. Used for the activation peak at
 * any point (the memory plugin's liveness, evaluated numerically) and for pipeline cuts.
 */
export interface Lifetime {
  readonly producer: number;
  readonly lastConsumer: number;
  readonly output: boolean;
  readonly bytes: Dim | undefined;
}

/** Everything device-independent the estimates need, symbolic where the model is. */
export interface ModelFacts {
  readonly works: readonly NodeWork[];
  readonly weightsBytes: number;
  /** Peak live activations (memory plugin), undefined when it could not be computed. */
  readonly peakActivation: Dim | undefined;
  /** KV cache bytes; 0 without a cache, undefined when present but not expressible. */
  readonly kvCache: Dim | undefined;
  readonly precision: Precision;
  readonly precisionSource: 'option' | 'model';
  /** The batch: its symbol (null when the model has none: figures are then scaled per sample). */
  readonly batch: { readonly symbol: string | null; readonly size: number; readonly scaled: boolean; readonly defaulted: boolean };
  /** The run's bindings plus the batch symbol at `batch.size`. */
  readonly bindings: Readonly<Record<string, number>>;
  readonly lifetimes: readonly Lifetime[];
  readonly notes: readonly string[];
}

const FLOAT_PRECISION: Readonly<Record<string, Precision>> = {
  FLOAT: 'fp32',
  DOUBLE: 'fp32',
  FLOAT16: 'fp16',
  BFLOAT16: 'bf16',
  FLOAT8E4M3FN: 'fp8',
  FLOAT8E4M3FNUZ: 'fp8',
  FLOAT8E5M2: 'fp8',
  FLOAT8E5M2FNUZ: 'fp8',
};

/** --precision, else the dtype holding most weight elements (quantized int weights → int8/int4). */
export function modelPrecision(params: ParamsFacts | undefined): Precision {
  let best: [string, number] | undefined;
  for (const [dtype, n] of Object.entries(params?.byDtype ?? {})) if (!best || Number(n) > best[1]) best = [dtype, Number(n)];
  if (!best) return 'fp32';
  if (FLOAT_PRECISION[best[0]]) return FLOAT_PRECISION[best[0]];
  const info = dtypeByName(best[0]);
  if (info && !info.isFloat) return (info.bits ?? 8) <= 4 ? 'int4' : 'int8';
  return 'fp32';
}

/** The batch symbol: the one dim_param every graph input that has one shares as its first dim (as the core binds it). */
export function batchSymbol(inputs: readonly Value[]): string | null {
  const first = new Set<string>();
  for (const input of inputs) {
    const t = input.declared;
    if (t?.kind !== 'tensor' || !t.shape?.length) continue;
    const d = t.shape[0];
    if (typeof d === 'string') first.add(d);
  }
  return first.size === 1 ? [...first][0] : null;
}

function parseDim(expression: string | null | undefined): Dim | undefined {
  if (expression === null || expression === undefined) return undefined;
  try {
    return dims.parse(expression);
  } catch {
    return undefined;
  }
}

/** Collects the facts from the context; sections of params and memory must have run. */
export function collectModelFacts(ctx: AnalysisContext): ModelFacts {
  const params = ctx.section<ParamsFacts>('params');
  const memory = ctx.section<MemoryFacts>('memory');
  const notes: string[] = [];
  const precisionSource = ctx.options.precision ? 'option' : 'model';
  const precision = ctx.options.precision ?? modelPrecision(params);
  if (precisionSource === 'model')
    notes.push(`No --precision given: estimates use ${precision}, the precision of most weights, and bytes at the stored dtypes.`);
  const works = collectNodeWork(ctx, ctx.options.precision);

  const symbol = batchSymbol(ctx.graph.inputs);
  const bindings: Record<string, number> = { ...ctx.options.bindings };
  let size: number;
  let defaulted = false;
  if (symbol) {
    size = bindings[symbol] ?? ctx.options.batchSize ?? 1;
    if (!(symbol in bindings)) {
      defaulted = ctx.options.batchSize === undefined;
      bindings[symbol] = size;
      if (defaulted)
        notes.push(
          `The batch symbol "${symbol}" is unbound: the headline is at ${symbol}=1 (bind it with --batch-size or --dim; the batch sweep shows other sizes).`,
        );
    }
  } else {
    size = ctx.options.batchSize ?? 1;
    if (ctx.options.batchSize !== undefined)
      notes.push(
        `The model has no batch symbol: FLOPs and activation bytes are the per-sample figures × ${size}, as if it were exported with batch ${size}; weights are not scaled.`,
      );
  }

  const kvCache = memory?.kvCache.present ? parseDim(memory.kvCache.expression) : 0;
  if (memory?.kvCache.present && kvCache === undefined) notes.push('The KV cache size has no formula; it is left out of VRAM.');
  const peakActivation = parseDim(
    memory?.peakActivation.expression ??
      (memory?.peakActivation.total === null || memory?.peakActivation.total === undefined ? undefined : String(memory.peakActivation.total)),
  );
  return {
    works,
    weightsBytes: Number(memory?.weightsBytesAtPrecision ?? 0),
    peakActivation,
    kvCache,
    precision,
    precisionSource,
    batch: { symbol, size, scaled: symbol === null, defaulted },
    bindings,
    lifetimes: lifetimes(ctx, ctx.options.precision),
    notes,
  };
}

/** Graph inputs and every node output of the top-level graph, as the memory plugin's liveness tracks them. */
function lifetimes(ctx: AnalysisContext, precision: Precision | undefined): Lifetime[] {
  const index = new Map(ctx.graph.nodes.map((n, i) => [n, i] as const));
  const outputs = new Set(ctx.graph.outputs);
  const out: Lifetime[] = [];
  const track = (value: Value, producer: number) => {
    let last = producer;
    for (const c of value.consumers) last = Math.max(last, index.get(c) ?? -1);
    out.push({ producer, lastConsumer: last, output: outputs.has(value), bytes: valueBytes(value, precision) });
  };
  for (const input of ctx.graph.inputs) track(input, -1);
  ctx.graph.nodes.forEach((node, i) => {
    for (const v of node.outputs) if (v) track(v, i);
  });
  return out;
}

/**
 * Peak live activation bytes at a point: a tensor lives from its producer (inputs: the start) to its
 * last consumer (outputs: the end); the peak is the largest sum over the execution order. This is the
 * memory plugin's definition evaluated numerically, so it also works where its symbolic peak is not
 * expressible. Null when a tensor's size is unknown or a symbol is unbound.
 */
export function peakActivationAt(facts: ModelFacts, point: EvalPoint): number | null {
  const n = facts.works.length;
  if (n === 0) return 0;
  const diff = new Float64Array(n + 1);
  for (const t of facts.lifetimes) {
    const b = dimAt(t.bytes, point);
    if (b === null) return null;
    const end = t.output ? n - 1 : t.lastConsumer;
    diff[Math.max(0, t.producer)] += b;
    diff[end + 1] -= b;
  }
  let live = 0;
  let peak = 0;
  for (let i = 0; i < n; i++) {
    live += diff[i];
    peak = Math.max(peak, live);
  }
  return peak;
}

/** The headline point: the run's bindings with the batch bound, per-sample scale when no symbol. */
export function headlinePoint(facts: ModelFacts): EvalPoint {
  return { bindings: facts.bindings, scale: facts.batch.scaled ? facts.batch.size : 1 };
}

/** The point of a batch sweep entry. */
export function batchPoint(facts: ModelFacts, batch: number): EvalPoint {
  return facts.batch.symbol ? { bindings: { ...facts.bindings, [facts.batch.symbol]: batch }, scale: 1 } : { bindings: facts.bindings, scale: batch };
}

/** A Dim at a point (activation-like: scaled by the point's per-sample factor); null when unbound. */
export function dimAt(d: Dim | undefined, point: EvalPoint): number | null {
  if (d === undefined) return null;
  const v = dims.isSymbolic(d) ? dims.evaluate(d, point.bindings) : d;
  return v === undefined ? null : Number(v) * point.scale;
}
