import type { Node, Value } from '@autodoc/core';
import type { Family, TransformerFacts } from './architecture-section.js';
import type { PatternMatch } from './detectors/detector.js';
import type { GraphView } from './graph-view.js';

type Matches = ReadonlyMap<string, readonly PatternMatch[]>;

function count(matches: Matches, name: string, tag?: string): number {
  const list = matches.get(name) ?? [];
  return tag === undefined ? list.length : list.filter((m) => m.tags.includes(tag)).length;
}

/** Source inputs past which sources are not tracked (a word of bits per 32 inputs per node). */
const MAX_TRACKED_INPUTS = 256;

/**
 * The graph inputs that can be a source: read by some node other than a Concat (past keys and
 * values only feed Concats, so a decoder with a KV cache of hundreds of inputs still fits).
 */
function sourceInputs(view: GraphView): Value[] {
  return view.graph.inputs.filter((input) => input.consumers.some((c) => c.opType !== 'Concat'));
}

/**
 * The graph inputs each node's outputs are computed from, as a bit set per node (one forward pass in
 * execution order). KV-cache inputs are left out: a Concat that takes a graph input appends past
 * keys/values, which are not the query's or key's source sequence. Constants carry no source. Exact
 * at any depth: a bounded backward search stopped 600 nodes up, so a deep encoder's keys had no
 * source and its cross-attention went uncounted.
 */
class InputSources {
  readonly #view: GraphView;
  readonly #words: number;
  readonly #bits: Int32Array;
  readonly #inputBit = new Map<Value, number>();

  /** `inputs`: the graph inputs to trace (sourceInputs). */
  constructor(view: GraphView, inputs: readonly Value[]) {
    this.#view = view;
    for (const [i, input] of inputs.entries()) this.#inputBit.set(input, i);
    this.#words = Math.max(1, Math.ceil(inputs.length / 32));
    const nodes = view.nodes;
    const words = this.#words;
    const bits = new Int32Array(nodes.length * words);
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n];
      const concat = node.opType === 'Concat';
      for (const x of node.inputs) {
        if (!x || view.isConstant(x)) continue;
        const bit = this.#inputBit.get(x);
        if (bit !== undefined) {
          if (!concat) bits[n * words + (bit >>> 5)] |= 1 << (bit & 31);
          continue;
        }
        const p = view.producer(x);
        if (!p || nodes[p.index] !== p) continue;
        for (let w = 0; w < words; w++) bits[n * words + w] |= bits[p.index * words + w];
      }
    }
    this.#bits = bits;
  }

  /** The graph inputs behind `v`, as bit words (all zero: none). */
  of(v: Value | undefined): Int32Array {
    const out = new Int32Array(this.#words);
    if (!v || this.#view.isConstant(v)) return out;
    const bit = this.#inputBit.get(v);
    if (bit !== undefined) {
      out[bit >>> 5] = 1 << (bit & 31);
      return out;
    }
    const p = this.#view.producer(v);
    if (p && this.#view.nodes[p.index] === p) out.set(this.#bits.subarray(p.index * this.#words, (p.index + 1) * this.#words));
    return out;
  }
}

const isEmpty = (set: Int32Array): boolean => set.every((w) => w === 0);
const disjoint = (a: Int32Array, b: Int32Array): boolean => a.every((w, i) => (w & b[i]) === 0);

/**
 * Unfused attentions whose Q and K come from disjoint sets of the graph's source inputs:
 * cross-attention. Undefined when there are too many source inputs to trace.
 */
function crossAttentionCount(view: GraphView, matches: Matches, inputs: readonly Value[]): number | undefined {
  const unfused = (matches.get('attention') ?? []).filter((m) => m.tags.includes('unfused'));
  if (unfused.length === 0) return 0;
  if (inputs.length > MAX_TRACKED_INPUTS) return undefined;
  const sources = new InputSources(view, inputs);
  // The match names its QK MatMul first: look it up among the MatMuls, not every node (a name
  // string per node of the graph).
  const byName = firstByName(view.nodesOf(['MatMul']));
  let n = 0;
  for (const m of unfused) {
    const qk = byName.get(m.nodes[0]);
    if (!qk) continue;
    const [q, k] = qk.inputs;
    const kSources = sources.of(k);
    const qSources = sources.of(q);
    if (!isEmpty(kSources) && !isEmpty(qSources) && disjoint(qSources, kSources)) n++;
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
  return view.nodesOf(['Conv']).find((n) => {
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
    const inputs = sourceInputs(view);
    const cross = crossAttentionCount(view, matches, inputs);
    if (cross === undefined) evidence.push(`cross-attention not checked: ${inputs.length} graph inputs feed the computation (at most ${MAX_TRACKED_INPUTS} are traced)`);
    else if (cross > 0) {
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
