import { type Dim, type InferredType, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, exactDiv, need, requiredInt, scalarValue, tensorOut } from '../util/args.js';
import { ATTENTION_NOTE, type AttentionCore, coreFlops, coreMacs, scoreCount } from '../util/attention-cost.js';

// MultiHeadAttention and DecoderMaskedMultiHeadAttention: attention over already projected Q/K/V
// (separate, packed QKV [B, S, N, 3, H], packed KV [B, L, N, 2, H], or a BNSH key/value cache for
// cross attention), with optional past_key/past_value [B, N, P, H] and present outputs.

interface Slots {
  readonly bias: number;
  readonly attentionBias: number;
  readonly pastKey: number;
  readonly pastSeq: number;
  /** DecoderMasked packs QKV as [B, 1, 3·hidden] instead of MHA's 5-D layout. */
  readonly flatPacked: boolean;
}

const MHA: Slots = { bias: 3, attentionBias: 5, pastKey: 6, pastSeq: 8, flatPacked: false };
const DMMHA: Slots = { bias: 10, attentionBias: 4, pastKey: 5, pastSeq: 7, flatPacked: true };

interface Layout {
  readonly batch: Dim;
  readonly qSeq: Dim;
  /** New keys of this call (self attention), or all keys (cross attention with a BNSH cache). */
  readonly kvSeq: Dim;
  readonly heads: number;
  readonly headQk: Dim;
  readonly headV: Dim;
  /** Key and value came in as a [B, N, L, H] cache: no concatenation with past. */
  readonly cross: boolean;
  readonly crossKey?: readonly Dim[];
  readonly crossValue?: readonly Dim[];
}

function layout(n: OpNode, s: Slots): Layout | undefined {
  const heads = requiredInt(n, 'num_heads');
  const q = dimsOf(n, 0);
  const k = dimsOf(n, 1);
  const v = dimsOf(n, 2);
  if (!q) return undefined;
  if (q.length === 5) {
    return { batch: q[0], qSeq: q[1], kvSeq: q[1], heads, headQk: q[4], headV: q[4], cross: false };
  }
  if (q.length !== 3) return undefined;
  const headQk = () => exactDiv(n, q[2], heads, 'the query hidden size is not a multiple of num_heads');
  if (!n.input(1)) {
    if (!s.flatPacked) return undefined;
    const h = exactDiv(n, q[2], 3, 'packed QKV is not three equal parts');
    const head = exactDiv(n, h, heads, 'the hidden size is not a multiple of num_heads');
    return { batch: q[0], qSeq: q[1], kvSeq: q[1], heads, headQk: head, headV: head, cross: false };
  }
  if (!k) return undefined;
  if (k.length === 5) return { batch: q[0], qSeq: q[1], kvSeq: k[1], heads, headQk: headQk(), headV: k[4], cross: false };
  if (k.length === 4) {
    const vv = v ?? k;
    return { batch: q[0], qSeq: q[1], kvSeq: k[2], heads, headQk: k[3], headV: vv[3], cross: true, crossKey: k, crossValue: vv };
  }
  if (k.length !== 3 || !v || v.length !== 3) return undefined;
  return { batch: q[0], qSeq: q[1], kvSeq: k[1], heads, headQk: headQk(), headV: exactDiv(n, v[2], heads, 'the value hidden size is not a multiple of num_heads'), cross: false };
}

/** True when past and present share one max-length buffer. */
function sharedBuffer(n: OpNode, s: Slots): boolean {
  if (s.flatPacked) return n.attrInt('past_present_share_buffer', 0) === 1;
  return n.input(s.pastKey) !== undefined && n.input(s.pastSeq) !== undefined; // MHA's own rule
}

function mhaShape(n: OpNode, s: Slots): (InferredType | undefined)[] {
  const dtype = n.input(0)?.dtype;
  const l = layout(n, s);
  const out: (InferredType | undefined)[] = [tensorOut(dtype, l ? [l.batch, l.qSeq, dims.mul(l.heads, l.headV)] : undefined)];
  if (n.outputCount > 1) {
    const [pk, pv] = l ? presentShapes(n, s, l) : [undefined, undefined];
    out.push(tensorOut(dtype, pk));
    if (n.outputCount > 2) out.push(tensorOut(dtype, pv));
  }
  if (n.outputCount > 3) out.push(tensorOut(dtype, l ? [l.batch, l.heads, l.qSeq, totalKv(n, s, l).kv] : undefined));
  return out;
}

function presentShapes(n: OpNode, s: Slots, l: Layout): [Dim[] | undefined, Dim[] | undefined] {
  const pastK = dimsOf(n, s.pastKey);
  const pastV = dimsOf(n, s.pastKey + 1);
  if (sharedBuffer(n, s)) return [pastK && [...pastK], pastV && [...pastV]];
  if (l.cross && !pastK) return [l.crossKey && [...l.crossKey], l.crossValue && [...l.crossValue]];
  const grow = (p: readonly Dim[] | undefined, head: Dim): Dim[] =>
    p ? [p[0], p[1], dims.add(p[2], l.kvSeq), p[3]] : [l.batch, l.heads, l.kvSeq, head];
  return [grow(pastK, l.headQk), grow(pastV, l.headV)];
}

