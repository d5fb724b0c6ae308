import { type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, has, need, tensorOut } from '../util/args.js';
import { matmulMacs, matmulShape } from '../util/matmul-shape.js';

// QOrderedMatMul: the cuBLASLt int8 matmul of ONNX Runtime's CUDA quantised BERT path,
// Y = saturate(round((scale_A · scale_B · A·B + bias + scale_C · C) / scale_Y)), all of A, B, C, Y int8.
// Inputs: A, scale_A, B, scale_B, scale_Y, bias?, C?, scale_C?; attributes order_A/order_B/order_Y
// name the cuBLASLt memory layout (ORDER_COL 0, ORDER_ROW 1, ORDER_COL32 2, ...), not the dims.
//
// Shapes: numpy.matmul of A and B as stored, as ONNX Runtime's schema infers them. The spec's "B is
// transposed if order_B is ORDER_COL" describes the bytes: B's dims stay the logical [K, N] (the CUDA
// kernel checks A's columns against B's rows and gives Y the columns of B), only its storage is
// column-major. So no order attribute changes a shape or a count.

function shapeOf(n: OpNode) {
  return matmulShape(n, dimsOf(n, 0), dimsOf(n, 2));
}

/** com.microsoft QOrderedMatMul: int8 × int8 → int8 with per-tensor (or per-column B) scales, optional bias and C. */
export const qOrderedMatMul = defineOp({
  domain: 'com.microsoft',
  opType: 'QOrderedMatMul',
  since: 1,
  shape: (n) => [tensorOut('INT8', shapeOf(n)?.shape)],
  cost: (n) => {
    const s = need(n, shapeOf(n), 'the shapes of A and B');
    const macs = matmulMacs(s.shape, s.k);
    const perOutput = 2 + (has(n, 5) ? 1 : 0) + (has(n, 6) ? 2 : 0); // rescale, requantise, + bias, + C (scale, add)
    return { macs, flops: dims.add(dims.mul(2, macs), dims.mul(perOutput, dims.numel(s.shape))) };
  },
  examples: [
    {
      title: 'BERT FFN up projection with bias',
      // Y = [batch, sequence, 3072]; MACs 3072·768 = 2359296 per token; FLOPs 4718592 + (2 + bias 1)·3072 = 4727808 per token.
      inputs: [{ dtype: 'INT8', shape: ['batch', 'sequence', 768] }, [], { dtype: 'INT8', shape: [768, 3072] }, [], [], [3072]],
      attrs: { order_A: 1, order_B: 0, order_Y: 1 },
      expect: { shapes: [['batch', 'sequence', 3072]], macs: '2359296*batch*sequence', flops: '4727808*batch*sequence' },
    },
    {
      title: 'with a residual C',
      // Y = [2, 16, 64] = 2048 outputs; MACs 2048·32 = 65536; FLOPs 131072 + (2 + C 2)·2048 = 139264.
      inputs: [{ dtype: 'INT8', shape: [2, 16, 32] }, [], { dtype: 'INT8', shape: [32, 64] }, [], [], null, { dtype: 'INT8', shape: [2, 16, 64] }, []],
      attrs: { order_A: 1, order_B: 0, order_Y: 1 },
      expect: { shapes: [[2, 16, 64]], macs: 65536, flops: 139264 },
    },
  ],
  notes:
    'MACs = elements(Y) × K; FLOPs = 2 × MACs + 2 per output element (rescale by scale_A · scale_B 1, requantise 1: divide by scale_Y, no zero point), + 1 with bias, + 2 with C (scale by scale_C, add). Rounding and saturation are not counted. Shapes are numpy.matmul of A and B as stored: B is [K, N] whatever order_B (ORDER_COL changes its memory layout, not its dims).',
});
