import type { RuntimeSupport } from './runtime.js';

/**
 * TensorRT's ONNX parser: the operators its support matrix marks "N".
 * Source: https://github.com/onnx/onnx-tensorrt/blob/main/docs/operators.md (TensorRT 10.0, opsets 9–20).
 * Ops outside ai.onnx need a TensorRT plugin (the `trt.plugins` domain and `*_TRT` op names are plugins).
 */
const UNSUPPORTED = new Set([
  'AffineGrid', 'Bernoulli', 'BitShift', 'BitwiseAnd', 'BitwiseNot', 'BitwiseOr', 'BitwiseXor', 'BlackmanWindow',
  'CenterCropPad', 'Compress', 'ConcatFromSequence', 'ConvInteger', 'DFT', 'Det', 'DynamicQuantizeLinear',
  'HammingWindow', 'HannWindow', 'ImageDecoder', 'MatMulInteger', 'MaxRoiPool', 'MaxUnpool', 'MelWeightMatrix',
  'Multinomial', 'NegativeLogLikelihoodLoss', 'Optional', 'OptionalGetElement', 'OptionalHasElement',
  'QLinearConv', 'QLinearMatMul', 'RegexFullMatch', 'STFT', 'SequenceAt', 'SequenceConstruct', 'SequenceEmpty',
  'SequenceErase', 'SequenceInsert', 'SequenceLength', 'SequenceMap', 'SoftmaxCrossEntropyLoss',
  'SplitToSequence', 'StringConcat', 'StringNormalizer', 'StringSplit', 'TfIdfVectorizer', 'Unique',
]);

export const tensorrt: RuntimeSupport = {
  id: 'tensorrt',
  title: 'TensorRT',
  source: 'https://github.com/onnx/onnx-tensorrt/blob/main/docs/operators.md',
  consequence: 'the TensorRT ONNX parser rejects the model (or the op must be written as a plugin)',
  hint: 'Replace the op before export, or implement it as a TensorRT plugin; run the unsupported part with ONNX Runtime (TensorRT EP falls back per node).',
  unsupported(domain, opType) {
    if (domain === 'ai.onnx') return UNSUPPORTED.has(opType) ? 'marked unsupported in the ONNX-TensorRT operator matrix' : undefined;
    if (domain === 'trt.plugins' || opType.endsWith('_TRT')) return undefined;
    return `domain ${domain} is not part of the ONNX-TensorRT operator matrix`;
  },
};
