import { type Dim, dims } from '@autodoc/core';

/**
 * The work of the attention core (Q·Kᵀ, softmax, P·V) of one node. `kvSeq` is the number of keys each
 * query attends to (past + new, or the cross-attention length); `heads` is the number of query heads.
 */
export interface AttentionCore {
  readonly batch: Dim;
  readonly heads: Dim;
  readonly qSeq: Dim;
  readonly kvSeq: Dim;
  readonly headQk: Dim;
  readonly headV: Dim;
}

/** FLOPs per attention score element outside the products: 1 for the 1/√d scale, 5 for softmax. */
export const SCORE_FLOPS = 6;

/** FLOPs per rotated element of rotary embedding: x·cos ∓ x_rot·sin is 2 multiplies and 1 add. */
export const ROTARY_FLOPS = 3;

/** batch × heads × q_seq × kv_seq: the number of attention scores. */
export function scoreCount(c: AttentionCore): Dim {
  return dims.product([c.batch, c.heads, c.qSeq, c.kvSeq]);
}

/** MACs of Q·Kᵀ (scores × head_qk) plus P·V (scores × head_v), dense: masks do not reduce them. */
export function coreMacs(c: AttentionCore): Dim {
  return dims.mul(scoreCount(c), dims.add(c.headQk, c.headV));
}

/** FLOPs of the core: 2 × its MACs plus {@link SCORE_FLOPS} per score. */
export function coreFlops(c: AttentionCore): Dim {
  return dims.add(dims.mul(2, coreMacs(c)), dims.mul(SCORE_FLOPS, scoreCount(c)));
}

/** Shared wording for the notes of every attention op. */
export const ATTENTION_NOTE =
  'Q·Kᵀ MACs = batch × heads × q_seq × kv_total × head_size; P·V MACs = batch × heads × q_seq × kv_total × v_head_size. ' +
  'Causal (unidirectional) and padding masks do not reduce the count: we count the dense products the kernel launches. ' +
  `FLOPs = 2 × MACs + ${SCORE_FLOPS} per score element (1 for the 1/√d scale, 5 for softmax: max, subtract, exp, sum, divide)`;
