import type { Node, Value } from '@autodoc/core';
import type { Family, TransformerFacts } from './architecture-section.js';
import type { PatternMatch } from './detectors/detector.js';
import type { GraphView } from './graph-view.js';

/** How far back the sources of Q and K are traced to tell self- from cross-attention. */
const SOURCE_SEARCH_LIMIT = 600;

type Matches = ReadonlyMap<string, readonly PatternMatch[]>;

function count(matches: Matches, name: string, tag?: string): number {
  const list = matches.get(name) ?? [];
  return tag === undefined ? list.length : list.filter((m) => m.tags.includes(tag)).length;
}

/**
 * Graph inputs behind a value (bounded breadth-first search), KV-cache inputs excluded. With `stopAt`,
 * the search ends at the first input in that set (enough to know the two are not disjoint).
 * `visited` marks the nodes of this search by node index (one stamp array for all searches: a deep
 * decoder runs two 600-node searches per attention, and a Set per search cost more than the walk).
 */
function inputSources(view: GraphView, v: Value | undefined, visited: Stamps, stopAt?: ReadonlySet<Value>): Set<Value> {
  const out = new Set<Value>();
  const start = view.producer(v);
  if (!start) {
    if (v?.kind === 'input') out.add(v);
    return out;
  }
  const stamp = visited.next();
  visited.mark(start, stamp);
  const queue = [start];
  for (let i = 0; i < queue.length && i < SOURCE_SEARCH_LIMIT; i++) {
    const n = queue[i];
    // Past keys/values are concatenated in; they are not the query's or key's source sequence.
    const skipInputs = n.opType === 'Concat';
    for (const x of n.inputs) {
      if (!x || (skipInputs && x.kind === 'input') || view.isConstant(x)) continue;
      if (x.kind === 'input') {
        out.add(x);
        if (stopAt?.has(x)) return out;
      }
      const p = view.producer(x);
      if (p && visited.mark(p, stamp)) queue.push(p);
    }
  }
  return out;
}

/** Per-node marks of the graph's nodes, a fresh stamp per search (no clearing between searches). */
class Stamps {
  readonly #marks: Int32Array;
  #stamp = 0;

  constructor(readonly nodes: readonly Node[]) {
    this.#marks = new Int32Array(nodes.length);
  }

  next(): number {
    return ++this.#stamp;
  }

  /** Marks `node` for search `stamp`; false when it was marked already. */
  mark(node: Node, stamp: number): boolean {
    // Producers of the graph's values are its own nodes; anything else is searched unmarked (the
    // search is bounded by SOURCE_SEARCH_LIMIT either way).
    if (this.nodes[node.index] !== node) return true;
    if (this.#marks[node.index] === stamp) return false;
    this.#marks[node.index] = stamp;
    return true;
  }
}

/** Unfused attentions whose Q and K come from disjoint graph inputs: cross-attention. */
function crossAttentionCount(view: GraphView, matches: Matches): number {
  let n = 0;
  let byName: Map<string, Node> | undefined;
  let visited: Stamps | undefined;
  for (const m of matches.get('attention') ?? []) {
    if (!m.tags.includes('unfused')) continue;
    byName ??= firstByName(view.nodes);
    visited ??= new Stamps(view.nodes);
    const qk = byName.get(m.nodes[0]);
    if (!qk) continue;
    // K first: Q's search can then stop at the first input they share (self-attention).
    const k = inputSources(view, qk.inputs[1], visited);
    if (k.size === 0) continue;
    const q = inputSources(view, qk.inputs[0], visited, k);
    if (q.size > 0 && ![...q].some((x) => k.has(x))) n++;
  }
  return n;
}

/** Each node name's first node in execution order (names need not be unique). */
function firstByName(nodes: readonly Node[]): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const node of nodes) if (!out.has(node.name)) out.set(node.name, node);
  return out;
}

/** A Conv whose stride equals its kernel (> 1): a patch embedding. */
function patchEmbedding(view: GraphView): Node | undefined {
  return view.nodes.find((n) => {
    if (n.opType !== 'Conv') return false;
    const k = view.weight(n, 1)?.dims.slice(2) ?? [];
    const s = view.attrInts(n, 'strides') ?? [];
    return k.length === 2 && k[0] > 1 && s.length === 2 && s[0] === k[0] && s[1] === k[1];
  });
}

/**
 * The model family with the evidence for it, from patterns and graph structure only. Rules, first
 * match wins: recurrent cells without attention → rnn; U-Net skips + attention + a timestep
 * embedding (Sin/Cos of a scalar input) → diffusion-unet; with attention: cross-attention →
 * encoder-decoder, causal mask or KV cache → decoder-llm, image input with a patch embedding →
 * vision-transformer, token embedding → text-encoder; with Convs: 3-D kernels → video-cnn, NMS or FPN
 * merges → cnn-detector, upsampling to a spatial output or U-Net skips → cnn-segmenter, a 2-D output
 * → cnn-classifier; else other.
 */
