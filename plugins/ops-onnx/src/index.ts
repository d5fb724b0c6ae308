import { definePlugin, type OpDefinition } from '@autodoc/core';
import { generalOps } from './ops/index-general.js';
import { nnOps } from './ops/index-nn.js';
import { tensorOps } from './ops/index-tensor.js';

/** Every ai.onnx / ai.onnx.ml definition this pack ships, in one list (one op family per file). */
export const onnxOps: readonly OpDefinition[] = [...tensorOps, ...nnOps, ...generalOps];

export default definePlugin({
  name: 'autodoc:ops-onnx',
  description: 'Shape and cost rules for the ai.onnx and ai.onnx.ml operator sets.',
  setup: () => ({ ops: onnxOps }),
});
