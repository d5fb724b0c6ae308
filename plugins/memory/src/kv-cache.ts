import { type AnalysisContext, countJson, type Dim, dims, tensorOf, type Value, valueBytes } from '@autodoc/core';
import type { MemorySection } from './memory-section.js';

/** `past_key_values.3.key`, `past.3.value`, `past_key_3`, `cache.3.k` … (case-insensitive). */
const pastName = /(past|cache)/i;
const presentName = /(present|cache_out|new_cache)/i;
const keyOrValue = /(key|value|\.k$|\.v$|_k$|_v$)/i;

/**
 * Detects a decoder's KV cache from its graph inputs (past keys/values, rank 4:
 * [batch, kvHeads, pastSequence, headDim]) and outputs (presents). Bytes per token are at the cache
 * dtype (or --precision): layers × 2 (K and V) × kvHeads × headDim × bytes per element.
 */
export function detectKvCache(ctx: AnalysisContext): MemorySection['kvCache'] {
  const pasts = ctx.graph.inputs.filter((v) => pastName.test(v.name) && keyOrValue.test(v.name) && tensorOf(v).shape?.length === 4);
  const presents = ctx.graph.outputs.filter((v) => presentName.test(v.name) && keyOrValue.test(v.name) && tensorOf(v).shape?.length === 4);
  const empty: MemorySection['kvCache'] = { present: false, layers: null, kvHeads: null, headDim: null, dtype: null, bytesPerToken: null, bytes: null, expression: null, contextLength: null, batch: null, inputs: [], outputs: [] };
  if (pasts.length === 0 && presents.length === 0) return empty;
  const sample = (pasts[0] ?? presents[0]) as Value;
  const { dtype, shape } = tensorOf(sample);
  const [batchDim, headsDim, , headDimDim] = shape as readonly Dim[];
  const layers = Math.max(pasts.length, presents.length) / 2;
  const kvHeads = dims.asNumber(headsDim) ?? null;
  const headDim = dims.asNumber(headDimDim) ?? null;
  // Bytes of one token of one sequence in one layer's K (or V): a [1, kvHeads, 1, headDim] slice.
  const perElementTensor = valueBytes({ ...sample, type: { kind: 'tensor', dtype, shape: [1, headsDim, 1, headDimDim] } } as Value, ctx.options.precision);
  const perToken = perElementTensor === undefined || !Number.isInteger(layers) ? undefined : dims.mul(perElementTensor, 2 * layers);
  // Context after this step = the presents' sequence dim (past + new), else the past length.
  const contextDim = (presents[0] ? tensorOf(presents[0]).shape?.[2] : tensorOf(sample).shape?.[2]) as Dim | undefined;
  const bindings = ctx.options.bindings;
  const total = perToken !== undefined && contextDim !== undefined ? dims.mul(dims.mul(perToken, contextDim), batchDim) : undefined;
  const evaluated = total === undefined ? undefined : dims.evaluate(total, bindings);
  const asInt = (d: Dim | undefined) => {
    const v = d === undefined ? undefined : dims.evaluate(d, bindings);
    return v === undefined ? null : Number(v);
  };
  return {
    present: true,
    layers: Number.isInteger(layers) ? layers : null,
    kvHeads,
    headDim,
    dtype: ctx.options.precision && dtype?.startsWith('FLOAT') ? `${dtype} (as ${ctx.options.precision})` : (dtype ?? null),
    bytesPerToken: perToken === undefined ? null : (dims.asNumber(perToken) ?? null),
    bytes: evaluated === undefined ? null : countJson(evaluated),
    expression: total === undefined ? null : dims.format(total),
    contextLength: asInt(contextDim),
    batch: asInt(batchDim),
    inputs: pasts.map((v) => v.name),
    outputs: presents.map((v) => v.name),
  };
}
