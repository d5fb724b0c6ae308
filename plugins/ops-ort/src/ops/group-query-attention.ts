import { type Dim, type InferredType, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, exactDiv, need, requiredInt, scalarValue, tensorOut } from '../util/args.js';
import { ATTENTION_NOTE, type AttentionCore, ROTARY_FLOPS, coreFlops, coreMacs, scoreCount } from '../util/attention-cost.js';

// GroupQueryAttention: num_heads query heads share kv_num_heads key/value heads. Inputs: query (or
// packed QKV), key, value, past_key/past_value [B, kv_heads, P, H], seqlens_k, total_sequence_length
// (a scalar), cos/sin caches, …; outputs: output, present_key/present_value, output_qk.

const PAST_KEY = 3;
const TOTAL_SEQ = 6;
const COS_CACHE = 7;
const ATTENTION_BIAS = 10;
const Q_NORM = 14;

interface Layout {
  readonly batch: Dim;
  readonly seq: Dim;
  readonly kvSeq: Dim;
  readonly heads: number;
  readonly kvHeads: number;
  readonly head: Dim;
}

function layout(n: OpNode): Layout | undefined {
  const heads = requiredInt(n, 'num_heads');
  const kvHeads = requiredInt(n, 'kv_num_heads');
  const q = dimsOf(n, 0);
  if (q?.length !== 3) return undefined;
  if (!n.input(1)) {
    // Packed QKV: (num_heads + 2·kv_num_heads) · head_size.
    const head = exactDiv(n, q[2], heads + 2 * kvHeads, 'packed QKV width is not (num_heads + 2·kv_num_heads) · head_size');
    return { batch: q[0], seq: q[1], kvSeq: q[1], heads, kvHeads, head };
  }
  const k = dimsOf(n, 1);
  if (k?.length !== 3) return undefined;
  return { batch: q[0], seq: q[1], kvSeq: k[1], heads, kvHeads, head: exactDiv(n, q[2], heads, 'the query hidden size is not a multiple of num_heads') };
}

/** Keys each query attends to: total_sequence_length when its value is known, else past + new. */
function attendedKeys(n: OpNode, l: Layout): Dim {
  const totalSeq = scalarValue(n, TOTAL_SEQ);
  if (totalSeq !== undefined) return totalSeq;
  const past = dimsOf(n, PAST_KEY);
  return past ? dims.add(past[2], l.kvSeq) : l.kvSeq;
}

/**
 * present sequence length. With past and a known total: both numbers → max(past, total) as ONNX
 * Runtime infers it (a shared buffer keeps its length); a fixed-size past against a symbolic total is
 * a shared max-length buffer → past; otherwise the cache grows to total. Unknown total: past + new.
 */
function presentSeq(n: OpNode, l: Layout, past: readonly Dim[] | undefined): Dim {
  const totalSeq = scalarValue(n, TOTAL_SEQ);
  if (!past) return totalSeq ?? l.kvSeq;
  const p = past[2];
  if (totalSeq === undefined) return dims.add(p, l.kvSeq);
  if (typeof p === 'number' && typeof totalSeq === 'number') return Math.max(p, totalSeq);
  if (typeof p === 'number' && p > 0) return p;
  return totalSeq;
}

function gqaShape(n: OpNode): (InferredType | undefined)[] {
  const dtype = n.input(0)?.dtype;
  const l = layout(n);
  const out: (InferredType | undefined)[] = [tensorOut(dtype, l ? [l.batch, l.seq, dims.mul(l.heads, l.head)] : undefined)];
  if (n.outputCount > 1) {
    const past = dimsOf(n, PAST_KEY);
    const cacheType = n.input(PAST_KEY)?.dtype ?? dtype; // quantised caches keep their type
    const present = l ? [l.batch, l.kvHeads, presentSeq(n, l, past), past ? past[3] : l.head] : undefined;
    out.push(tensorOut(cacheType, present));
    if (n.outputCount > 2) out.push(tensorOut(n.input(PAST_KEY + 1)?.dtype ?? dtype, present && [...present]));
  }
  if (n.outputCount > 3) out.push(tensorOut(dtype, l ? [l.batch, l.heads, l.seq, attendedKeys(n, l)] : undefined));
  return out;
}

