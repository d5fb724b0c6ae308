import { type Dim, type DTypeName, type InferredType, type OpNode, AutodocError, dims } from '@autodoc/core';

/** A tensor output type; `shape` undefined means the rank is unknown (never guessed). */
export function tensorOut(dtype: DTypeName | undefined, shape: readonly Dim[] | undefined): InferredType {
  return { kind: 'tensor', dtype, shape };
}

/** The dims of input i, or undefined when the input is absent or its shape unknown. */
export function dimsOf(n: OpNode, i: number): readonly Dim[] | undefined {
  return n.input(i)?.dims;
}

/** True when input i is given (not absent and not the empty name). */
export function has(n: OpNode, i: number): boolean {
  return n.input(i) !== undefined;
}

/** A required integer attribute; a node without it cannot run, so this is the model's error. */
export function requiredInt(n: OpNode, name: string): number {
  const v = n.attrInt(name);
  if (v === undefined) {
    throw new AutodocError('OP_ATTRIBUTE_MISSING', `${n.opType} "${n.name}": required attribute "${name}" is missing.`, 'The node is invalid; ONNX Runtime rejects it when the session is created.');
  }
  return v;
}

/** Throws SHAPE_MISMATCH when two dims are known numbers that differ (symbols are taken on trust). */
export function expectSame(n: OpNode, a: Dim, b: Dim, what: string): void {
  if (typeof a === 'number' && typeof b === 'number' && a !== b) {
    throw new AutodocError('SHAPE_MISMATCH', `${n.opType} "${n.name}": ${what} (${a} vs ${b}).`, 'The inputs of this node have incompatible shapes; the model will fail at run time.');
  }
}

/** Exact division a / b; throws SHAPE_MISMATCH when both are numbers and b does not divide a. */
export function exactDiv(n: OpNode, a: Dim, b: number, what: string): Dim {
  if (b <= 0 || (typeof a === 'number' && a % b !== 0)) {
    throw new AutodocError('SHAPE_MISMATCH', `${n.opType} "${n.name}": ${what} (${dims.format(a)} is not divisible by ${b}).`, 'The node is invalid; the model will fail at run time.');
  }
  return dims.floorDiv(a, b);
}

/**
 * The shape a cost rule needs. A cost rule runs after shapes, so an unknown shape here means the
 * cost cannot be told: it throws COST_SHAPE_UNKNOWN rather than returning a silent zero.
 */
export function need<T>(n: OpNode, value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new AutodocError('COST_SHAPE_UNKNOWN', `${n.opType} "${n.name}": the cost needs ${what}, which is unknown.`, 'Bind the missing dimensions with --dim, or check the shapes section for the value that could not be inferred.');
  }
  return value;
}

/** A sum of Dims, for readability at call sites. */
export function total(...parts: Dim[]): Dim {
  return dims.sum(parts);
}

/** A product of Dims, for readability at call sites. */
export function times(...parts: Dim[]): Dim {
  return dims.product(parts);
}

/** The first element of a known small integer tensor (scalars such as total_sequence_length). */
export function scalarValue(n: OpNode, i: number): Dim | undefined {
  const v = n.input(i)?.value;
  return v !== undefined && v.length >= 1 ? v[0] : undefined;
}
