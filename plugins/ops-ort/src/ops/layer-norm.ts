import { type InferredType, type OpNode, defineOp, dims } from '@autodoc/core';
import { dimsOf, need, tensorOut } from '../util/args.js';
import { layerNormFlops, rmsNormFlops } from '../util/norm-cost.js';

// The ONNX Runtime layer-norm fusions: SkipLayerNormalization and SkipSimplifiedLayerNormalization
// (residual add + LayerNorm/RMSNorm over the last axis) and SimplifiedLayerNormalization (RMSNorm).

/**
 * Skip* outputs: 0 = normalised output, 1 = mean, 2 = inv_std_var (training stats, float; ONNX Runtime
 * infers no shape for them, so neither do we), 3 = input + skip (+ bias). Absent optional outputs
 * ('' in the model) are still typed here; the engine ignores them.
 */
function skipShape(n: OpNode): (InferredType | undefined)[] {
  const x = dimsOf(n, 0);
  const dtype = n.input(0)?.dtype;
  const out: (InferredType | undefined)[] = [tensorOut(dtype, x)];
  if (n.outputCount > 1) out.push(tensorOut('FLOAT', undefined));
  if (n.outputCount > 2) out.push(tensorOut('FLOAT', undefined));
  if (n.outputCount > 3) out.push(tensorOut(dtype, x));
  return out;
}

function skipCost(n: OpNode, rms: boolean, biasIndex: number) {
  const x = need(n, dimsOf(n, 0), 'the input shape');
  const elements = dims.numel(x);
  const width = x[x.length - 1];
  const adds = n.input(biasIndex) ? 2 : 1; // input + skip (+ bias)
  const norm = rms ? rmsNormFlops(elements, width) : layerNormFlops(elements, width, n.input(3) !== undefined);
  return { flops: dims.add(dims.mul(adds, elements), norm) };
}

/** com.microsoft SkipLayerNormalization: LayerNorm(input + skip + bias) · γ + β. */
export const skipLayerNormalization = defineOp({
  domain: 'com.microsoft',
  opType: 'SkipLayerNormalization',
  since: 1,
  shape: skipShape,
  cost: (n) => skipCost(n, false, 4),
  examples: [
    {
      title: 'with beta and bias, all four outputs',
      // 2·4·8 = 64 elements, 8 rows of 8. Adds 2·64 = 128; LayerNorm 8·64 + 4·8 = 544 → 672.
      inputs: [[2, 4, 8], [2, 4, 8], [8], [8], [8]],
      expect: { shapes: [[2, 4, 8], null, null, [2, 4, 8]], flops: 672 },
    },
    {
      title: 'no beta, no bias; skip broadcast over batch',
      // 'batch'·16·32 elements, rows of 32: add 1 + LayerNorm 7 per element + 4 per row → 8·512·batch + 4·16·batch = 4160·batch.
      inputs: [['batch', 16, 32], [16, 32], [32]],
      expect: { shapes: [['batch', 16, 32]], flops: '4160*batch' },
    },
  ],
  notes:
    'FLOPs per element: 1 for input + skip, 1 more when bias is given, then LayerNorm over the last axis: 8 per element ' +
    '(mean sum 1; variance: subtract, square, sum 3; normalise: subtract, × 1/σ 2; × γ 1; + β 1; 7 without β) and 4 per row ' +
    '(mean and variance divides, + ε, reciprocal square root). No MACs. Outputs 1–2 (mean, inv_std_var) are float with no inferred shape; output 3 = input + skip (+ bias).',
});

/** com.microsoft SkipSimplifiedLayerNormalization: RMSNorm(input + skip + bias) · γ. */
export const skipSimplifiedLayerNormalization = defineOp({
  domain: 'com.microsoft',
  opType: 'SkipSimplifiedLayerNormalization',
  since: 1,
  shape: skipShape,
  cost: (n) => skipCost(n, true, 3),
  examples: [
    {
      title: 'LLM residual + RMSNorm with the residual-sum output',
      // 'batch'·'sequence'·4096 elements, rows of 4096: add 1 + RMSNorm 4 per element + 3 per row.
      // = 5·4096 + 3 = 20483 per row.
      inputs: [['batch', 'sequence', 4096], ['batch', 'sequence', 4096], [4096]],
      expect: { shapes: [['batch', 'sequence', 4096], null, null, ['batch', 'sequence', 4096]], flops: '20483*batch*sequence' },
    },
  ],
  notes:
    'FLOPs per element: 1 for input + skip, 1 more when bias is given, then RMSNorm over the last axis: 4 per element (square, sum, × 1/rms, × γ) ' +
    'and 3 per row (divide, + ε, reciprocal square root). No MACs. Outputs as for SkipLayerNormalization.',
});

/**
 * SimplifiedLayerNormalization (RMSNorm over axis…last). ONNX Runtime registers it in the default
 * ONNX domain (it predates a standard RMSNormalization); some exporters write it under com.microsoft.
 * Outputs: Y, and optional inv_std_var (float) with the normalised axes set to 1.
 */
function simplifiedShape(n: OpNode): (InferredType | undefined)[] {
  const x = dimsOf(n, 0);
  const out: (InferredType | undefined)[] = [tensorOut(n.input(0)?.dtype, x)];
  if (n.outputCount > 1) {
    const axis = x ? normAxis(n, x.length) : 0;
    out.push(tensorOut('FLOAT', x?.map((d, i) => (i >= axis ? 1 : d))));
  }
  return out;
}

function normAxis(n: OpNode, rank: number): number {
  const a = n.attrInt('axis', -1);
  return a < 0 ? a + rank : a;
}

function simplifiedCost(n: OpNode) {
  const x = need(n, dimsOf(n, 0), 'the input shape');
  const width = dims.product(x.slice(normAxis(n, x.length)));
  return { flops: rmsNormFlops(dims.numel(x), width) };
}

const SIMPLIFIED_EXAMPLES = [
  {
    // 3·10 elements, rows of 10: 4·30 + 3·3 = 129.
    inputs: [[3, 10], [10]],
    expect: { shapes: [[3, 10], [3, 1]], flops: 129 },
  },
];

const SIMPLIFIED_NOTES =
  'RMSNorm over axes axis…last: 4 FLOPs per element (square, sum, × 1/rms, × γ) and 3 per row (divide, + ε, reciprocal square root). No MACs.';

/** com.microsoft SimplifiedLayerNormalization (as some exporters write it). */
export const simplifiedLayerNormalization = defineOp({
  domain: 'com.microsoft',
  opType: 'SimplifiedLayerNormalization',
  since: 1,
  shape: simplifiedShape,
  cost: simplifiedCost,
  examples: SIMPLIFIED_EXAMPLES,
  notes: SIMPLIFIED_NOTES,
});

/**
 * SimplifiedLayerNormalization in the default domain, where ONNX Runtime registers it (since 1) and
 * where LLM exporters (onnxruntime-genai's builder) emit it. A deliberate exception to this package's
 * com.microsoft-only rule: without it every RMSNorm of those models would be uncounted. ai.onnx has
 * no op of this name, so it cannot shadow a standard definition.
 */
export const simplifiedLayerNormalizationOnnx = defineOp({
  domain: 'ai.onnx',
  opType: 'SimplifiedLayerNormalization',
  since: 1,
  shape: simplifiedShape,
  cost: simplifiedCost,
  examples: SIMPLIFIED_EXAMPLES,
  notes: `${SIMPLIFIED_NOTES} Registered by ONNX Runtime in the default domain.`,
});
