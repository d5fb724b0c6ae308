/**
 * Sequence and Optional ops. A sequence's type carries one element type for all its elements, so
 * elements of different shapes merge to "rank unknown" (a guessed dim would be wrong for some
 * element); SplitToSequence, whose parts share every dim but the split axis, keeps the rank with a
 * named unknown on that axis. SequenceEmpty's sequence is marked `empty` (no element yet), so the
 * first insert gives the inserted tensor's type; every other op's sequence claims nothing about its
 * length, and an unknown element type merges to an unknown shape. Data movement only: every op is
 * free, except SequenceMap whose cost is its body run once per element — the element count is not
 * known statically, so it has no cost rule and is reported as uncounted.
 */
import { AutodocError, defineOp, dims, type Dim, type InferredType, type OpDefinition, type OpNode, type ValueType } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { constInts, dataDependentDim, dtypeAttr, scalarValue, tensorOut } from './general-common.js';

const seqOf = (elem: ValueType | undefined): InferredType => ({ kind: 'sequence', elem });

/** The element type of a sequence input, undefined when unknown or not a sequence. */
function elemOf(n: OpNode, i: number): ValueType | undefined {
  const t = n.input(i)?.type;
  return t?.kind === 'sequence' ? t.elem : undefined;
}

/** A tensor type without contents (sequence elements carry no values). */
function plain(t: ValueType | undefined): ValueType | undefined {
  if (!t || (t.kind !== 'tensor' && t.kind !== 'sparse_tensor')) return t;
  return { kind: t.kind, dtype: t.dtype, shape: t.shape };
}

/** Merges two element types: same dtype; shape kept when equal, else rank unknown (also when one is unknown). */
export function mergeElem(a: ValueType | undefined, b: ValueType | undefined): ValueType | undefined {
  if (!a || !b) {
    // Nothing known of one side's elements: only the dtype (a sequence holds one) is known.
    const known = a ?? b;
    return known?.kind === 'tensor' ? { kind: 'tensor', dtype: known.dtype, shape: undefined } : undefined;
  }
  if (a.kind !== 'tensor' || b.kind !== 'tensor') return a.kind === b.kind ? a : undefined;
  const same = a.shape && b.shape && a.shape.length === b.shape.length && a.shape.every((d, i) => dims.equal(d, b.shape![i]));
  return { kind: 'tensor', dtype: a.dtype ?? b.dtype, shape: same ? a.shape : undefined };
}

const free = 'free' as const;
const freeNote = 'Free: sequence bookkeeping, no arithmetic.';

export const sequenceEmpty = defineOp({
  opType: 'SequenceEmpty',
  since: 11,
  shape: (n) => [{ kind: 'sequence', elem: { kind: 'tensor', dtype: dtypeAttr(n, 'dtype') ?? 'FLOAT', shape: undefined }, empty: true }],
  cost: free,
  examples: [{ inputs: [], attrs: { dtype: 7 }, expect: { shapes: [null], flops: 0 } }],
  notes: `An empty sequence of tensors of dtype (default FLOAT), marked empty: the first insert gives the element type. ${freeNote}`,
});

export const sequenceConstruct = defineOp({
  opType: 'SequenceConstruct',
  since: 11,
  shape: (n) => {
    let elem: ValueType | undefined;
    for (let i = 0; i < n.inputCount; i++) elem = i === 0 ? plain(n.input(i)?.type) : mergeElem(elem, n.input(i)?.type);
    return [seqOf(elem)];
  },
  cost: free,
  examples: [{ inputs: [[2, 3], [2, 3]], expect: { shapes: [null], flops: 0 } }],
  notes: `A sequence of the inputs; the element type is their merge (shape kept when all agree). ${freeNote}`,
});

/**
 * The element type after inserting `t` into a sequence known to be empty: the tensor's type, its dtype
 * filled from the sequence's. A dtype clash (a malformed model) merges as for a non-empty sequence.
 */
