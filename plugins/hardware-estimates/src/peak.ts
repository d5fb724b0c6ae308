import type { Device, Precision } from '@autodoc/hardware-db';

/**
 * Which precision's peak to use when the device gives none for the requested one: the next wider
 * format that the same kernels could fall back to. fp32 is the non-tensor FP32 rate (tf32 only when
 * asked for by name), so a model run in fp32 is never credited with TF32 tensor-core speed.
 */
const WIDER: Readonly<Record<Precision, readonly Precision[]>> = {
  int4: ['int8', 'fp16', 'fp32'],
  int8: ['fp16', 'fp32'],
  fp8: ['fp16', 'fp32'],
  fp16: ['fp32'],
  bf16: ['fp32'],
  tf32: ['fp32'],
  fp32: [],
};

/** The dense peak used for a precision, and the precision it actually came from. */
export interface ChosenPeak {
  /** Dense FLOP/s (OP/s for integers). Never the sparse figure. */
  readonly flopsPerSec: number;
  readonly requested: Precision;
  readonly used: Precision;
  /** True when `used` differs from `requested` because the device gives no figure for it. */
  readonly fellBack: boolean;
}

/**
 * The device's dense peak for `precision`, falling back to wider precisions when the figure is null.
 * Undefined when the device has no usable figure at all (then latency cannot be estimated).
 */
export function peakFor(device: Pick<Device, 'peak'>, precision: Precision): ChosenPeak | undefined {
  for (const p of [precision, ...WIDER[precision]]) {
    const dense = device.peak[p]?.dense;
    // Only `dense` is read: 2:4-sparse figures assume pruned weights the model does not have.
    if (typeof dense === 'number' && dense > 0) return { flopsPerSec: dense, requested: precision, used: p, fellBack: p !== precision };
  }
  return undefined;
}
