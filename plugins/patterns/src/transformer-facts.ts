import type { Node, OnnxTensor, Value } from '@autodoc/core';
import type { TransformerFacts } from './architecture-section.js';
import type { BlockTree } from './block-tree.js';
import type { PatternMatch } from './detectors/detector.js';
import type { GraphView } from './graph-view.js';

/** Ops between a projection and the head-split Reshape / between the Reshape and the product. */
const HEAD_PATH = new Set(['Transpose', 'Reshape', 'Mul', 'Div', 'Add', 'Split', 'Slice', 'Cast', 'Unsqueeze', 'Squeeze', 'Expand', 'Tile', 'Concat', 'Identity']);

/** Weight [in, out] of a MatMul, or of a Gemm with transB (stored [out, in]): the in and out sizes. */
function linearSizes(view: GraphView, node: Node): { in: number; out: number } | undefined {
  const w = view.weight(node, 1);
  if (w?.dims.length !== 2) return undefined;
  const transB = node.opType === 'Gemm' && view.attrInt(node, 'transB', 0) === 1;
  // A transposed weight feeding MatMul (lm_head = MatMul(x, Transpose(wte))) is [out, in] as stored.
  const transposed = node.opType === 'MatMul' && view.producerOp(node.inputs[1]) === 'Transpose';
  return transB || transposed ? { in: w.dims[1], out: w.dims[0] } : { in: w.dims[0], out: w.dims[1] };
}

/** Walks back from `v` along data inputs through head-path ops, calling `visit` on each node. */
function walkBack(view: GraphView, v: Value | undefined, visit: (n: Node) => boolean, limit = 12): void {
  for (let i = 0; i < limit && v; i++) {
    const p = view.producer(v);
    if (!p || visit(p) || !HEAD_PATH.has(p.opType)) return;
    // Through a KV-cache Concat follow the new tensor, not the past input.
    const data = p.inputs.filter((x): x is Value => x !== undefined && !view.isConstant(x));
    v = p.opType === 'Concat' ? (data.find((x) => x.kind !== 'input') ?? data[0]) : data[0];
  }
}

/** The Reshape target as numbers (null where unknown): a constant, or a Concat of small constants. */
function reshapeTarget(view: GraphView, reshape: Node): (number | null)[] | undefined {
  const direct = view.ints(reshape.inputs[1]);
  if (direct) return direct;
  const p = view.producer(reshape.inputs[1]);
  if (p?.opType !== 'Concat') return undefined;
  const out: (number | null)[] = [];
  for (const part of p.inputs) {
    const known = view.ints(part);
    if (known) out.push(...known);
    else out.push(null);
  }
  return out;
}

/** Heads from the deepest head-split Reshape on an operand's path: target [b, s, heads, d]. */
function headsOnPath(view: GraphView, operand: Value | undefined): { heads: number; headDim: number | null } | undefined {
  let found: { heads: number; headDim: number | null } | undefined;
  walkBack(view, operand, (n) => {
    if (n.opType !== 'Reshape') return false;
    const t = reshapeTarget(view, n);
    if (t && t.length === 4 && typeof t[2] === 'number' && t[2] > 0) {
      // Keep the deepest: a GQA repeat reshapes to query heads first, the head split comes earlier.
      found = { heads: t[2], headDim: typeof t[3] === 'number' && t[3] > 0 ? t[3] : null };
    }
    return false;
  });
  return found;
}

/** The projection weight behind an operand (the first weighted MatMul/Gemm walking back). */
function projectionBehind(view: GraphView, operand: Value | undefined): Node | undefined {
  let found: Node | undefined;
  walkBack(view, operand, (n) => {
    if ((n.opType === 'MatMul' || n.opType === 'Gemm') && view.isWeighted(n)) {
      found = n;
      return true;
    }
    return false;
  });
  return found;
}

/** Head dim from the score scale: Div by √d, or Mul by 1/√d. */
function headDimFromScale(view: GraphView, softmax: Node): number | undefined {
  let d: number | undefined;
  walkBack(view, softmax.inputs[0], (n) => {
    const c = n.inputs.map((x) => view.floats(x)).find((f) => f !== undefined && f.length === 1)?.[0];
    if (c !== undefined && c > 0 && (n.opType === 'Div' || n.opType === 'Mul')) {
      const est = n.opType === 'Div' ? c * c : 1 / (c * c);
      if (Math.abs(est - Math.round(est)) < 0.05 * est) d = Math.round(est);
      return true;
    }
    return n.opType === 'MatMul';
  }, 6);
  return d;
}

function byName(view: GraphView, name: string): Node | undefined {
  return view.nodes.find((n) => n.name === name);
}

/** True when some rank-4 graph input is concatenated into an attention K/V path or a present output. */
function hasKvCache(view: GraphView, attention: readonly PatternMatch[]): boolean {
  for (const m of attention) {
    const n = m.anchor;
    if (n.domain === 'com.microsoft' && n.opType === 'GroupQueryAttention' && n.inputs[3]) return true;
    if (n.domain === 'com.microsoft' && n.opType === 'MultiHeadAttention' && n.inputs[6]) return true;
    if (n.domain === 'com.microsoft' && n.opType === 'Attention' && n.inputs[4]) return true;
    if (n.domain === 'ai.onnx' && n.opType === 'Attention' && n.inputs[4]) return true;
  }
  const outputs = new Set(view.graph.outputs);
  for (const input of view.graph.inputs) {
    const shape = view.shape(input);
    if (shape?.length !== 4) continue;
    for (const c of view.consumers(input)) {
      if (c.opType !== 'Concat') continue;
      const out = c.outputs[0];
      if (out && (outputs.has(out) || view.consumers(out).some((x) => x.opType === 'Transpose' || x.opType === 'MatMul' || x.opType === 'Unsqueeze'))) return true;
    }
  }
  return false;
}

