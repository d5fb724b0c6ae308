import type { Node, Value } from '@autodoc/core';
import { type GraphView, names } from '../graph-view.js';
import { defineDetector, type PatternMatch, opTable } from './detector.js';

/** Ops between QKᵀ and Softmax: scaling, masking, casts. */
const SCORE_OPS = new Set(['Div', 'Mul', 'Add', 'Sub', 'Where', 'Cast', 'Reshape', 'Tanh', 'Clip']);
/** Ops between Softmax and the ×V product. */
const PROB_OPS = new Set(['Cast', 'Dropout', 'Identity', 'Reshape', 'Where']);
/** Ops on the K/V path that repeat heads (grouped-query attention). */
const REPEAT_OPS = new Set(['Expand', 'Tile']);
const KV_PATH_OPS = new Set(['Transpose', 'Reshape', 'Unsqueeze', 'Squeeze', 'Concat', 'Cast', 'Expand', 'Tile', 'Identity']);

/** Fused attention ops by domain::opType, with how to read causality and head counts. */
const FUSED = opTable<(view: GraphView, n: Node) => string[]>({
  'com.microsoft::Attention': (v, n) => (v.attrInt(n, 'unidirectional', 0) === 1 ? ['causal'] : []),
  'com.microsoft::MultiHeadAttention': (v, n) => (v.attrInt(n, 'unidirectional', 0) === 1 ? ['causal'] : []),
  'com.microsoft::PackedAttention': () => [],
  'com.microsoft::PackedMultiHeadAttention': () => [],
  'com.microsoft::DecoderMaskedMultiHeadAttention': () => ['causal'],
  'com.microsoft::DecoderMaskedSelfAttention': () => ['causal'],
  'com.microsoft::SparseAttention': () => ['causal'],
  'com.microsoft::PagedAttention': () => ['causal'],
  // ORT's GroupQueryAttention always masks causally (its docs: "causal and local attention only").
  'com.microsoft::GroupQueryAttention': (v, n) => ['causal', ...(v.attrInt(n, 'kv_num_heads', 0) < v.attrInt(n, 'num_heads', 0) ? ['gqa'] : [])],
  'ai.onnx::Attention': (v, n) => [
    ...(v.attrInt(n, 'is_causal', 0) === 1 ? ['causal'] : []),
    ...(v.attrInt(n, 'kv_num_heads', 0) > 0 && v.attrInt(n, 'kv_num_heads', 0) < v.attrInt(n, 'q_num_heads', 0) ? ['gqa'] : []),
  ],
});

/** A MatMul of two activations (no weight): an attention product. */
function isActivationProduct(view: GraphView, n: Node | undefined): n is Node {
  return n !== undefined && n.opType === 'MatMul' && !view.isConstant(n.inputs[0]) && !view.isConstant(n.inputs[1]);
}

/** Walks back from `v` through `allowed` ops (first data input) until `stop` holds. */
function back(view: GraphView, v: Value | undefined, allowed: Set<string>, stop: (n: Node) => boolean, passed: Node[], limit = 6): Node | undefined {
  for (let i = 0; i < limit && v; i++) {
    const p = view.producer(v);
    if (!p) return undefined;
    if (stop(p)) return p;
    if (!allowed.has(p.opType)) return undefined;
    passed.push(p);
    // Follow the data operand: for Where it is input 1 (the scores), otherwise the first non-constant one.
    v = p.opType === 'Where' ? p.inputs[1] : p.inputs.find((x) => x !== undefined && !view.isConstant(x) && !isMaskLike(view, x));
  }
  return undefined;
}

/** A tensor that is a mask rather than scores: boolean, or built from Range/Trilu/comparisons. */
function isMaskLike(view: GraphView, v: Value): boolean {
  return maskCone(view, v, 12).some((n) => n.opType === 'Trilu' || n.opType === 'Range' || n.opType === 'Less' || n.opType === 'Greater' || n.opType === 'Equal');
}

