import { AutodocError } from '../diagnostics/autodoc-error.js';
import { type Dim, equal, max } from '../dims/index.js';

/**
 * Multidirectional (numpy) broadcasting of shapes, symbol-aware: a dim of 1 yields to the other; equal
 * dims stay; a symbolic dim against a number other than 1 takes the number (the model only runs when
 * they agree); two different symbols give max(a, b) — exact whenever the model runs, since then one of
 * them is 1 or they are equal.
 * Returns undefined when any input shape is unknown. When the result equals an input's shape, that
 * input's array itself is returned: most elementwise outputs have their first input's shape, and
 * sharing the (immutable) array saves an array per node on large graphs.
 */
export function broadcastShapes(shapes: readonly (readonly Dim[] | undefined)[]): readonly Dim[] | undefined {
  if (shapes.some((s) => s === undefined)) return undefined;
  const known = shapes as readonly (readonly Dim[])[];
  if (known.length > 0 && known.every((s) => sameDims(s, known[0]))) return known[0]; // the common case: no broadcasting
  // The first shape of the highest rank: the result when broadcasting leaves its dims as they are
  // (an input times a bias), returned without making an array.
  let widest: readonly Dim[] = [];
  for (const shape of known) if (shape.length > widest.length) widest = shape;
  const rank = widest.length;
  let out: Dim[] | undefined;
  for (let i = 0; i < rank; i++) {
    let acc: Dim = 1;
    for (const shape of known) {
      // Aligned from the right; a shorter shape has no dim here (indexing it at a negative position
      // was a slow property lookup per node).
      const j = i - (rank - shape.length);
      if (j >= 0) acc = broadcastDim(acc, shape[j]);
    }
    if (out === undefined && acc !== widest[i]) out = widest.slice(0, i);
    out?.push(acc);
  }
  if (out === undefined) return widest;
  const result = out;
  return known.find((s) => sameDims(s, result)) ?? result;
}

function sameDims(a: readonly Dim[], b: readonly Dim[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function broadcastDim(a: Dim, b: Dim): Dim {
  if (a === 1) return b;
  if (b === 1) return a;
  if (equal(a, b)) return a;
  if (typeof a === 'number' && typeof b === 'number') {
    throw new AutodocError('SHAPE_MISMATCH', `Cannot broadcast dimensions ${a} and ${b}.`, 'The inputs of this node have incompatible shapes; the model will fail at run time.');
  }
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return max(a, b);
}