function intoEmpty(elem: ValueType | undefined, t: ValueType | undefined): ValueType | undefined {
  if (t?.kind !== 'tensor' || (elem && elem.kind !== 'tensor')) return mergeElem(elem, t);
  const dtype = elem?.dtype;
  if (dtype !== undefined && t.dtype !== undefined && t.dtype !== dtype) return mergeElem(elem, t);
  return { kind: 'tensor', dtype: t.dtype ?? dtype, shape: t.shape };
}

export const sequenceInsert = defineOp({
  opType: 'SequenceInsert',
  since: 11,
  shape: (n) => {
    const s = n.input(0)?.type;
    const t = n.input(1)?.type;
    return [seqOf(s?.kind === 'sequence' && s.empty ? intoEmpty(s.elem, t) : mergeElem(elemOf(n, 0), t))];
  },
  cost: free,
  examples: [{ inputs: [null, [3]], expect: { shapes: [null], flops: 0 } }],
  notes: `The element type merges the sequence's with the inserted tensor's; into an empty sequence it is the tensor's. ${freeNote}`,
});

export const sequenceAt = defineOp({
  opType: 'SequenceAt',
  since: 11,
  shape: (n) => [plain(elemOf(n, 0)) as InferredType | undefined],
  cost: free,
  examples: [{ title: 'sequence type unknown', inputs: [null, { shape: [], value: [0] }], expect: { shapes: [null], flops: 0 } }],
  notes: `The element type of the sequence. ${freeNote}`,
});

export const sequenceErase = defineOp({
  opType: 'SequenceErase',
  since: 11,
  shape: (n) => [seqOf(plain(elemOf(n, 0)))],
  cost: free,
  examples: [{ inputs: [null], expect: { shapes: [null], flops: 0 } }],
  notes: `Same type as the input sequence. ${freeNote}`,
});

export const sequenceLength = defineOp({
  opType: 'SequenceLength',
  since: 11,
  shape: () => [tensorOut('INT64', [])],
  cost: free,
  examples: [{ inputs: [null], expect: { shapes: [[]], flops: 0 } }],
  notes: `INT64 scalar. ${freeNote}`,
});

/**
 * SplitToSequence element type: equal parts when the split is known and even; otherwise the split
 * axis is a named unknown (the parts differ or are data) and every other dim is the input's.
 */
function splitToSequenceElem(n: OpNode): ValueType | undefined {
  const x = n.input(0);
  if (!x?.dims) return tensorOut(x?.dtype, undefined);
  const axis = normalizeAxis(n.attrInt('axis', 0), x.dims.length, n.opType);
  const split = n.input(1);
  if (!split) {
    // No split: every element has size 1 along axis, dropped when keepdims = 0.
    const keep = n.attrInt('keepdims', 1) === 1;
    return tensorOut(x.dtype, keep ? x.dims.map((d, i) => (i === axis ? 1 : d)) : x.dims.filter((_, i) => i !== axis));
  }
  let part: Dim | undefined;
  if (split.rank === 0) {
    const s = scalarValue(split);
    const d = x.dims[axis];
    // A scalar split gives equal parts, except a shorter last one unless it divides the dim.
    if (s !== undefined && typeof s === 'number' && typeof d === 'number' && d % s === 0) part = s;
  } else {
    const sizes = constInts(split);
    if (sizes && sizes.length > 0 && sizes.every((v) => v === sizes[0])) part = sizes[0];
  }
  const along = part ?? dataDependentDim(n, 0, axis);
  return tensorOut(x.dtype, x.dims.map((d, i) => (i === axis ? along : d)));
}

export const splitToSequence = defineOp({
  opType: 'SplitToSequence',
  since: 11,
  shape: (n) => [seqOf(splitToSequenceElem(n))],
  cost: free,
  examples: [{ inputs: [[3, 6], { shape: [], value: [2] }], attrs: { axis: 1 }, expect: { shapes: [null], flops: 0 } }],
  notes: `Elements have the split size along axis when every part is the same size, else a named unknown there; other dims are the input's. ${freeNote}`,
});

