import type { OnnxTensor } from '../onnx/types.js';
import type { Value } from './graph.js';

/**
 * Ops that pass a weight through unchanged in meaning: layout (Transpose, Reshape, Squeeze,
 * Unsqueeze), dtype (Cast) and dequantization. Exporters put these between a stored weight and the
 * Conv/MatMul/Gemm that uses it (a transposed lm_head, an fp16 weight cast up, a QDQ weight).
 */
const WEIGHT_PASSTHROUGH: ReadonlySet<string> = new Set(['Identity', 'Transpose', 'Cast', 'DequantizeLinear', 'Reshape', 'Squeeze', 'Unsqueeze']);

/** Pass-through ops followed back from a value; more is no weight a layer reads as such. */
const MAX_HOPS = 4;

/**
 * The stored weight behind `v`: its initializer, or a Constant's tensor, followed back through at most
 * four pass-through ops (Identity, Transpose, Cast, DequantizeLinear, Reshape, Squeeze, Unsqueeze).
 * Undefined for anything computed from data.
 *
 * @example
 * ```ts
 * const w = weightBehind(node.inputs[1]); // MatMul(x, Transpose(W)) → W
 * if (w) console.log(w.dims);
 * ```
 */
export function weightBehind(v: Value | undefined): OnnxTensor | undefined {
  for (let hops = 0; v && hops <= MAX_HOPS; hops++) {
    if (v.initializer) return v.initializer;
    const p = v.producer;
    if (!p) return undefined;
    if (p.opType === 'Constant') return p.attributes.get('value')?.t;
    if (!WEIGHT_PASSTHROUGH.has(p.opType)) return undefined;
    v = p.inputs[0];
  }
  return undefined;
}
