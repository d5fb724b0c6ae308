import { type Dim, type InferredType, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, exactDiv, need, requiredInt, scalarValue, tensorOut } from '../util/args.js';
import { ATTENTION_NOTE, type AttentionCore, ROTARY_FLOPS, coreFlops, coreMacs } from '../util/attention-cost.js';

// Attention and QAttention: self attention with the Q/K/V projection inside the op (one packed weight
// [input_hidden, q_hidden + k_hidden + v_hidden]) and an optional stacked past/present
// [2, batch, num_heads, seq, head_size].

/** Where the two ops keep their inputs. */
interface Slots {
  readonly bias: number;
  readonly past: number;
  /** past_sequence_length (shared buffer), when the op has it. */
  readonly pastSeq?: number;
  /** The input whose dtype the outputs take. */
  readonly dtype: number;
}

const ATTENTION: Slots = { bias: 2, past: 4, pastSeq: 6, dtype: 0 };
const Q_ATTENTION: Slots = { bias: 2, past: 8, dtype: 3 }; // outputs take the float scale type

interface Layout {
  readonly x: readonly Dim[];
  readonly sizes: readonly [Dim, Dim, Dim];
  readonly heads: number;
}

/** Hidden sizes of Q, K and V: the attribute, else the packed weight (or bias) split in three. */
function hiddenSizes(n: OpNode, biasIndex: number): [Dim, Dim, Dim] | undefined {
  const attr = n.attrInts('qkv_hidden_sizes');
  if (attr && attr.length === 3) return [attr[0], attr[1], attr[2]];
  const packed = dimsOf(n, 1)?.[1] ?? dimsOf(n, biasIndex)?.[0];
  if (packed === undefined) return undefined;
  const each = exactDiv(n, packed, 3, 'the packed Q/K/V weight is not three equal parts');
  return [each, each, each];
}

function layout(n: OpNode, s: Slots): Layout | undefined {
  const x = dimsOf(n, 0);
  const sizes = hiddenSizes(n, s.bias);
  if (x?.length !== 3 || !sizes) return undefined;
  return { x, sizes, heads: requiredInt(n, 'num_heads') };
}

function attentionShape(n: OpNode, s: Slots): (InferredType | undefined)[] {
  const dtype = n.input(s.dtype)?.dtype;
  const l = layout(n, s);
  const out: (InferredType | undefined)[] = [tensorOut(dtype, l ? [l.x[0], l.x[1], l.sizes[2]] : undefined)];
  if (n.outputCount > 1) out.push(tensorOut(dtype, l ? presentShape(n, l, s) : undefined));
  return out;
}

/** present = past with past_seq + seq keys, or past itself when the buffer is shared. */
function presentShape(n: OpNode, l: Layout, s: Slots): Dim[] {
  const past = dimsOf(n, s.past);
  const headK = exactDiv(n, l.sizes[1], l.heads, 'k_hidden_size is not a multiple of num_heads');
  if (!past) return [2, l.x[0], l.heads, l.x[1], headK];
  if (n.attrInt('past_present_share_buffer', 0) === 1) return [...past];
  return [past[0], past[1], past[2], dims.add(past[3], l.x[1]), past[4]];
}

function attentionCost(n: OpNode, s: Slots) {
  const l = need(n, layout(n, s), 'the input and packed weight shapes');
  const [batch, seq, inHidden] = l.x;
  const packed = dims.sum([...l.sizes]);
  const projection = dims.product([batch, seq, inHidden, packed]);
  const past = dimsOf(n, s.past);
  let kvSeq: Dim = seq;
  let note: string | undefined;
  if (past && n.attrInt('past_present_share_buffer', 0) === 1) {
    const pastLen = s.pastSeq === undefined ? undefined : scalarValue(n, s.pastSeq);
    kvSeq = pastLen !== undefined ? dims.add(pastLen, seq) : past[3];
    if (pastLen === undefined) note = 'shared past/present buffer: attention counted over the whole buffer (an upper bound)';
  } else if (past) {
    kvSeq = dims.add(past[3], seq);
  }
  const core: AttentionCore = {
    batch,
    heads: l.heads,
    qSeq: seq,
    kvSeq,
    headQk: exactDiv(n, l.sizes[0], l.heads, 'q_hidden_size is not a multiple of num_heads'),
    headV: exactDiv(n, l.sizes[2], l.heads, 'v_hidden_size is not a multiple of num_heads'),
  };
  const macs = dims.add(projection, coreMacs(core));
  let flops = dims.add(dims.mul(2, projection), coreFlops(core));
  if (n.input(s.bias)) flops = dims.add(flops, dims.product([batch, seq, packed]));
  if (n.attrInt('do_rotary', 0) === 1) {
    const rot = n.attrInt('rotary_embedding_dim', 0) || core.headQk;
    flops = dims.add(flops, dims.product([ROTARY_FLOPS, 2, batch, seq, l.heads, rot])); // Q and K
  }
  return note ? { macs, flops, note } : { macs, flops };
}

const COMMON_NOTES =
  `Projection MACs = batch × seq × input_hidden × (q_hidden + k_hidden + v_hidden) (3 × batch × seq × hidden² for square weights). ${ATTENTION_NOTE}, ` +
  'plus 1 per projected element for the bias add, plus 3 per rotated element of Q and K when do_rotary = 1. ' +
  'kv_total = past_sequence + sequence; with past_present_share_buffer the past_sequence_length input is used when known, else the buffer length.';

/** com.microsoft Attention: packed QKV projection + multi-head attention, past/present stacked. */
export const attention = defineOp({
  domain: 'com.microsoft',
  opType: 'Attention',
  since: 1,
  shape: (n) => attentionShape(n, ATTENTION),
  cost: (n) => attentionCost(n, ATTENTION),
  examples: [
    {
      title: 'BERT-style self attention, 4 heads of 16',
      // proj 2·8·64·192 = 196608; QKᵀ = PV = 2·4·8·8·16 = 8192 → MACs 212992.
      // FLOPs = 2·212992 + bias 2·8·192 (3072) + scores 6·(2·4·8·8) (3072) = 432128.
      inputs: [[2, 8, 64], [64, 192], [192]],
      attrs: { num_heads: 4 },
      expect: { shapes: [[2, 8, 64]], macs: 212992, flops: 432128 },
    },
    {
      title: 'GPT-2 step with past: present grows by the new tokens',
      inputs: [['batch', 1, 64], [64, 192], [192], null, [2, 'batch', 4, 'past', 16]],
      attrs: { num_heads: 4, unidirectional: 1 },
      expect: { shapes: [['batch', 1, 64], [2, 'batch', 4, 'past + 1', 16]] },
    },
  ],
  notes: COMMON_NOTES,
});

/** com.microsoft QAttention: Attention with 8-bit input and weight; counted like Attention. */
export const qAttention = defineOp({
  domain: 'com.microsoft',
  opType: 'QAttention',
  since: 1,
  shape: (n) => attentionShape(n, Q_ATTENTION),
  cost: (n) => attentionCost(n, Q_ATTENTION),
  examples: [
    {
      // Same arithmetic as the Attention example: the integer GEMMs are counted as MACs too.
      inputs: [{ dtype: 'UINT8', shape: [2, 8, 64] }, { dtype: 'INT8', shape: [64, 192] }, [192], [], []],
      attrs: { num_heads: 4 },
      expect: { shapes: [[2, 8, 64]], macs: 212992, flops: 432128 },
    },
  ],
  notes: `${COMMON_NOTES} Integer products are MACs like float ones; (de)quantisation scales are not counted.`,
});
