/**
 * Optimizer ops of ai.onnx.preview.training (opset 1): Adagrad, Momentum, Adam. Each updates n
 * tensors; the inputs are R, T, then n tensors per role, and each output has the type of the input it
 * updates. Cost per element of the optimized tensors X (from each op's formula in the spec), plus the
 * scalar learning-rate arithmetic where there is some.
 */
import { defineOp, dims, type Dim, type InferredType, type OpDefinition, type OpNode } from '@autodoc/core';
import { inNumel, sameAs } from './general-common.js';

const DOMAIN = 'ai.onnx.preview.training';

/** Output types: for each role r in `outRoles` (index among the input roles), the n inputs of that role. */
function optimizerShapes(n: OpNode, roles: number, outRoles: readonly number[]): (InferredType | undefined)[] {
  const count = Math.floor((n.inputCount - 2) / roles);
  return outRoles.flatMap((r) => Array.from({ length: count }, (_, i) => sameAs(n, 2 + r * count + i)));
}

/** Total elements of the n optimized tensors X (inputs 2 … 2 + n − 1). */
function optimizedElements(n: OpNode, roles: number): Dim {
  const count = Math.floor((n.inputCount - 2) / roles);
  return dims.sum(Array.from({ length: count }, (_, i) => inNumel(n, 2 + i)));
}

export const adagrad = defineOp({
  domain: DOMAIN,
  opType: 'Adagrad',
  since: 1,
  shape: (n) => optimizerShapes(n, 3, [0, 2]),
  cost: (n) => ({ flops: dims.add(dims.mul(9, optimizedElements(n, 3)), 3) }),
  // One tensor of 2 elements: 9·2 + 3 = 21.
  examples: [{ inputs: [[], [], [2], [2], [2]], expect: { shapes: [[2], [2]], flops: 21 } }],
  notes: 'Outputs X_new…, H_new…. Cost: 9 per element (G_reg = c·X + G: 2; H += G_reg²: 2; sqrt(H) + eps: 2; X −= r·G_reg / that: 3) + 3 scalar ops for r = R / (1 + T·decay).',
});

export const momentum = defineOp({
  domain: DOMAIN,
  opType: 'Momentum',
  since: 1,
  shape: (n) => optimizerShapes(n, 3, [0, 2]),
  cost: (n) => {
    const nesterov = n.attrString('mode', 'standard') === 'nesterov';
    return { flops: dims.mul(nesterov ? 9 : 7, optimizedElements(n, 3)) };
  },
  examples: [
    // standard, 2 tensors of 2 and 3 elements: 7·5 = 35.
    { inputs: [[], [], [2], [3], [2], [3], [2], [3]], attrs: { mode: 'standard' }, expect: { shapes: [[2], [3], [2], [3]], flops: 35 } },
    { inputs: [[], [], [2], [2], [2]], attrs: { mode: 'nesterov' }, expect: { shapes: [[2], [2]], flops: 18 } },
  ],
  notes: 'Outputs X_new…, V_new…. Cost per element: G_reg = c·X + G (2), V = α·V + β·G_reg (3), then X −= R·V (2) = 7 (standard) or X −= R·(G_reg + α·V) (4) = 9 (nesterov).',
});

export const adam = defineOp({
  domain: DOMAIN,
  opType: 'Adam',
  since: 1,
  shape: (n) => optimizerShapes(n, 4, [0, 2, 3]),
  cost: (n) => ({ flops: dims.add(dims.mul(15, optimizedElements(n, 4)), 10) }),
  // One tensor of 2 elements: 15·2 + 10 = 40.
  examples: [{ inputs: [[], [], [2], [2], [2], [2]], expect: { shapes: [[2], [2], [2]], flops: 40 } }],
  notes: 'Outputs X_new…, V_new…, H_new…. Cost: 15 per element (G_reg: 2; V = α·V + (1−α)·G_reg: 3; H = β·H + (1−β)·G_reg²: 4; sqrt(H) + eps: 2; X −= R_adj·V/that: 3; ×(1 − post norm coefficient): 1) + 10 scalar ops (r: 3; R_adj = r·sqrt(1−β^T)/(1−α^T): 7).',
});

/** Training optimizers. */
export const trainingOps: OpDefinition[] = [adagrad, momentum, adam];
