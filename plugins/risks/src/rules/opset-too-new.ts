import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_OPSET_TOO_NEW',
  severity: 'warning',
  summary: 'The model\'s ai.onnx opset is newer than the configured maximum that common runtimes support.',
  why: 'Runtimes refuse models whose opset they do not know (ONNX Runtime < 1.18 stops at opset 20 or lower, TensorRT 10.0 at 20), even if no op changed.',
  hint: 'Export at a lower opset (torch.onnx.export(..., opset_version=N)) or upgrade the runtime; raise `maxOpset` if your runtime supports it.',
  options: ['maxOpset'],
  check({ opset, options }) {
    if (opset <= options.maxOpset) return [];
    return [{ message: `The model uses ai.onnx opset ${opset}; runtimes targeted here support up to ${options.maxOpset}.` }];
  },
});
