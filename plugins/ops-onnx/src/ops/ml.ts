/**
 * ai.onnx.ml ops found in the corpus: ArrayFeatureExtractor, Binarizer, LabelEncoder, TreeEnsemble.
 */
import { defineOp, type OpDefinition, type OpNode } from '@autodoc/core';
import { dtypeName, perOutputElement, sameAs, tensorOut } from './general-common.js';

const ML = 'ai.onnx.ml';

export const arrayFeatureExtractor = defineOp({
  domain: ML,
  opType: 'ArrayFeatureExtractor',
  since: 1,
  shape: (n) => {
    const x = n.input(0);
    const y = n.input(1);
    if (!x?.dims || y?.numel === undefined) return [tensorOut(x?.dtype, undefined)];
    // The indices select along the last axis; a 1-D input gives [1, k].
    const lead = x.dims.length <= 1 ? [1] : x.dims.slice(0, -1);
    return [tensorOut(x.dtype, [...lead, y.numel])];
  },
  cost: 'free',
  examples: [{ inputs: [[3, 4], { dtype: 'INT64', shape: [2] }], expect: { shapes: [[3, 2]], flops: 0 } }],
  notes: 'Output: X.shape[:-1] + [elements of Y] ([1, k] for a 1-D X). Free: an indexed copy.',
});

export const binarizer = defineOp({
  domain: ML,
  opType: 'Binarizer',
  since: 1,
  shape: (n) => [sameAs(n)],
  cost: perOutputElement(1),
  examples: [{ inputs: [[3, 4]], attrs: { threshold: 0.5 }, expect: { shapes: [[3, 4]], flops: 12 } }],
  notes: 'Output: input shape and dtype. Cost: 1 comparison with the threshold per element.',
});

/** LabelEncoder's output dtype: that of its values attribute. */
function labelEncoderDtype(n: OpNode): string | undefined {
  if (n.attribute('values_strings')) return 'STRING';
  if (n.attribute('values_int64s')) return 'INT64';
  if (n.attribute('values_floats')) return 'FLOAT';
  const t = n.attribute('values_tensor')?.t;
  return t?.dataType === undefined ? undefined : dtypeName(t.dataType);
}

export const labelEncoder = defineOp({
  domain: ML,
  opType: 'LabelEncoder',
  since: 1,
  shape: (n) => [tensorOut(labelEncoderDtype(n), n.input(0)?.dims)],
  cost: 'free',
  examples: [{ inputs: [{ dtype: 'STRING', shape: [5] }], attrs: { keys_strings: ['a', 'b'], values_int64s: [1, 2] }, expect: { shapes: [[5]], flops: 0 } }],
  notes: 'Output: input shape; dtype of the values_* attribute. Free: a table lookup, no arithmetic.',
});

export const treeEnsemble = defineOp({
  domain: ML,
  opType: 'TreeEnsemble',
  since: 5,
  shape: (n) => {
    const x = n.input(0);
    const targets = n.attrInt('n_targets');
    return [tensorOut(x?.dtype, x?.dims && targets !== undefined ? [x.dims[0], targets] : undefined)];
  },
  examples: [{ inputs: [[6, 1]], attrs: { n_targets: 4 }, expect: { shapes: [[6, 4]] } }],
  notes: 'Output [N, n_targets], dtype of X. No cost rule: the comparisons depend on the path each row takes through each tree, so the node is reported as uncounted.',
});

/** ai.onnx.ml ops. */
export const mlOps: OpDefinition[] = [arrayFeatureExtractor, binarizer, labelEncoder, treeEnsemble];
