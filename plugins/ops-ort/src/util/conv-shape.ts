import { type Dim, type OpNode, AutodocError, dims } from '@autodoc/core';

/** Window attributes shared by Conv-like and Pool-like ops. */
export interface WindowAttrs {
  readonly kernel: readonly Dim[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly pads: readonly number[];
  readonly autoPad: string;
  readonly ceilMode: boolean;
}

/** Reads strides, dilations, pads, auto_pad and ceil_mode for `rank` spatial axes. */
export function windowAttrs(n: OpNode, kernel: readonly Dim[]): WindowAttrs {
  const rank = kernel.length;
  const strides = n.attrInts('strides') ?? Array<number>(rank).fill(1);
  const dilations = n.attrInts('dilations') ?? Array<number>(rank).fill(1);
  const pads = n.attrInts('pads') ?? Array<number>(2 * rank).fill(0);
  if (strides.length !== rank || dilations.length !== rank || pads.length !== 2 * rank) {
    throw new AutodocError('SHAPE_MISMATCH', `${n.opType} "${n.name}": strides, dilations or pads do not match ${rank} spatial axes.`, 'The node is invalid; the model will fail at run time.');
  }
  return { kernel, strides, dilations, pads, autoPad: n.attrString('auto_pad', 'NOTSET'), ceilMode: n.attrInt('ceil_mode', 0) === 1 };
}

/**
 * Output length of every spatial axis (ONNX Conv/Pool rules): explicit pads in floor mode, SAME_* as
 * ceil(size / stride), VALID as ceil((size − span + 1) / stride). Ceil mode with a symbolic size is not
 * folded (its last-window rule needs the value) and gives undefined.
 */
export function spatialOutput(sizes: readonly Dim[], w: WindowAttrs): Dim[] | undefined {
  const out: Dim[] = [];
  const rank = sizes.length;
  for (let i = 0; i < rank; i++) {
    const size = sizes[i];
    const stride = w.strides[i];
    const span = dims.add(dims.mul(w.dilations[i], dims.sub(w.kernel[i], 1)), 1);
    if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') {
      out.push(dims.ceilDiv(size, stride));
    } else if (w.autoPad === 'VALID') {
      out.push(dims.ceilDiv(dims.add(dims.sub(size, span), 1), stride));
    } else if (w.ceilMode) {
      if (typeof size !== 'number' || typeof span !== 'number') return undefined;
      const padded = size + w.pads[i] + w.pads[i + rank];
      let len = Math.ceil((padded - span) / stride) + 1;
      if ((len - 1) * stride >= size + w.pads[i]) len -= 1; // the last window may not start in the right padding
      out.push(len);
    } else {
      out.push(dims.slidingWindowOutput({ size, kernel: w.kernel[i], stride, dilation: w.dilations[i], padBegin: w.pads[i], padEnd: w.pads[i + rank] }));
    }
  }
  return out;
}
