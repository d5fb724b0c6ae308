import { type Dim, dims } from '@autodoc/core';

/** LayerNorm FLOPs per element: mean sum 1, variance 3 (subtract, square, sum), normalise 2, γ 1, β 1. */
export const LAYER_NORM_PER_ELEMENT = 8;
/** LayerNorm FLOPs per normalised row: 2 divides (mean, variance), + ε, reciprocal square root. */
export const LAYER_NORM_PER_ROW = 4;
/** RMSNorm FLOPs per element: square 1, sum 1, × 1/rms 1, γ 1. */
export const RMS_NORM_PER_ELEMENT = 4;
/** RMSNorm FLOPs per normalised row: divide, + ε, reciprocal square root. */
export const RMS_NORM_PER_ROW = 3;

/** FLOPs of a LayerNorm over rows of `width` elements (7 per element without β). */
export function layerNormFlops(elements: Dim, width: Dim, withBeta: boolean): Dim {
  const perElement = withBeta ? LAYER_NORM_PER_ELEMENT : LAYER_NORM_PER_ELEMENT - 1;
  return dims.add(dims.mul(perElement, elements), dims.mul(LAYER_NORM_PER_ROW, dims.floorDiv(elements, width)));
}

/** FLOPs of an RMSNorm over rows of `width` elements. */
export function rmsNormFlops(elements: Dim, width: Dim): Dim {
  return dims.add(dims.mul(RMS_NORM_PER_ELEMENT, elements), dims.mul(RMS_NORM_PER_ROW, dims.floorDiv(elements, width)));
}
