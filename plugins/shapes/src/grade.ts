/**
 * Grading inferred types against recorded ones (the corpus JSON form: dtype names, shapes of numbers,
 * symbol strings or null, `kind` for sequences/optionals). Used by the corpus tests and benchmarks.
 */
import { dims, type Dim, type ValueType } from '@autodoc/core';

/** A recorded type: a tensor `{dtype, shape}` or a sequence/optional wrapper. */
export interface RecordedType {
  readonly dtype?: string;
  readonly shape?: readonly (number | string | null)[] | null;
  readonly kind?: 'sequence' | 'optional';
  readonly elements?: readonly RecordedType[];
  readonly element?: RecordedType;
  readonly hasValue?: boolean;
  readonly value?: RecordedType | readonly unknown[];
}

/**
 * `match`: dtype and every dim equal; `partial`: rank and every known dim right, some dim symbolic;
 * `unknown`: no shape (or no type); `wrong`: a known dim, the rank or the dtype differs.
 */
export type Grade = 'match' | 'partial' | 'unknown' | 'wrong';

export interface Graded {
  readonly grade: Grade;
  readonly why?: string;
}

function fmt(shape: readonly Dim[] | undefined): string {
  return shape ? `[${shape.map((d) => dims.format(d)).join(', ')}]` : 'unknown';
}

/** Grades one tensor shape against recorded concrete dims (a recorded string/null dim accepts anything). */
function gradeTensor(t: ValueType | undefined, want: RecordedType): Graded {
  if (!t || (t.kind !== 'tensor' && t.kind !== 'sparse_tensor')) return { grade: 'unknown', why: t ? `got a ${t.kind}` : 'no type' };
  if (want.dtype && t.dtype && t.dtype !== want.dtype) return { grade: 'wrong', why: `dtype ${t.dtype}, expected ${want.dtype}` };
  const expected = want.shape;
  if (!t.shape) return { grade: 'unknown', why: 'no shape' };
  if (!expected) return { grade: 'partial' };
  if (t.shape.length !== expected.length) return { grade: 'wrong', why: `rank: ${fmt(t.shape)} vs [${expected.join(', ')}]` };
  let symbolic = false;
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k];
    const d = t.shape[k];
    if (typeof e !== 'number') continue;
    if (typeof d !== 'number') symbolic = true;
    else if (d !== e) return { grade: 'wrong', why: `dim ${k}: ${fmt(t.shape)} vs [${expected.join(', ')}]` };
  }
  if (!t.dtype && want.dtype) return { grade: 'partial', why: 'dtype unknown' };
  return symbolic ? { grade: 'partial', why: fmt(t.shape) } : { grade: 'match' };
}

/** Grades an inferred type against a recorded one (tensors, sequences, optionals). */
export function gradeType(t: ValueType | undefined, want: RecordedType): Graded {
  if (want.kind === 'sequence') {
    if (!t) return { grade: 'unknown', why: 'no type' };
    if (t.kind !== 'sequence') return { grade: 'wrong', why: `got a ${t.kind}, expected a sequence` };
    const elems = want.elements ?? (want.element ? [want.element] : []);
    return worst(elems.map((e) => gradeType(t.elem, e)));
  }
  if (want.kind === 'optional') {
    if (!t) return { grade: 'unknown', why: 'no type' };
    if (t.kind !== 'optional') return { grade: 'wrong', why: `got a ${t.kind}, expected an optional` };
    if (want.hasValue === false || !want.value || Array.isArray(want.value)) return { grade: 'match' };
    return gradeType(t.elem, want.value as RecordedType);
  }
  return gradeTensor(t, want);
}

const ORDER: Record<Grade, number> = { match: 0, partial: 1, unknown: 2, wrong: 3 };

/** The worst of several grades (a test is as good as its worst output). */
export function worst(grades: readonly Graded[]): Graded {
  let w: Graded = { grade: 'match' };
  for (const g of grades) if (ORDER[g.grade] > ORDER[w.grade]) w = g;
  return w;
}

/** Evaluates a shape at a binding; undefined where a dim has an unbound symbol. */
export function evaluateShape(shape: readonly Dim[], binding: Readonly<Record<string, number>>): (number | undefined)[] {
  return shape.map((d) => {
    const v = dims.evaluate(d, binding);
    return typeof v === 'bigint' ? Number(v) : v;
  });
}
