/**
 * Small helpers shared by the general operator families (elementwise, reductions, selection, …): building
 * output types, reading constant integer inputs, naming data-dependent dims, and per-element cost rules.
 */
import { AutodocError, dims, type Dim, type InferredType, type OpCost, type OpNode, type TensorArg } from '@autodoc/core';

/** A tensor output type, with known contents when given. */
export function tensorOut(dtype: string | undefined, shape: readonly Dim[] | undefined, value?: readonly Dim[]): InferredType {
  return value === undefined ? { kind: 'tensor', dtype, shape } : { kind: 'tensor', dtype, shape, value };
}

/** The tensor type of input `i` (dtype and shape, contents dropped), or unknown when absent. */
export function sameAs(n: OpNode, i = 0, dtype?: string): InferredType | undefined {
  const a = n.input(i);
  if (!a) return undefined;
  if (a.type && a.type.kind !== 'tensor' && a.type.kind !== 'sparse_tensor') return a.type as InferredType;
  return tensorOut(dtype ?? a.dtype, a.dims);
}

/**
 * A data-dependent dimension (NonZero's count, Unique's length, …): a symbol named after the output,
 * so it is stable, unique per graph (value names are SSA) and never a guessed number. The shapes
 * engine may rename it to a fresh `unk__N`.
 */
export function dataDependentDim(n: OpNode, output: number, axis: number): Dim {
  const base = n.output(output).name || `${n.name}_out${output}`;
  return dims.sym(`${base}_dim${axis}`);
}

/** Known integer contents of an input when every element is a plain number. */
export function constInts(arg: TensorArg | undefined): number[] | undefined {
  const v = arg?.value;
  if (!v || v.some((d) => typeof d !== 'number')) return undefined;
  return v as number[];
}

/** The single known element of a scalar or one-element input (may be symbolic). */
export function scalarValue(arg: TensorArg | undefined): Dim | undefined {
  const v = arg?.value;
  return v && v.length === 1 ? v[0] : undefined;
}

/**
 * Elements of output `i` for a cost rule. A cost needs the shape; when it is unknown the rule throws
 * COST_SHAPE_UNKNOWN so the cost pass can list the node as uncounted instead of counting 0.
 */
export function outNumel(n: OpNode, i = 0): Dim {
  const e = n.output(i).numel;
  if (e === undefined) throw shapeUnknown(n, `output ${i}`);
  return e;
}

/** Elements of input `i` for a cost rule (see {@link outNumel}). */
export function inNumel(n: OpNode, i = 0): Dim {
  const e = n.input(i)?.numel;
  if (e === undefined) throw shapeUnknown(n, `input ${i}`);
  return e;
}

/** The error a cost rule throws when a shape it needs is unknown (the cost pass lists the node as uncounted). */
export function shapeUnknown(n: OpNode, what: string): AutodocError {
  return new AutodocError('COST_SHAPE_UNKNOWN', `${n.opType} "${n.name}": the shape of ${what} is unknown, so its cost cannot be counted.`, 'Bind the symbolic dims (--dim) or declare the input shapes; the node is listed as uncounted.');
}

/** Cost rule: `k` FLOPs per element of output 0. */
export function perOutputElement(k: number): (n: OpNode) => OpCost {
  return (n) => ({ flops: dims.mul(k, outNumel(n)) });
}

/** Cost rule: `k` FLOPs per element of input `i`. */
export function perInputElement(k: number, i = 0): (n: OpNode) => OpCost {
  return (n) => ({ flops: dims.mul(k, inNumel(n, i)) });
}

/** The DTypes whose contents value propagation follows (shape arithmetic lives in integers). */
export const INTEGER_DTYPES: ReadonlySet<string> = new Set(['INT64', 'INT32', 'INT16', 'INT8', 'UINT64', 'UINT32', 'UINT16', 'UINT8', 'BOOL']);

/** TensorProto.DataType names by enum number (for `dtype`/`to`/`output_dtype` attributes). */
const DTYPE_NAMES = ['UNDEFINED', 'FLOAT', 'UINT8', 'INT8', 'UINT16', 'INT16', 'INT32', 'INT64', 'STRING', 'BOOL', 'FLOAT16', 'DOUBLE', 'UINT32', 'UINT64', 'COMPLEX64', 'COMPLEX128', 'BFLOAT16', 'FLOAT8E4M3FN', 'FLOAT8E4M3FNUZ', 'FLOAT8E5M2', 'FLOAT8E5M2FNUZ', 'UINT4', 'INT4', 'FLOAT4E2M1', 'FLOAT8E8M0', 'UINT2', 'INT2'];

/** The dtype name of a TensorProto.DataType number. */
export function dtypeName(code: number): string {
  return DTYPE_NAMES[code] ?? `DTYPE_${code}`;
}

/** The dtype named by an integer attribute (`dtype`, `to`, `output_dtype`), or undefined when absent or 0. */
export function dtypeAttr(n: OpNode, name: string): string | undefined {
  const code = n.attrInt(name);
  if (code === undefined || code === 0) return undefined;
  return dtypeName(code);
}
