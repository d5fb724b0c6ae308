/**
 * NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (opset 12/13). The loss is a scalar for
 * reduction 'mean' (default) or 'sum', and has the target's shape [N, d1, …] for 'none'.
 *
 * NLL cost per target element: 1 (negate the gathered log-probability) + 1 when weights are given
 * (multiply by the class weight); 'sum' adds 1 per target element (the sum); 'mean' adds 1 per target
 * element (the sum), 1 more when weighted (the sum of weights), and 1 division in total.
 * SoftmaxCrossEntropyLoss adds a LogSoftmax over the class axis: 5 per score element + 1 log per row
 * (one row per target element).
 */
import { defineOp, dims, type Dim, type InferredType, type OpDefinition, type OpNode } from '@autodoc/core';
import { inNumel, tensorOut } from './general-common.js';

function lossType(n: OpNode): InferredType {
  const reduction = n.attrString('reduction', 'mean');
  const target = n.input(1)?.dims;
  return tensorOut(n.input(0)?.dtype, reduction === 'none' ? target : []);
}

/** FLOPs of the NLL part for `t` target elements. */
export function nllFlops(n: OpNode, t: Dim): Dim {
  const weighted = n.input(2) !== undefined;
  const reduction = n.attrString('reduction', 'mean');
  let perTarget = 1 + (weighted ? 1 : 0);
  let once = 0;
  if (reduction === 'sum') perTarget += 1;
  if (reduction === 'mean') {
    perTarget += 1 + (weighted ? 1 : 0);
    once = 1;
  }
  return dims.add(dims.mul(perTarget, t), once);
}

export const negativeLogLikelihoodLoss = defineOp({
  opType: 'NegativeLogLikelihoodLoss',
  since: 12,
  shape: (n) => [lossType(n)],
  cost: (n) => ({ flops: nllFlops(n, inNumel(n, 1)) }),
  examples: [
    // mean, no weight, target [3, 2] = 6 elements: (1 + 1)·6 + 1 = 13.
    { opset: 13, inputs: [[3, 5, 2], { dtype: 'INT64', shape: [3, 2] }], expect: { shapes: [[]], flops: 13 } },
    // none, weighted: (1 + 1)·6 = 12, output = target shape.
    { opset: 13, inputs: [[3, 5, 2], { dtype: 'INT64', shape: [3, 2] }, [5]], attrs: { reduction: 'none' }, expect: { shapes: [[3, 2]], flops: 12 } },
  ],
  notes: 'Loss: [] for mean/sum, the target shape for none. Cost per target element: negate 1, weight multiply +1, sum +1 (sum/mean), sum of weights +1 (weighted mean), plus 1 division for mean.',
});

export const softmaxCrossEntropyLoss = defineOp({
  opType: 'SoftmaxCrossEntropyLoss',
  since: 12,
  shape: (n) => {
    const scores = n.input(0);
    return [lossType(n), tensorOut(scores?.dtype, scores?.dims)];
  },
  cost: (n) => {
    const t = inNumel(n, 1);
    // LogSoftmax over the class axis: 5 per score element + 1 log per row (rows = target elements).
    return { flops: dims.add(dims.add(dims.mul(5, inNumel(n, 0)), t), nllFlops(n, t)) };
  },
  examples: [
    // scores [3,5] = 15, labels [3]: 5·15 + 3 + (1 + 1)·3 + 1 = 75 + 3 + 7 = 85.
    { opset: 13, inputs: [[3, 5], { dtype: 'INT64', shape: [3] }], expect: { shapes: [[], [3, 5]], flops: 85 } },
    // reduction sum on symbolic batch: 5·5N + N + 2N = 28N.
    { opset: 13, inputs: [['N', 5], { dtype: 'INT64', shape: ['N'] }], attrs: { reduction: 'sum' }, expect: { shapes: [[], ['N', 5]], flops: '28*N' } },
  ],
  notes: 'Outputs: loss ([] for mean/sum, the labels shape for none) and log_prob (shape of scores). Cost: LogSoftmax (5 per score element + 1 per row) plus the NegativeLogLikelihoodLoss count.',
});

/** Loss ops. */
export const lossOps: OpDefinition[] = [negativeLogLikelihoodLoss, softmaxCrossEntropyLoss];