export function classifyFamily(view: GraphView, matches: Matches, transformer: TransformerFacts | null): { family: Family; evidence: string[] } {
  const evidence: string[] = [];
  const attention = count(matches, 'attention');
  const convs = view.nodesOf(['Conv', 'ConvTranspose']);
  const outputs = view.graph.outputs.map((o) => view.shape(o));
  const imageInput = view.graph.inputs.find((i) => view.shape(i)?.length === 4 || view.shape(i)?.length === 5);

  if (count(matches, 'recurrent-cell') > 0 && attention === 0) {
    evidence.push(`${count(matches, 'recurrent-cell')} recurrent cell(s) (LSTM/GRU/RNN or a Loop/Scan cell body)`);
    return { family: 'rnn', evidence };
  }

  const unetSkips = count(matches, 'unet-skip');
  const hasSinCos = view.nodesOf(['Sin']).length > 0 && view.nodesOf(['Cos']).length > 0;
  const scalarInput = view.graph.inputs.find((i) => (view.shape(i)?.length ?? 9) <= 1);
  if (unetSkips > 0 && attention > 0 && hasSinCos && scalarInput) {
    evidence.push(`${unetSkips} U-Net skip concat(s)`, `${attention} attention block(s)`, `timestep input "${scalarInput.name}" with a sinusoidal (Sin/Cos) embedding`);
    return { family: 'diffusion-unet', evidence };
  }

  if (attention > 0) {
    evidence.push(`${attention} attention block(s)`);
    const mlp = count(matches, 'mlp');
    if (mlp > 0) evidence.push(`${mlp} MLP block(s)`);
    const cross = crossAttentionCount(view, matches);
    if (cross > 0) {
      evidence.push(`${cross} cross-attention block(s): queries and keys come from different inputs`);
      return { family: 'encoder-decoder', evidence };
    }
    const causal = count(matches, 'attention', 'causal');
    if (causal > 0 || transformer?.kvCache) {
      if (causal > 0) evidence.push(`causal mask in ${causal} attention block(s)`);
      if (transformer?.kvCache) evidence.push('past key/value inputs concatenated into attention (KV cache)');
      if (count(matches, 'token-embedding', 'token') > 0) evidence.push('token embedding from input ids');
      return { family: 'decoder-llm', evidence };
    }
    const patch = patchEmbedding(view);
    if (imageInput && (patch || count(matches, 'position-embedding', 'added') > 0)) {
      evidence.push(`image input "${imageInput.name}"`);
      if (patch) evidence.push(`patch embedding ${patch.name} (stride = kernel)`);
      return { family: 'vision-transformer', evidence };
    }
    if (count(matches, 'token-embedding') > 0) {
      evidence.push('token embedding from input ids', 'no causal mask: bidirectional attention');
      return { family: 'text-encoder', evidence };
    }
    evidence.push('attention without a token embedding or an image patch embedding');
    return { family: 'other', evidence };
  }

  if (convs.length > 0) {
    evidence.push(`${convs.length} convolution(s)`);
    const conv3d = convs.find((n) => (view.weight(n, 1)?.dims.length ?? 0) === 5);
    if (conv3d) {
      evidence.push(`3-D convolution ${conv3d.name} (spatio-temporal kernel)`);
      return { family: 'video-cnn', evidence };
    }
    const nms = count(matches, 'nms');
    const fpn = count(matches, 'fpn-merge');
    if (nms > 0 || fpn > 0) {
      if (nms > 0) evidence.push(`${nms} non-maximum suppression op(s)`);
      if (fpn > 0) evidence.push(`${fpn} FPN top-down merge(s)`);
      return { family: 'cnn-detector', evidence };
    }
    const upsample = count(matches, 'upsample');
    const spatialOut = outputs.some((s) => s?.length === 4);
    if ((upsample > 0 && spatialOut) || unetSkips > 0) {
      if (upsample > 0) evidence.push(`${upsample} upsampling op(s)`);
      if (unetSkips > 0) evidence.push(`${unetSkips} U-Net skip concat(s)`);
      if (spatialOut) evidence.push('a spatial (rank-4) output');
      return { family: 'cnn-segmenter', evidence };
    }
    if (outputs.some((s) => s?.length === 2)) {
      evidence.push('a [batch, classes] output');
      const residual = count(matches, 'residual-add');
      if (residual > 0) evidence.push(`${residual} residual add(s)`);
      return { family: 'cnn-classifier', evidence };
    }
    evidence.push('convolutions without a classifier, detection or segmentation head');
    return { family: 'other', evidence };
  }
  evidence.push('no convolution, attention or recurrent cell');
  return { family: 'other', evidence };
}
