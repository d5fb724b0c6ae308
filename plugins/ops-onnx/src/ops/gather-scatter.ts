/**
 * GatherElements, GatherND, ScatterElements, ScatterND and Scatter: data movement
 * driven by an index tensor. Gathers and plain scatters do no arithmetic ('free'); a scatter with a
 * `reduction` (add/mul/max/min, ScatterElements ≥ 16, ScatterND ≥ 16) combines each update with the
 * existing element: 1 FLOP per update element.
 */
import { defineOp, dims, type Dim, type OpDefinition, type OpNode } from '@autodoc/core';
import { inNumel, sameAs, tensorOut } from './general-common.js';

/** GatherElements: output has the shape of `indices`, the dtype of `data`. */
export const gatherElements = defineOp({
  opType: 'GatherElements',
  since: 11,
  shape: (n) => [tensorOut(n.input(0)?.dtype, n.input(1)?.dims)],
  cost: 'free',
  examples: [{ inputs: [[3, 3], { dtype: 'INT64', shape: ['n', 3] }], expect: { shapes: [['n', 3]], flops: 0 } }],
  notes: 'Output: shape of indices, dtype of data. Free: an indexed copy, no arithmetic.',
});

/** GatherND: indices[..., q] address slices of data after `batch_dims` leading dims. */
function gatherNdShape(n: OpNode) {
  const data = n.input(0);
  const idx = n.input(1)?.dims;
  const b = n.attrInt('batch_dims', 0);
  if (!data?.dims || !idx || idx.length === 0) return tensorOut(data?.dtype, undefined);
  const q = idx[idx.length - 1];
  // The slice rank depends on the last indices dim; unknown q means an unknown output rank.
  if (typeof q !== 'number') return tensorOut(data.dtype, undefined);
  const shape: Dim[] = [...idx.slice(0, -1), ...data.dims.slice(b + q)];
  return tensorOut(data.dtype, shape);
}

export const gatherND = defineOp({
  opType: 'GatherND',
  since: 11,
  shape: (n) => [gatherNdShape(n)],
  cost: 'free',
  examples: [
    // data [2,3,4], indices [5,2] → 5 slices of data.shape[2:] = [5,4].
    { inputs: [[2, 3, 4], { dtype: 'INT64', shape: [5, 2] }], expect: { shapes: [[5, 4]], flops: 0 } },
    // batch_dims 1: data [2,3,4], indices [2,1] → indices.shape[:-1] + data.shape[1+1:] = [2,4].
    { opset: 12, inputs: [[2, 3, 4], { dtype: 'INT64', shape: [2, 1] }], attrs: { batch_dims: 1 }, expect: { shapes: [[2, 4]] } },
  ],
  notes: 'Output = indices.shape[:-1] + data.shape[batch_dims + indices.shape[-1]:]; rank unknown when the last indices dim is. Free: an indexed copy.',
});

/** Scatter with an optional reduction: 1 FLOP per update element when it reduces, else free. */
function scatterCost(updatesInput: number) {
  return (n: OpNode) => {
    const reduction = n.attrString('reduction', 'none');
    if (reduction === 'none') return { flops: 0, note: 'plain scatter: a copy' };
    return { flops: dims.mul(1, inNumel(n, updatesInput)), note: `reduction ${reduction}: 1 per update element` };
  };
}

export const scatterElements = defineOp({
  opType: 'ScatterElements',
  since: 11,
  shape: (n) => [sameAs(n)],
  cost: scatterCost(2),
  examples: [
    { inputs: [[3, 3], { dtype: 'INT64', shape: [2, 3] }, [2, 3]], expect: { shapes: [[3, 3]], flops: 0 } },
    { title: 'reduction add', opset: 18, inputs: [[3, 3], { dtype: 'INT64', shape: [2, 3] }, [2, 3]], attrs: { reduction: 'add' }, expect: { shapes: [[3, 3]], flops: 6 } },
  ],
  notes: 'Output: shape and dtype of data. Cost: 0 without reduction (a copy); with reduction add/mul/max/min, 1 FLOP per element of updates.',
});

export const scatterND = defineOp({
  opType: 'ScatterND',
  since: 11,
  shape: (n) => [sameAs(n)],
  cost: scatterCost(2),
  examples: [
    { inputs: [[4, 4, 4], { dtype: 'INT64', shape: [2, 1] }, [2, 4, 4]], expect: { shapes: [[4, 4, 4]], flops: 0 } },
    { title: 'reduction mul', opset: 18, inputs: [[4, 4, 4], { dtype: 'INT64', shape: [2, 1] }, [2, 4, 4]], attrs: { reduction: 'mul' }, expect: { shapes: [[4, 4, 4]], flops: 32 } },
  ],
  notes: 'Output: shape and dtype of data. Cost: 0 without reduction (a copy); with reduction add/mul/max/min, 1 FLOP per element of updates.',
});

export const scatter = defineOp({
  opType: 'Scatter',
  since: 9,
  shape: (n) => [sameAs(n)],
  cost: 'free',
  examples: [{ opset: 10, inputs: [[3, 3], { dtype: 'INT64', shape: [2, 3] }, [2, 3]], expect: { shapes: [[3, 3]], flops: 0 } }],
  notes: 'Deprecated alias of ScatterElements without reduction (removed at opset 11). Free: a copy.',
});

/** Gathers and scatters driven by index tensors (TensorScatter is in tensor-scatter.ts, index-nn). */
export const gatherScatterOps: OpDefinition[] = [gatherElements, gatherND, scatterElements, scatterND, scatter];
