/**
 * Small helpers shared by the neural-network operator families (conv, pool, matmul, norms, RNNs, …):
 * output types, reading known input contents, the errors a malformed node raises, and the element
 * counts cost rules need.
 */
import { AutodocError, dims, type Dim, type InferredType, type OpNode, type TensorArg } from '@autodoc/core';

/** A tensor output type; `shape` undefined = rank unknown. */
export function tensorOut(dtype: string | undefined, shape: readonly Dim[] | undefined): InferredType {
  return { kind: 'tensor', dtype, shape };
}

/** Output of the same dtype and shape as input `i` (unknown when the input is absent). */
export function likeInput(n: OpNode, i = 0): InferredType | undefined {
  const a = n.input(i);
  return a ? tensorOut(a.dtype, a.dims) : undefined;
}

/** The error a node that can never run raises (attribute values or input shapes that contradict the spec). */
export function invalidNode(n: OpNode, why: string): AutodocError {
  return new AutodocError('SHAPE_MISMATCH', `${n.opType} "${n.name}": ${why}`, 'The node violates the ONNX operator specification; the model will fail at run time.');
}

/** The error for a required attribute that is absent (or out of range, `why` says how). */
export function missingAttribute(n: OpNode, name: string, why = 'is required'): AutodocError {
  return new AutodocError('OP_ATTRIBUTE_MISSING', `${n.opType} "${n.name}": attribute ${name} ${why}.`, 'The runtime would reject the node; add the attribute.');
}

/** Known contents of an input when every element is a plain number (integers or floats). */
export function constNumbers(arg: TensorArg | undefined): number[] | undefined {
  const v = arg?.value;
  if (!v || v.some((d) => typeof d !== 'number')) return undefined;
  return v as number[];
}

/** Known contents of an input, symbolic elements allowed. */
export function constDims(arg: TensorArg | undefined): readonly Dim[] | undefined {
  return arg?.value;
}

/**
 * A dimension whose value depends on data the analysis does not have (a shape input whose contents are
 * unknown, a rounding of a symbolic dim): a symbol named after the output, stable and unique per graph,
 * never a guessed number. The shapes engine may rename it to a fresh `unk__N`.
 */
export function unknownDim(n: OpNode, output: number, axis: number): Dim {
  const base = n.output(output).name || `${n.name}_out${output}`;
  return dims.sym(`${base}_dim${axis}`);
}

/** Dims of input `i`, required by a cost rule (throws COST_SHAPE_UNKNOWN when unknown). */
export function inDims(n: OpNode, i: number): readonly Dim[] {
  const d = n.input(i)?.dims;
  if (d === undefined) throw shapeUnknown(n, `input ${i}`);
  return d;
}

/** Dims of output `i`, required by a cost rule. */
export function outDims(n: OpNode, i = 0): readonly Dim[] {
  const d = n.output(i).dims;
  if (d === undefined) throw shapeUnknown(n, `output ${i}`);
  return d;
}

/** Elements of output `i`, required by a cost rule. */
export function outNumel(n: OpNode, i = 0): Dim {
  return dims.numel(outDims(n, i));
}

/** Elements of input `i`, required by a cost rule. */
export function inNumel(n: OpNode, i: number): Dim {
  return dims.numel(inDims(n, i));
}

/** Elements of input `i`, or 0 when the input is absent (optional operands such as a bias). */
export function optionalNumel(n: OpNode, i: number): Dim {
  return n.input(i) ? inNumel(n, i) : 0;
}

function shapeUnknown(n: OpNode, what: string): AutodocError {
  return new AutodocError('COST_SHAPE_UNKNOWN', `${n.opType} "${n.name}": the shape of ${what} is unknown, so its cost cannot be counted.`, 'Bind the symbolic dims (--dim) or declare the input shapes; the node is listed as uncounted.');
}

/** A cost that depends on tensor contents (RoI sizes, adaptive sampling) and so cannot be counted. */
export function costDataDependent(n: OpNode, why: string): AutodocError {
  return new AutodocError('COST_DATA_DEPENDENT', `${n.opType} "${n.name}": ${why}`, 'The node is listed as uncounted; its cost depends on tensor contents.');
}

/** Product of Dims: `mulAll(a, b, c)` = a·b·c. */
export function mulAll(...ds: readonly Dim[]): Dim {
  return dims.product(ds);
}

/** Integer attribute list, or `fallback` when absent. */
export function intsOr(n: OpNode, name: string, fallback: readonly number[]): readonly number[] {
  return n.attrInts(name) ?? fallback;
}