/**
 * Transformer hyper-parameters read from the graph: weight shapes, head-split Reshape constants,
 * fused-op attributes, the √d scale; never from names. Null where the graph does not tell.
 */
export function transformerFacts(view: GraphView, tree: BlockTree, matches: ReadonlyMap<string, readonly PatternMatch[]>): TransformerFacts | null {
  const attention = matches.get('attention') ?? [];
  if (attention.length === 0) return null;
  const sources: Record<string, string> = {};
  const facts: TransformerFacts = { layers: null, hidden: null, heads: null, kvHeads: null, headDim: null, intermediate: null, vocab: null, tiedEmbeddings: null, kvCache: false, sources };

  const layerBlocks = tree.all.filter((b) => b.numbered && (b.kind === 'TransformerLayer' || b.kind === 'TransformerDecoderLayer'));
  if (layerBlocks.length > 0) {
    facts.layers = layerBlocks.length;
    sources.layers = 'blocks with one attention and one MLP';
  } else {
    facts.layers = attention.length;
    sources.layers = 'attention count';
  }

  const token = (matches.get('token-embedding') ?? []).find((m) => m.tags.includes('token'));
  const table: OnnxTensor | undefined = token ? view.weight(token.anchor, 0) : undefined;
  if (table) {
    facts.vocab = table.dims[0];
    facts.hidden = table.dims[1];
    sources.vocab = sources.hidden = `token embedding table ${table.name} [${table.dims.join(', ')}]`;
  }

  const first = attention[0];
  const anchor = first.anchor;
  if (first.tags.includes('fused')) {
    const heads = view.attrInt(anchor, 'num_heads', 0) || view.attrInt(anchor, 'q_num_heads', 0);
    const kv = view.attrInt(anchor, 'kv_num_heads', 0) || heads;
    if (heads > 0) {
      facts.heads = heads;
      facts.kvHeads = kv;
      sources.heads = `${anchor.opType} attributes`;
    }
  } else {
    const qk = byName(view, first.nodes[0]);
    if (qk) {
      const q = headsOnPath(view, qk.inputs[0]);
      const k = headsOnPath(view, qk.inputs[1]);
      if (q) {
        facts.heads = q.heads;
        facts.headDim = q.headDim;
        sources.heads = 'Q head-split Reshape constant';
      }
      if (k) {
        facts.kvHeads = k.heads;
        sources.kvHeads = 'K head-split Reshape constant';
      }
      const proj = projectionBehind(view, qk.inputs[0]);
      const sizes = proj && linearSizes(view, proj);
      if (sizes && facts.hidden === null) {
        facts.hidden = sizes.in;
        sources.hidden = `Q projection weight of ${proj?.name}`;
      }
    }
    if (facts.headDim === null) {
      const d = headDimFromScale(view, anchor);
      if (d !== undefined) {
        facts.headDim = d;
        sources.headDim = 'attention score scale 1/√d';
      }
    }
  }
  if (facts.heads !== null && facts.headDim === null && facts.hidden !== null && facts.hidden % facts.heads === 0) facts.headDim = facts.hidden / facts.heads;
  if (facts.heads === null && facts.headDim && facts.hidden && facts.hidden % facts.headDim === 0) {
    facts.heads = facts.hidden / facts.headDim;
    sources.heads = 'hidden / head dim';
  }
  if (facts.kvHeads === null && facts.heads !== null) facts.kvHeads = facts.heads;

  const mlp = (matches.get('mlp') ?? [])[0];
  const up = mlp && linearSizes(view, mlp.anchor);
  if (up) {
    facts.intermediate = up.out;
    sources.intermediate = `MLP up-projection weight of ${mlp.anchor.name}`;
  }

  // The output projection: a linear whose output is a graph output (through at most a Reshape/Cast).
  const outputs = new Set(view.graph.outputs);
  const head = view.nodesOf(['MatMul', 'Gemm']).find((n) => view.isWeighted(n) && n.outputs[0] && (outputs.has(n.outputs[0]) || view.consumers(n.outputs[0]).some((c) => ['Reshape', 'Cast'].includes(c.opType) && c.outputs[0] !== undefined && outputs.has(c.outputs[0]))));
  const headSizes = head && linearSizes(view, head);
  // A classifier head (out ≠ vocab) is not an output projection over the vocabulary.
  if (head && headSizes && (table === undefined || headSizes.out === table.dims[0])) {
    facts.tiedEmbeddings = table !== undefined && view.weight(head, 1) === table;
    if (facts.vocab === null) {
      facts.vocab = headSizes.out;
      sources.vocab = `output projection ${head.name}`;
    }
  }
  facts.kvCache = hasKvCache(view, attention);
  // Facts read from a malformed graph can come out impossible (a negative width); unknown beats wrong.
  for (const key of ['layers', 'hidden', 'heads', 'kvHeads', 'headDim', 'intermediate', 'vocab'] as const) {
    const v = facts[key];
    if (v !== null && !(Number.isSafeInteger(v) && v > 0)) facts[key] = null;
  }
  return facts;
}
