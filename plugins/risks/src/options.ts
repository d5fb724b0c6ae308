import { type Static, Type } from '@autodoc/core';

const Severity = Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('info'), Type.Literal('off')]);

export const RisksOptionsSchema = Type.Object(
  {
    /** Longest chain of Conv/MatMul/Gemm layers not bypassed by any skip connection. */
    maxDepthWithoutSkip: Type.Integer({ minimum: 1 }),
    /** A single dense weight holding at least this share of all parameters is flagged (0–1). */
    denseShareThreshold: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    /** Dense-layer check applies only to models with at least this many parameters. */
    denseMinParams: Type.Integer({ minimum: 0 }),
    /** Constant-node tensors at least this large (bytes) are flagged. */
    hugeConstantBytes: Type.Integer({ minimum: 1 }),
    /** Initializers at least this large (bytes) are flagged. */
    hugeInitializerBytes: Type.Integer({ minimum: 1 }),
    /** Reductions over at least this many elements are fp16-overflow-prone. */
    largeReductionElements: Type.Integer({ minimum: 1 }),
    /** Lowest ai.onnx opset considered safe. */
    minOpset: Type.Integer({ minimum: 1 }),
    /** Highest ai.onnx opset common runtimes support. */
    maxOpset: Type.Integer({ minimum: 1 }),
    /** Runtimes whose op support is checked. */
    runtimes: Type.Array(Type.Union([Type.Literal('tensorrt'), Type.Literal('ort-mobile'), Type.Literal('coreml'), Type.Literal('tflite')])),
    /** Per-code severity overrides (`off` drops the code), e.g. `{ RISK_OP_UNSUPPORTED: 'error' }` to gate CI with --fail-on error. */
    severity: Type.Record(Type.String({ pattern: '^RISK_[A-Z0-9_]+$' }), Severity),
  },
  { additionalProperties: false },
);

export type RisksOptions = Static<typeof RisksOptionsSchema>;

/**
 * Defaults. maxOpset 21: supported by ONNX Runtime ≥ 1.18; TensorRT 10.0 documents opsets 9–20, so
 * a TensorRT user may lower it. minOpset 11: Resize, Pad, Clip and others took their current form at 11.
 */
export const defaultRisksOptions: RisksOptions = {
  maxDepthWithoutSkip: 24,
  denseShareThreshold: 0.5,
  denseMinParams: 1_000_000,
  hugeConstantBytes: 1024 * 1024,
  hugeInitializerBytes: 1024 * 1024 * 1024,
  largeReductionElements: 65_536,
  minOpset: 11,
  maxOpset: 21,
  runtimes: ['tensorrt', 'ort-mobile', 'coreml', 'tflite'],
  severity: {},
};
