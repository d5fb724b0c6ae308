/**
 * Contents of elementwise integer arithmetic on small shape tensors (Add/Sub/Mul/Div/Mod/Equal/
 * Where/Max/Min …), for the elementwise shape rules to fill `value` when every input's contents are
 * known: `Shape → Gather → Mul(batch, heads) → Concat → Reshape`.
 */
import type { Dim, TensorArg } from '@autodoc/core';
import { broadcastValues, elementFunction } from './elementwise-value.js';

/** The operands propagateIntArith reads: a shape and known contents (TensorArg fits). */
export type ValueArg = Pick<TensorArg, 'dims' | 'value'>;

/**
 * Elementwise result contents of `opType` over the operands (two for binary ops, three for Where,
 * one for Neg/Abs/Not), with numpy broadcasting; symbolic elements follow exact Dim arithmetic.
 * Undefined when an operand's contents or concrete shape are unknown, when an element cannot be
 * told exactly (Div by a symbol, a comparison of unrelated symbols), or for an op it does not know.
 *
 * @param opType ONNX op type, e.g. 'Add', 'Equal', 'Where'.
 * @param a first operand
 * @param b second operand (absent for unary ops)
 * @param rest further operands (Where's third, Max/Min/Sum beyond two)
 */
export function propagateIntArith(opType: string, a: ValueArg, b?: ValueArg, ...rest: ValueArg[]): Dim[] | undefined {
  const fn = elementFunction(opType);
  if (!fn) return undefined;
  const operands = b === undefined ? [a] : [a, b, ...rest];
  return broadcastValues(operands, fn);
}
