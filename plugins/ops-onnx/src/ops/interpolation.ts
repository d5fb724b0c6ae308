/**
 * The documented per-output-element cost of an interpolation (Resize, Upsample, GridSample, RoiAlign's
 * bilinear sampling), by mode and by the number r of interpolated axes:
 * - nearest: 0 FLOPs (a gather);
 * - linear: 3 × (2^r − 1) — a multilinear interpolation is 2^r − 1 one-dimensional lerps a + t·(b − a),
 *   3 FLOPs each (bilinear 9, trilinear 21);
 * - cubic: 7 × (4^r − 1) / 3 — separable 4-tap filters: (4^r − 1)/3 one-dimensional cubic
 *   interpolations of 4 multiplies and 3 adds (bicubic 35).
 * Coordinate transforms and the interpolation weights, computed once per output coordinate, are not
 * counted.
 */
import { dims, type Dim } from '@autodoc/core';

/** FLOPs per output element of an interpolation `mode` over `axes` interpolated axes. */
export function interpolationFlops(mode: string, axes: number): number | undefined {
  switch (mode) {
    case 'nearest':
      return 0;
    case 'linear':
    case 'bilinear':
    case 'trilinear':
      return 3 * (2 ** axes - 1);
    case 'cubic':
    case 'bicubic':
      return (7 * (4 ** axes - 1)) / 3;
    default:
      return undefined;
  }
}

/** Axes whose size changes (input and output dims not provably equal): the ones a Resize interpolates. */
export function resizedAxes(input: readonly Dim[], output: readonly Dim[]): number {
  return input.filter((d, i) => !dims.provablyEqual(d, output[i])).length;
}
