import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_OPSET_TOO_OLD',
  severity: 'warning',
  summary: 'The model\'s ai.onnx opset is older than the configured minimum.',
  why: 'Old opsets carry superseded op semantics (Upsample, Resize-10, attribute-form Pad/Clip/Slice) that newer runtimes and converters handle poorly or not at all (TensorRT 10 reads opset ≥ 9 only).',
  hint: 'Re-export at a newer opset, or convert with onnx.version_converter.convert_version(model, N) and re-check the result.',
  options: ['minOpset'],
  check({ opset, options }) {
    if (opset === 0 || opset >= options.minOpset) return [];
    return [{ message: `The model uses ai.onnx opset ${opset}; the minimum is ${options.minOpset}.` }];
  },
});
