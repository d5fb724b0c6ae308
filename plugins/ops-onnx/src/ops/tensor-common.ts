/**
 * Helpers shared by the shape-arithmetic families (Shape, Reshape, Slice, Gather, Concat, …): output
 * types, named unknown dims, integer lists from attributes or inputs, and contents bookkeeping.
 */
import { AutodocError, dims, type Dim, type InferredType, MAX_RANK, type OpNode, type TensorArg, type ValueType } from '@autodoc/core';

/**
 * Largest tensor whose contents these rules materialise (Range, ConstantOfShape, Tile, …). Shape
 * tensors are tiny; anything larger stays "contents unknown" so a 1M-element Range is never built.
 */
export const MAX_FOLD_ELEMENTS = 65_536;

/** A tensor output type, with known contents when given. */
export function tensorOut(dtype: string | undefined, shape: readonly Dim[] | undefined, value?: readonly Dim[]): InferredType {
  return value === undefined ? { kind: 'tensor', dtype, shape } : { kind: 'tensor', dtype, shape, value };
}

/**
 * A dim the rule cannot tell (data dependent, or an operand's contents are unknown): a symbol named
 * after the output and axis, so it is stable, unique per graph (value names are SSA) and never a
 * guessed number.
 */
export function unknownDim(n: OpNode, output: number, axis: number): Dim {
  const base = n.output(output).name || `${n.name}_out${output}`;
  return dims.sym(`${base}_dim${axis}`);
}

/**
 * `len` as a rank when it is a plausible one (an integer in [0, MAX_RANK]), else undefined: a hostile
 * shape input may declare a length of 2^40, which must give "rank unknown", not 2^40 symbols.
 */
export function rankFromLength(len: Dim | undefined): number | undefined {
  return typeof len === 'number' && Number.isInteger(len) && len >= 0 && len <= MAX_RANK ? len : undefined;
}

/** `rank` unknown dims for output `output`; undefined (rank unknown) past {@link MAX_RANK}. */
export function unknownDims(n: OpNode, output: number, rank: number): Dim[] | undefined {
  if (rankFromLength(rank) === undefined) return undefined;
  return Array.from({ length: rank }, (_, k) => unknownDim(n, output, k));
}

/** Contents of an argument when every element is a plain integer. */
export function intsOf(arg: TensorArg | undefined): number[] | undefined {
  const v = arg?.value;
  if (!v) return undefined;
  for (const d of v) if (typeof d !== 'number' || !Number.isFinite(d)) return undefined;
  return v as number[];
}

/** The one element of a scalar or one-element argument (possibly symbolic). */
export function scalarOf(arg: TensorArg | undefined): Dim | undefined {
  const v = arg?.value;
  return v && v.length === 1 ? v[0] : undefined;
}

/**
 * An integer list given by an attribute before opset `inputSince` and by input `inputIndex` from it
 * (Squeeze axes, Slice starts, Pad pads …). `absent` = neither given; `unknown` = given as an input
 * whose contents are not known.
 */
export function intListArg(n: OpNode, attrName: string, inputIndex: number, inputSince: number): readonly number[] | 'absent' | 'unknown' {
  if (n.opset < inputSince) return n.attrInts(attrName) ?? 'absent';
  const arg = n.input(inputIndex);
  if (!arg) return 'absent';
  return intsOf(arg) ?? 'unknown';
}

/** Contents of `arg` when they are known and small enough to carry on. */
export function foldable(values: readonly Dim[] | undefined): readonly Dim[] | undefined {
  return values && values.length <= MAX_FOLD_ELEMENTS ? values : undefined;
}

/** Dims that are all plain numbers (needed to index contents). */
export function concrete(shape: readonly Dim[] | undefined): number[] | undefined {
  if (!shape) return undefined;
  for (const d of shape) if (typeof d !== 'number') return undefined;
  return shape as number[];
}

/** Product of concrete dims. */
export function productOf(shape: readonly number[]): number {
  let p = 1;
  for (const d of shape) p *= d;
  return p;
}

/** True for a tensor type (or an unknown type, which might be one). */
export function isTensorLike(t: ValueType | undefined): boolean {
  return t === undefined || t.kind === 'tensor' || t.kind === 'sparse_tensor';
}

/**
 * True when `d` cannot be negative, assuming every symbol is a dimension (≥ 0): a non-negative number,
 * or a polynomial with positive coefficients over symbols, floors and min/max of such.
 */
export function knownNonNegative(d: Dim): boolean {
  if (typeof d === 'number') return d >= 0;
  for (const t of d.terms) {
    if (t.coeff < 0n) return false;
    for (const f of t.mono.factors) {
      const a = f.atom;
      if (a.kind === 'floor') {
        if (!knownNonNegative(a.num) || !knownNonNegative(a.den)) return false;
      } else if (a.kind !== 'sym' && !a.args.every(knownNonNegative)) return false;
    }
  }
  return true;
}

/** max(0, d), without the wrapper when `d` is known non-negative. */
export function clampNonNegative(d: Dim): Dim {
  if (typeof d === 'number') return d < 0 ? 0 : d;
  return knownNonNegative(d) ? d : dims.max(0, d);
}

/** Thrown when a node's operands contradict each other (the model would fail at run time). */
export function invalid(n: OpNode, why: string): AutodocError {
  return new AutodocError(
    'SHAPE_MISMATCH',
    `${n.opType} "${n.name}": ${why}`,
    'The node cannot run with these operands; the model will fail at run time. Check the exporter.',
  );
}

/** Known contents of input `i` reinterpreted under a new shape (Reshape, Squeeze, Identity …). */
export function passValue(arg: TensorArg | undefined): readonly Dim[] | undefined {
  return foldable(arg?.value);
}

/**
 * Contents of a TENSOR attribute (Constant `value`, ConstantOfShape `value`) when the shapes engine
 * pre-read them: rules are synchronous and tensor payloads are read asynchronously, so the engine
 * reads small integer tensors and tiny float scalars before its walk and attaches them to the
 * attribute's tensor as `values`. Undefined when not read (float weights never are).
 */
export function attrTensorValues(n: OpNode, name: string): readonly Dim[] | undefined {
  const t = n.attribute(name)?.t as { values?: readonly Dim[] } | undefined;
  return t?.values;
}

/**
 * A ValueType as a rule result. `InferredType` adds `value?: Dim[]`, which collides with the map
 * type's own `value` field, so TypeScript needs the cast for sequence/optional/map types.
 */
export function asInferred(t: ValueType): InferredType {
  return t as InferredType;
}
