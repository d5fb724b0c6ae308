/**
 * Where(condition, X, Y): multidirectional broadcast of the three shapes, dtype of X; contents are
 * followed when all three are known small integer (or tiny float) tensors (masks in shape arithmetic).
 */
import { defineOp, type OpDefinition, broadcastShapes } from '@autodoc/core';
import { elementwiseValue } from '../util/elementwise-value.js';
import { tensorOut } from './general-common.js';

export const where = defineOp({
  opType: 'Where',
  since: 9,
  shape: (n) => {
    const args = [n.input(0), n.input(1), n.input(2)];
    const shape = broadcastShapes(args.map((a) => a?.dims));
    const dtype = args[1]?.dtype ?? args[2]?.dtype;
    const value = args.every((a) => a?.value !== undefined) ? elementwiseValue('Where', args.map((a) => ({ dims: a!.dims, value: a!.value, dtype: a!.dtype }))) : undefined;
    return [tensorOut(dtype, shape, value)];
  },
  cost: 'free',
  examples: [
    // [2,1,4] / [3,1] / [] → [2,3,4].
    { inputs: [{ dtype: 'BOOL', shape: [2, 1, 4] }, [3, 1], []], expect: { shapes: [[2, 3, 4]], flops: 0 } },
  ],
  notes: 'Broadcast of condition, X and Y; dtype of X. Free: an elementwise select, no arithmetic (0 FLOPs, deliberately).',
});

/** Where. */
export const whereOps: OpDefinition[] = [where];
