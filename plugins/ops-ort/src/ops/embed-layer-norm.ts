import { type InferredType, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';
import { layerNormFlops } from '../util/norm-cost.js';

// EmbedLayerNormalization (BERT embeddings): word + position (+ segment) lookups, summed, then
// LayerNorm; optionally the mask index (tokens per sequence) and the pre-norm sum.

const WORD = 2;
const SEGMENT_EMBEDDING = 4;
const MASK = 7;

function embedShape(n: OpNode): (InferredType | undefined)[] {
  const ids = dimsOf(n, 0);
  const hidden = dimsOf(n, WORD)?.[1];
  const dtype = n.input(WORD)?.dtype;
  const shape = ids && ids.length === 2 && hidden !== undefined ? [ids[0], ids[1], hidden] : undefined;
  const out: (InferredType | undefined)[] = [tensorOut(dtype, shape)];
  if (n.outputCount > 1) out.push(tensorOut('INT32', ids ? [ids[0]] : undefined));
  if (n.outputCount > 2) out.push(tensorOut(dtype, shape && [...shape]));
  return out;
}

function embedCost(n: OpNode) {
  const ids = need(n, dimsOf(n, 0), 'the input_ids shape');
  const hidden = need(n, dimsOf(n, WORD)?.[1], 'the word_embedding shape');
  const elements = dims.mul(dims.numel(ids), hidden);
  const adds = n.input(SEGMENT_EMBEDDING) ? 2 : 1; // word + position (+ segment)
  let flops = dims.add(dims.mul(adds, elements), layerNormFlops(elements, hidden, true));
  const mask = dimsOf(n, MASK);
  if (mask) flops = dims.add(flops, dims.numel(mask)); // mask index: one reduction step per mask element
  return { flops };
}

/** com.microsoft EmbedLayerNormalization. */
export const embedLayerNormalization = defineOp({
  domain: 'com.microsoft',
  opType: 'EmbedLayerNormalization',
  since: 1,
  shape: embedShape,
  cost: embedCost,
  examples: [
    {
      title: 'BERT embeddings with segments and mask',
      // B·S = 2·3 = 6 tokens × hidden 4 = 24 elements. Adds 2·24 = 48; LayerNorm 8·24 + 4·6 = 216; mask 6 → 270.
      inputs: [{ dtype: 'INT32', shape: [2, 3] }, { dtype: 'INT32', shape: [2, 3] }, [100, 4], [16, 4], [2, 4], [4], [4], { dtype: 'INT32', shape: [2, 3] }],
      expect: { shapes: [[2, 3, 4], [2], [2, 3, 4]], flops: 270 },
    },
  ],
  notes:
    'Lookups are free. FLOPs: 1 per output element for word + position, 1 more with segment embeddings; LayerNorm 8 per element and 4 per token ' +
    '(see SkipLayerNormalization); 1 per mask element for the mask index when mask is given. No MACs.',
});
