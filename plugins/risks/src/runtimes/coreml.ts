import { allowlist, type RuntimeSupport } from './runtime.js';

/**
 * Ops ONNX Runtime's CoreML execution provider can place on CoreML (ML Program format).
 * Source: https://github.com/microsoft/onnxruntime/blob/main/tools/ci_build/github/apple/coreml_supported_mlprogram_ops.md
 * (mirrored in https://onnxruntime.ai/docs/execution-providers/CoreML-ExecutionProvider.html). Other ops
 * run on the CPU provider: the model still runs, but the graph is split.
 */
const OPS = [
  'Add', 'ArgMax', 'AveragePool', 'Cast', 'Clip', 'Concat', 'Conv', 'ConvTranspose', 'Cos', 'DepthToSpace', 'Ceil', 'Div',
  'Elu', 'Erf', 'Exp', 'GatherND', 'Gemm', 'Gelu', 'GlobalAveragePool', 'GlobalMaxPool', 'GridSample',
  'GroupNormalization', 'HardSigmoid', 'Identity', 'InstanceNormalization', 'LayerNormalization', 'LeakyRelu', 'MatMul',
  'MaxPool', 'Max', 'Mul', 'Pow', 'PRelu', 'Range', 'Reciprocal', 'ReduceSum', 'ReduceMean', 'ReduceMax', 'Relu',
  'Reshape', 'Resize', 'Round', 'Shape', 'Sin', 'Slice', 'Softplus', 'Split', 'Sub', 'Sigmoid', 'Softmax', 'Sqrt',
  'Squeeze', 'Tanh', 'Tile', 'Transpose', 'Unsqueeze',
  // NeuralNetwork-format ops from the same page's earlier list (the EP supports both formats).
  'BatchNormalization', 'Flatten', 'Gather', 'LRN', 'Pad',
].map((op) => `ai.onnx:${op}`);
const CONTRIB = ['QuickGelu', 'FusedConv'].map((op) => `com.microsoft:${op}`);
/** Removed or folded before partitioning. */
const ALWAYS = new Set(['Constant', 'Dropout']);
const supported = allowlist([...OPS, ...CONTRIB]);

export const coreml: RuntimeSupport = {
  id: 'coreml',
  title: 'CoreML (ONNX Runtime CoreML EP)',
  source: 'https://github.com/microsoft/onnxruntime/blob/main/tools/ci_build/github/apple/coreml_supported_mlprogram_ops.md',
  consequence: 'the CoreML EP leaves it to the CPU, splitting the graph into partitions with copies between them',
  hint: 'Replace the op with supported ones before export, or accept the CPU fallback; check the partition count in the ORT verbose log.',
  unsupported(domain, opType) {
    if (domain === 'ai.onnx' && ALWAYS.has(opType)) return undefined;
    return supported(domain, opType) ? undefined : 'not in the CoreML EP supported-ops list';
  },
};
