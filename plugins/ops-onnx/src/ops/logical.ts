/**
 * Logical ops of ai.onnx on BOOL tensors: And, Or, Xor (broadcasting) and Not. Output BOOL. Cost:
 * 1 FLOP (one logical operation) per output element. Standard examples as in elementwise-binary.ts:
 * [2,1,4] ⊕ [3,1] → [2,3,4] = 24; Not on [2,3] = 6.
 */
import type { OpDefinition } from '@autodoc/core';
import { defineElementwise, type ElementwiseSpec } from './elementwise-factory.js';

const rows: readonly ElementwiseSpec[] = [
  { opType: 'And', since: 1, arity: 'binary', flops: 1, bool: true, count: 'one logical and', exampleFlops: 24 },
  { opType: 'Or', since: 1, arity: 'binary', flops: 1, bool: true, count: 'one logical or', exampleFlops: 24 },
  { opType: 'Xor', since: 1, arity: 'binary', flops: 1, bool: true, count: 'one logical xor', exampleFlops: 24 },
  { opType: 'Not', since: 1, arity: 'unary', flops: 1, bool: true, count: 'one logical not', exampleFlops: 6 },
];

/** And, Or, Xor, Not. */
export const logicalOps: OpDefinition[] = rows.map(defineElementwise);