export const concatFromSequence = defineOp({
  opType: 'ConcatFromSequence',
  since: 11,
  shape: (n) => {
    const elem = elemOf(n, 0);
    const t = elem?.kind === 'tensor' ? elem : undefined;
    if (!t?.shape) return [tensorOut(t?.dtype, undefined)];
    const newAxis = n.attrInt('new_axis', 0) === 1;
    const rank = t.shape.length + (newAxis ? 1 : 0);
    const axisAttr = n.attrInt('axis');
    if (axisAttr === undefined) throw new AutodocError('OP_ATTRIBUTE_MISSING', 'ConcatFromSequence: the required attribute axis is missing.', 'Add the axis attribute.');
    const axis = normalizeAxis(axisAttr, rank, n.opType);
    // The number of elements is not known statically: the concatenated dim is data dependent.
    const total = dataDependentDim(n, 0, axis);
    const shape = newAxis ? [...t.shape.slice(0, axis), total, ...t.shape.slice(axis)] : t.shape.map((d, i) => (i === axis ? total : d));
    return [tensorOut(t.dtype, shape)];
  },
  cost: free,
  examples: [{ inputs: [null], attrs: { axis: 0 }, expect: { shapes: [null], flops: 0 } }],
  notes: `Concatenation (or stacking with new_axis = 1) of the elements; the concatenated dim is data dependent (the element count is not static). ${freeNote}`,
});

export const optional = defineOp({
  opType: 'Optional',
  since: 15,
  shape: (n) => [{ kind: 'optional', elem: plain(n.input(0)?.type) }],
  cost: free,
  examples: [{ inputs: [[2, 3]], expect: { shapes: [null], flops: 0 } }],
  notes: `An optional wrapping the input (or empty, typed by the type attribute). ${freeNote}`,
});

export const optionalHasElement = defineOp({
  opType: 'OptionalHasElement',
  since: 15,
  shape: () => [tensorOut('BOOL', [])],
  cost: free,
  examples: [{ inputs: [null], expect: { shapes: [[]], flops: 0 } }],
  notes: `BOOL scalar. ${freeNote}`,
});

export const optionalGetElement = defineOp({
  opType: 'OptionalGetElement',
  since: 15,
  shape: (n) => {
    const t = n.input(0)?.type;
    // Since 18 a plain tensor or sequence passes through unchanged.
    return [t?.kind === 'optional' ? (plain(t.elem) as InferredType | undefined) : (plain(t) as InferredType | undefined)];
  },
  cost: free,
  examples: [{ inputs: [[4]], opset: 18, expect: { shapes: [[4]], flops: 0 } }],
  notes: `The optional's element type (a tensor or sequence input passes through, ≥ 18). ${freeNote}`,
});

export const sequenceMap = defineOp({
  opType: 'SequenceMap',
  since: 17,
  shape: (n) => {
    const bodyInputs = Array.from({ length: n.inputCount }, (_, i) => {
      const t = n.input(i)?.type;
      return (t?.kind === 'sequence' ? plain(t.elem) : plain(t)) as InferredType | undefined;
    });
    let outs: (InferredType | undefined)[];
    try {
      outs = n.inferSubgraph('body', bodyInputs);
    } catch (e) {
      if (e instanceof AutodocError && e.code === 'SUBGRAPH_UNAVAILABLE') return Array.from({ length: n.outputCount }, () => seqOf(undefined));
      throw e;
    }
    return Array.from({ length: n.outputCount }, (_, i) => seqOf(plain(outs[i])));
  },
  examples: [{ title: 'body not available in OpTester', inputs: [null], expect: { shapes: [null] } }],
  notes: 'Outputs: sequences of the body\'s output types, the body inferred with the element types of the sequence inputs. No cost rule: the cost is the body\'s times the number of elements, which is not known statically, so the node is reported as uncounted.',
});

/** Sequence and Optional ops. */
export const sequenceOps: OpDefinition[] = [
  sequenceEmpty, sequenceConstruct, sequenceInsert, sequenceAt, sequenceErase, sequenceLength,
  splitToSequence, concatFromSequence, optional, optionalHasElement, optionalGetElement, sequenceMap,
];
