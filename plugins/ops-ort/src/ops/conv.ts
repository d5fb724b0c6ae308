import { type Dim, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';
import { ACTIVATION_NOTE, activationFlops } from '../util/activation.js';
import { spatialOutput, windowAttrs } from '../util/conv-shape.js';

// Conv variants: FusedConv (Conv + optional Z add + activation, NCHW), NhwcConv and NhwcFusedConv
// (channels-last X and Y, weights in the ONNX [M, C/group, k…] layout).

function convOutput(n: OpNode, channelsLast: boolean): Dim[] | undefined {
  const x = dimsOf(n, 0);
  const w = dimsOf(n, 1);
  if (!x || !w || x.length < 3 || w.length !== x.length) return undefined;
  const kernel = n.attrInts('kernel_shape') ?? w.slice(2);
  const sizes = channelsLast ? x.slice(1, -1) : x.slice(2);
  const spatial = spatialOutput(sizes, windowAttrs(n, kernel));
  if (!spatial) return undefined;
  return channelsLast ? [x[0], ...spatial, w[0]] : [x[0], w[0], ...spatial];
}

function convCost(n: OpNode, channelsLast: boolean, fused: boolean) {
  const y = need(n, convOutput(n, channelsLast), 'the input and weight shapes');
  const w = need(n, dimsOf(n, 1), 'the weight shape');
  const outputs = dims.numel(y);
  const macs = dims.mul(outputs, dims.floorDiv(dims.numel(w), w[0])); // elements(Y) × (C/group) × kernel
  const act = fused ? activationFlops(n.attrString('activation')) : { perElement: 0 };
  const perOutput = (n.input(2) ? 1 : 0) + (fused && n.input(3) ? 1 : 0) + act.perElement; // bias, Z, activation
  const flops = dims.add(dims.mul(2, macs), dims.mul(perOutput, outputs));
  return act.note ? { macs, flops, note: act.note } : { macs, flops };
}

const CONV_NOTE = 'MACs = elements(Y) × elements(W) / W.shape[0] (C_in/group × kernel per output); FLOPs = 2 × MACs + 1 per output element with bias B';

/** com.microsoft FusedConv: activation(Conv(X, W, B) + Z). */
export const fusedConv = defineOp({
  domain: 'com.microsoft',
  opType: 'FusedConv',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, convOutput(n, false))],
  cost: (n) => convCost(n, false, true),
  examples: [
    {
      title: '3×3 conv + bias + Relu',
      // Y = [1, 4, 8, 8] = 256 elements; MACs = 256·3·3·3 = 6912; FLOPs = 13824 + (bias 1 + Relu 1)·256 = 14336.
      inputs: [[1, 3, 8, 8], [4, 3, 3, 3], [4]],
      attrs: { pads: [1, 1, 1, 1], activation: 'Relu' },
      expect: { shapes: [[1, 4, 8, 8]], macs: 6912, flops: 14336 },
    },
  ],
  notes: `${CONV_NOTE}, + 1 with the residual Z, + the activation. ${ACTIVATION_NOTE}`,
});

/** com.microsoft NhwcConv: Conv on channels-last X [N, H, W, C] → Y [N, oH, oW, M]. */
export const nhwcConv = defineOp({
  domain: 'com.microsoft',
  opType: 'NhwcConv',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, convOutput(n, true))],
  cost: (n) => convCost(n, true, false),
  examples: [
    {
      title: 'stride-2 3×3, symbolic batch',
      // oH = oW = floor((16 + 2 − 3)/2) + 1 = 8; Y = [batch, 8, 8, 16]; MACs = 1024·batch·(8·9) = 73728·batch.
      inputs: [['batch', 16, 16, 8], [16, 8, 3, 3]],
      attrs: { pads: [1, 1, 1, 1], strides: [2, 2] },
      expect: { shapes: [['batch', 8, 8, 16]], macs: '73728*batch', flops: '147456*batch' },
    },
  ],
  notes: `${CONV_NOTE}. X and Y are channels-last; W keeps the ONNX layout.`,
});

/** com.microsoft NhwcFusedConv: NhwcConv + optional Z add + activation. */
export const nhwcFusedConv = defineOp({
  domain: 'com.microsoft',
  opType: 'NhwcFusedConv',
  since: 1,
  shape: (n) => [tensorOut(n.input(0)?.dtype, convOutput(n, true))],
  cost: (n) => convCost(n, true, true),
  examples: [
    {
      // Y = [1, 4, 4, 2] = 32; MACs = 32·(4·1·1) = 128; FLOPs = 256 + (Z 1 + Sigmoid 1)·32 = 320.
      inputs: [[1, 4, 4, 4], [2, 4, 1, 1], null, [1, 4, 4, 2]],
      attrs: { activation: 'Sigmoid' },
      expect: { shapes: [[1, 4, 4, 2]], macs: 128, flops: 320 },
    },
  ],
  notes: `${CONV_NOTE}, + 1 with Z, + the activation; channels-last X, Y and Z. ${ACTIVATION_NOTE}`,
});
