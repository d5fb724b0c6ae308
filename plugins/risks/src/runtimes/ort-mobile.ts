import { allowlist, type RuntimeSupport } from './runtime.js';

/**
 * The operators of ONNX Runtime's pre-built mobile package (reduced operator build).
 * Source: https://github.com/microsoft/onnxruntime/blob/main/tools/ci_build/github/android/mobile_package.required_operators.config
 * A custom ORT build can include any op; this list is what the pre-built mobile package ships.
 */
const AI_ONNX = [
  'Abs', 'Add', 'And', 'ArgMax', 'ArgMin', 'AveragePool', 'Cast', 'Ceil', 'Clip', 'Concat', 'ConstantOfShape', 'Conv',
  'ConvTranspose', 'Cos', 'CumSum', 'DepthToSpace', 'DequantizeLinear', 'Div', 'DynamicQuantizeLinear', 'Elu', 'Equal',
  'Exp', 'Expand', 'Flatten', 'Floor', 'Gather', 'GatherND', 'Gemm', 'Greater', 'GreaterOrEqual', 'Identity', 'If',
  'LRN', 'LeakyRelu', 'Less', 'LessOrEqual', 'Log', 'LogSoftmax', 'Loop', 'MatMul', 'Max', 'MaxPool', 'Mean', 'Min',
  'Mul', 'Neg', 'NonMaxSuppression', 'NonZero', 'Not', 'Or', 'PRelu', 'Pad', 'Pow', 'QuantizeLinear', 'Range',
  'Reciprocal', 'ReduceMax', 'ReduceMean', 'ReduceMin', 'ReduceProd', 'ReduceSum', 'Relu', 'Reshape', 'Resize',
  'ReverseSequence', 'Round', 'ScatterND', 'Shape', 'Sigmoid', 'Sin', 'Size', 'Slice', 'Softmax', 'SpaceToDepth',
  'Split', 'Sqrt', 'Squeeze', 'Sub', 'Sum', 'Tanh', 'ThresholdedRelu', 'Tile', 'TopK', 'Transpose', 'Unique',
  'Unsqueeze', 'Where',
  // "other ops found in test models" and control flow
  'GlobalAveragePool', 'MatMulInteger', 'QLinearConv', 'QLinearMatMul', 'Scan',
].map((op) => `ai.onnx:${op}`);
const CONTRIB = [
  'DynamicQuantizeMatMul', 'FusedConv', 'FusedGemm', 'FusedMatMul', 'MatMulIntegerToFloat', 'NhwcMaxPool', 'QLinearAdd',
  'QLinearAveragePool', 'QLinearConv', 'QLinearGlobalAveragePool', 'QLinearMul', 'QLinearSigmoid', 'QLinearLeakyRelu',
].map((op) => `com.microsoft:${op}`);

/** Ops a graph always may contain: they are removed or constant-folded before the session runs. */
const ALWAYS = new Set(['Constant', 'Dropout']);
const supported = allowlist([...AI_ONNX, ...CONTRIB]);

export const ortMobile: RuntimeSupport = {
  id: 'ort-mobile',
  title: 'ONNX Runtime Mobile (pre-built package)',
  source: 'https://github.com/microsoft/onnxruntime/blob/main/tools/ci_build/github/android/mobile_package.required_operators.config',
  consequence: 'the pre-built ORT Mobile package has no kernel for it, so the session fails to load',
  hint: 'Build a custom ORT Mobile package with this op (tools/ci_build/build.py --include_ops_by_config), or replace the op before export.',
  unsupported(domain, opType) {
    if (domain === 'ai.onnx' && ALWAYS.has(opType)) return undefined;
    return supported(domain, opType) ? undefined : 'not in the pre-built mobile package operator config';
  },
};
