import { add, floorDiv, mul, sub } from './arith.js';
import type { Dim } from './expr.js';

/** One spatial axis of a sliding window (Conv, MaxPool, AveragePool, …). */
export interface SlidingWindow {
  readonly size: Dim;
  readonly kernel: Dim;
  readonly stride?: number;
  readonly dilation?: number;
  readonly padBegin?: Dim;
  readonly padEnd?: Dim;
}

/**
 * Output length of a sliding window in floor mode (the ONNX Conv/Pool formula without ceil_mode):
 * ⌊(size + padBegin + padEnd − dilation·(kernel − 1) − 1) / stride⌋ + 1.
 * Ceil mode has an extra rule (a last window starting in the right padding is dropped) and is left to
 * the op rules.
 */
export function slidingWindowOutput(w: SlidingWindow): Dim {
  const { size, kernel, stride = 1, dilation = 1, padBegin = 0, padEnd = 0 } = w;
  const span = add(mul(dilation, sub(kernel, 1)), 1);
  return add(floorDiv(sub(add(add(size, padBegin), padEnd), span), stride), 1);
}