function gqaCost(n: OpNode) {
  const l = need(n, layout(n), 'the query/key/value shapes');
  const core: AttentionCore = { batch: l.batch, heads: l.heads, qSeq: l.seq, kvSeq: attendedKeys(n, l), headQk: l.head, headV: l.head };
  const scores = scoreCount(core);
  let flops = coreFlops(core);
  const qkRows = dims.product([l.batch, l.seq, l.heads + l.kvHeads]); // one row per Q head and per K head
  if (n.attrInt('do_rotary', 0) === 1) {
    const half = dimsOf(n, COS_CACHE)?.[1];
    const rot = half !== undefined ? dims.mul(2, half) : l.head;
    flops = dims.add(flops, dims.product([ROTARY_FLOPS, qkRows, rot]));
  }
  if (n.input(Q_NORM)) flops = dims.add(flops, dims.add(dims.product([4, qkRows, l.head]), dims.mul(3, qkRows)));
  if (n.input(ATTENTION_BIAS)) flops = dims.add(flops, scores);
  if (n.attrFloat('softcap', 0) !== 0) flops = dims.add(flops, dims.mul(3, scores));
  return { macs: coreMacs(core), flops };
}

/** com.microsoft GroupQueryAttention. */
export const groupQueryAttention = defineOp({
  domain: 'com.microsoft',
  opType: 'GroupQueryAttention',
  since: 1,
  shape: gqaShape,
  cost: gqaCost,
  examples: [
    {
      title: 'prefill, 4 query heads sharing 2 KV heads of 8',
      // scores 1·4·6·6 = 144; MACs = 144·(8 + 8) = 2304; FLOPs = 2·2304 + 6·144 = 5472.
      inputs: [[1, 6, 32], [1, 6, 16], [1, 6, 16], null, null, { dtype: 'INT32', shape: [1] }, { dtype: 'INT32', shape: [], value: [6] }],
      attrs: { num_heads: 4, kv_num_heads: 2 },
      expect: { shapes: [[1, 6, 32], [1, 2, 6, 8], [1, 2, 6, 8]], macs: 2304, flops: 5472 },
    },
    {
      title: 'decode step, total_sequence_length unknown: present = past + 1',
      inputs: [['batch', 1, 32], ['batch', 1, 16], ['batch', 1, 16], ['batch', 2, 'past_sequence', 8], ['batch', 2, 'past_sequence', 8], { dtype: 'INT32', shape: ['batch'] }, { dtype: 'INT32', shape: [] }],
      attrs: { num_heads: 4, kv_num_heads: 2 },
      expect: { shapes: [['batch', 1, 32], ['batch', 2, 'past_sequence + 1', 8], ['batch', 2, 'past_sequence + 1', 8]] },
    },
  ],
  notes:
    `No projections inside the op (Q/K/V come in projected; their projection sizes use kv_num_heads). ${ATTENTION_NOTE}. ` +
    'Q·Kᵀ and P·V run over all num_heads query heads: the kv_num_heads KV heads are shared, not fewer products. ' +
    'kv_total = the total_sequence_length input when its value is known, else past_sequence + kv_sequence. ' +
    'local_window_size (sliding window) does not reduce the count (dense products, as for causal masks). ' +
    'Plus 3 per rotated element of Q and K heads when do_rotary = 1; 4 per element + 3 per head row for q/k RMS norms when q_norm_weight is given; ' +
    '1 per score for attention_bias; 3 per score for softcap (divide, tanh, multiply). ' +
    'present_key/value: [batch, kv_num_heads, present_sequence, head_size] with present_sequence = past + new (or total_sequence_length when known; a fixed-size past buffer is kept).',
});