/** The nodes within `limit` steps behind `v`. */
function maskCone(view: GraphView, v: Value | undefined, limit: number): Node[] {
  const start = view.producer(v);
  if (!start) return [];
  const seen = new Set<Node>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length && queue.length < limit; i++) {
    for (const input of queue[i].inputs) {
      const p = view.producer(input);
      if (p && !seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return queue;
}

/**
 * True when a mask operand is causal: Trilu, a square constant (lower-triangular table), or Range
 * comparisons. The table is an initializer or a Constant node's output: torch.onnx writes a module's
 * non-persistent buffer (GPT-2's `bias`, [1, 1, 1024, 1024]) as a Constant node in each layer.
 */
function isCausalMask(view: GraphView, mask: Value | undefined): boolean {
  if (!mask) return false;
  const squareConst = (v: Value | undefined) => {
    if (!v || !view.isConstant(v)) return false;
    const maker = view.producer(v);
    const s = v.initializer?.dims ?? (maker?.opType === 'Constant' ? maker.attributes.get('value')?.t?.dims : undefined) ?? view.shape(v);
    if (!s || s.length < 2) return false;
    const [rows, cols] = [s[s.length - 2], s[s.length - 1]];
    return typeof cols === 'number' && cols === rows && cols > 1;
  };
  if (squareConst(mask)) return true;
  const cone = maskCone(view, mask, 24);
  if (cone.some((n) => n.opType === 'Trilu')) return true;
  if (cone.some((n) => n.inputs.some(squareConst))) return true;
  const ranges = cone.filter((n) => n.opType === 'Range').length;
  return ranges >= 1 && cone.some((n) => ['Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual'].includes(n.opType));
}

/** True when the K or V operand repeats heads on its way to the product (repeat_kv). */
function repeatsHeads(view: GraphView, v: Value | undefined): boolean {
  for (let i = 0; i < 8 && v; i++) {
    const p = view.producer(v);
    if (!p || !KV_PATH_OPS.has(p.opType)) return false;
    if (REPEAT_OPS.has(p.opType)) return true;
    v = p.inputs.find((x) => x !== undefined && !view.isConstant(x) && x.kind !== 'input') ?? p.inputs[0];
  }
  return false;
}

/**
 * Scaled dot-product attention. Unfused: MatMul(Q, Kᵀ) → scale/mask → Softmax → MatMul(·, V) (tag
 * `unfused`); fused: ORT contrib ops and ai.onnx Attention (tag `fused`). Tag `causal` when the mask is
 * triangular (Trilu, a square constant table, Range comparisons, or the op's causal attribute);
 * `gqa` when K/V heads are repeated to match Q heads (Expand/Tile on the K/V path, or kv_num_heads < num_heads).
 */
export default defineDetector({
  name: 'attention',
  description: 'Scaled dot-product attention, unfused (MatMul-Softmax-MatMul) or fused (ORT contrib, ai.onnx Attention), with causal and GQA variants.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf([...FUSED.opTypes, 'Softmax'])) {
      const fused = FUSED.get(node);
      if (fused) {
        out.push({ anchor: node, nodes: [node.name], tags: ['fused', ...fused(view, node)] });
        continue;
      }
      if (node.opType !== 'Softmax') continue;
      const scorePath: Node[] = [];
      const qk = back(view, node.inputs[0], SCORE_OPS, (n) => n.opType === 'MatMul', scorePath);
      if (!isActivationProduct(view, qk)) continue;
      let v = node.outputs[0];
      const probPath: Node[] = [];
      let pv: Node | undefined;
      for (let i = 0; i < 4 && !pv; i++) {
        const next = view.consumers(v);
        if (next.length !== 1) break;
        if (next[0].opType === 'MatMul' && next[0].inputs[0] === v) pv = next[0];
        else if (PROB_OPS.has(next[0].opType)) {
          probPath.push(next[0]);
          v = next[0].outputs[0];
        } else break;
      }
      if (!isActivationProduct(view, pv)) continue;
      const tags = ['unfused'];
      const masks = scorePath.flatMap((n) => (n.opType === 'Where' ? [n.inputs[0]] : n.opType === 'Add' || n.opType === 'Sub' ? n.inputs.filter((x) => x && isMaskLike(view, x)) : []));
      if (masks.some((m) => isCausalMask(view, m))) tags.push('causal');
      if (repeatsHeads(view, qk.inputs[1]) || repeatsHeads(view, pv.inputs[1])) tags.push('gqa');
      out.push({ anchor: node, nodes: names(qk, ...scorePath.reverse(), node, ...probPath, pv), tags });
    }
    return out;
  },
});