/** Keys each query attends to, and a note when that is an upper bound. */
function totalKv(n: OpNode, s: Slots, l: Layout): { kv: Dim; note?: string } {
  const pastK = dimsOf(n, s.pastKey);
  if (l.cross || !pastK) return { kv: l.kvSeq };
  if (sharedBuffer(n, s)) {
    const pastLen = scalarValue(n, s.pastSeq);
    if (pastLen !== undefined) return { kv: dims.add(pastLen, l.kvSeq) };
    return { kv: pastK[2], note: 'shared past/present buffer: attention counted over the whole buffer (an upper bound)' };
  }
  return { kv: dims.add(pastK[2], l.kvSeq) };
}

function mhaCost(n: OpNode, s: Slots) {
  const l = need(n, layout(n, s), 'the query/key/value shapes');
  const { kv, note } = totalKv(n, s, l);
  const core: AttentionCore = { batch: l.batch, heads: l.heads, qSeq: l.qSeq, kvSeq: kv, headQk: l.headQk, headV: l.headV };
  let flops = coreFlops(core);
  if (n.input(s.bias)) {
    // The projection bias is added to Q, and to the new K and V unless they came in as a cache.
    const qBias = dims.product([l.batch, l.qSeq, l.heads, l.headQk]);
    const kvBias = l.cross ? 0 : dims.product([l.batch, l.kvSeq, l.heads, dims.add(l.headQk, l.headV)]);
    flops = dims.add(flops, dims.add(qBias, kvBias));
  }
  if (n.input(s.attentionBias)) flops = dims.add(flops, scoreCount(core)); // attention_bias add
  return note ? { macs: coreMacs(core), flops, note } : { macs: coreMacs(core), flops };
}

const NOTES =
  `No projections inside the op. ${ATTENTION_NOTE}, plus 1 per element for the projection bias when given (Q, and new K/V), ` +
  'plus 1 per score when attention_bias is given. kv_total = past_sequence + kv_sequence (cross attention with a [B, N, L, H] cache: L); ' +
  'with a shared past/present buffer the past_sequence_length input is used when known, else the buffer length (an upper bound).';

/** com.microsoft MultiHeadAttention. */
export const multiHeadAttention = defineOp({
  domain: 'com.microsoft',
  opType: 'MultiHeadAttention',
  since: 1,
  shape: (n) => mhaShape(n, MHA),
  cost: (n) => mhaCost(n, MHA),
  examples: [
    {
      title: 'self attention, 2 heads of 4',
      // scores 1·2·3·3 = 18; MACs = 18·(4 + 4) = 144; FLOPs = 2·144 + 6·18 = 396.
      inputs: [[1, 3, 8], [1, 3, 8], [1, 3, 8]],
      attrs: { num_heads: 2 },
      expect: { shapes: [[1, 3, 8]], macs: 144, flops: 396 },
    },
    {
      title: 'decoder step with past: present = past + new',
      inputs: [['batch', 'sequence', 64], ['batch', 'sequence', 64], ['batch', 'sequence', 64], null, null, null, ['batch', 8, 'past_sequence', 8], ['batch', 8, 'past_sequence', 8]],
      attrs: { num_heads: 8 },
      expect: { shapes: [['batch', 'sequence', 64], ['batch', 8, 'past_sequence + sequence', 8], ['batch', 8, 'past_sequence + sequence', 8]] },
    },
    {
      title: 'cross attention over a BNSH cache',
      // scores 2·4·5·7 = 280; MACs = 280·(16 + 16) = 8960.
      inputs: [[2, 5, 64], [2, 4, 7, 16], [2, 4, 7, 16]],
      attrs: { num_heads: 4 },
      expect: { shapes: [[2, 5, 64]], macs: 8960 },
    },
  ],
  notes: NOTES,
});

/** com.microsoft DecoderMaskedMultiHeadAttention: one-token decoding step (sequence_length 1). */
export const decoderMaskedMultiHeadAttention = defineOp({
  domain: 'com.microsoft',
  opType: 'DecoderMaskedMultiHeadAttention',
  since: 1,
  shape: (n) => mhaShape(n, DMMHA),
  cost: (n) => mhaCost(n, DMMHA),
  examples: [
    {
      title: 'packed QKV step with past',
      // head 64/4 = 16; kv_total = 9 + 1 = 10; scores 2·4·1·10 = 80; MACs = 80·32 = 2560; FLOPs = 5120 + 480 = 5600.
      inputs: [[2, 1, 192], null, null, null, null, [2, 4, 9, 16], [2, 4, 9, 16]],
      attrs: { num_heads: 4 },
      expect: { shapes: [[2, 1, 64], [2, 4, 10, 16], [2, 4, 10, 16]], macs: 2560, flops: 5600 },
    },
  ],
  notes: `${NOTES} Packed QKV is [B, 1, 3·hidden] here; with past_present_share_buffer = 1 the present outputs are the past buffers.`,
});
