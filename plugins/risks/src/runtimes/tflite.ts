import type { RuntimeSupport } from './runtime.js';

/**
 * TFLite runs ONNX models only after conversion through TensorFlow; this is the onnx-tensorflow
 * backend's support table (opsets 1–16). Source: https://github.com/onnx/onnx-tensorflow/blob/main/doc/support_status.md
 * Flagged: ops the table marks unsupported at the model's opset, and ai.onnx ops the table does not
 * list at all (newer than opset 16). Other converters (onnx2tf) may cover more.
 */
const KNOWN = new Set([
  'Abs', 'Acos', 'Acosh', 'Add', 'And', 'ArgMax', 'ArgMin', 'Asin', 'Asinh', 'Atan', 'Atanh', 'AveragePool',
  'BatchNormalization', 'Bernoulli', 'BitShift', 'Cast', 'CastLike', 'Ceil', 'Celu', 'Clip', 'Compress', 'Concat',
  'ConcatFromSequence', 'Constant', 'ConstantOfShape', 'Conv', 'ConvInteger', 'ConvTranspose', 'Cos', 'Cosh', 'CumSum',
  'DepthToSpace', 'DequantizeLinear', 'Det', 'Div', 'Dropout', 'DynamicQuantizeLinear', 'Einsum', 'Elu', 'Equal', 'Erf',
  'Exp', 'Expand', 'EyeLike', 'Flatten', 'Floor', 'GRU', 'Gather', 'GatherElements', 'GatherND', 'Gemm',
  'GlobalAveragePool', 'GlobalLpPool', 'GlobalMaxPool', 'Greater', 'GreaterOrEqual', 'GridSample', 'HardSigmoid',
  'HardSwish', 'Hardmax', 'Identity', 'If', 'InstanceNormalization', 'IsInf', 'IsNaN', 'LRN', 'LSTM', 'LeakyRelu', 'Less',
  'LessOrEqual', 'Log', 'LogSoftmax', 'Loop', 'LpNormalization', 'LpPool', 'MatMul', 'MatMulInteger', 'Max', 'MaxPool',
  'MaxRoiPool', 'MaxUnpool', 'Mean', 'MeanVarianceNormalization', 'Min', 'Mod', 'Mul', 'Multinomial', 'Neg',
  'NegativeLogLikelihoodLoss', 'NonMaxSuppression', 'NonZero', 'Not', 'OneHot', 'Optional', 'OptionalGetElement',
  'OptionalHasElement', 'Or', 'PRelu', 'Pad', 'Pow', 'QLinearConv', 'QLinearMatMul', 'QuantizeLinear', 'RNN',
  'RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike', 'Range', 'Reciprocal', 'ReduceL1', 'ReduceL2',
  'ReduceLogSum', 'ReduceLogSumExp', 'ReduceMax', 'ReduceMean', 'ReduceMin', 'ReduceProd', 'ReduceSum', 'ReduceSumSquare',
  'Relu', 'Reshape', 'Resize', 'ReverseSequence', 'RoiAlign', 'Round', 'Scan', 'Scatter', 'ScatterElements', 'ScatterND',
  'Selu', 'SequenceAt', 'SequenceConstruct', 'SequenceEmpty', 'SequenceErase', 'SequenceInsert', 'SequenceLength', 'Shape',
  'Shrink', 'Sigmoid', 'Sign', 'Sin', 'Sinh', 'Size', 'Slice', 'Softmax', 'SoftmaxCrossEntropyLoss', 'Softplus', 'Softsign',
  'SpaceToDepth', 'Split', 'SplitToSequence', 'Sqrt', 'Squeeze', 'StringNormalizer', 'Sub', 'Sum', 'Tan', 'Tanh',
  'TfIdfVectorizer', 'ThresholdedRelu', 'Tile', 'TopK', 'Transpose', 'Trilu', 'Unique', 'Unsqueeze', 'Upsample', 'Where', 'Xor',
]);

/** Ops the table marks unsupported, with the opset columns (from, to inclusive) where they are. */
const UNSUPPORTED_AT: Record<string, readonly [number, number]> = {
  GridSample: [16, Number.POSITIVE_INFINITY],
  If: [16, Number.POSITIVE_INFINITY],
  Loop: [16, Number.POSITIVE_INFINITY],
  MaxRoiPool: [1, Number.POSITIVE_INFINITY],
  NegativeLogLikelihoodLoss: [12, Number.POSITIVE_INFINITY],
  RoiAlign: [16, Number.POSITIVE_INFINITY],
  ScatterElements: [16, Number.POSITIVE_INFINITY],
  ScatterND: [16, Number.POSITIVE_INFINITY],
  SoftmaxCrossEntropyLoss: [12, Number.POSITIVE_INFINITY],
  StringNormalizer: [10, Number.POSITIVE_INFINITY],
  Unique: [11, Number.POSITIVE_INFINITY],
  Upsample: [1, 6],
  Where: [16, Number.POSITIVE_INFINITY],
};

export const tflite: RuntimeSupport = {
  id: 'tflite',
  title: 'TFLite (via onnx-tensorflow)',
  source: 'https://github.com/onnx/onnx-tensorflow/blob/main/doc/support_status.md',
  consequence: 'the ONNX → TensorFlow conversion fails, so no TFLite model can be produced',
  hint: 'Export at an opset the converter supports (≤ 16), replace the op before export, or try another converter (onnx2tf).',
  unsupported(domain, opType, opset) {
    if (domain !== 'ai.onnx') return `domain ${domain} has no TensorFlow conversion`;
    if (!KNOWN.has(opType)) return 'not in the onnx-tensorflow support table (opsets 1–16)';
    const range = UNSUPPORTED_AT[opType];
    if (range && opset >= range[0] && opset <= range[1]) return `marked unsupported at opset ${opset} in the onnx-tensorflow support table`;
    return undefined;
  },
};
