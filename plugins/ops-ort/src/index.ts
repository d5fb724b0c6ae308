import { definePlugin } from '@autodoc/core';
import { ortOps } from './ops/index.js';

/** Shape and cost rules for ONNX Runtime's com.microsoft contrib ops (attention, fused norms, int4 matmul, …). */
export default definePlugin({
  name: 'autodoc:ops-ort',
  description: "Shape and cost rules for ONNX Runtime's com.microsoft contrib operators.",
  setup: () => ({ ops: ortOps }),
});

export { ortOps };
