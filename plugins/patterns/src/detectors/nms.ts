import { defineDetector, type PatternMatch } from './detector.js';

/** Non-maximum suppression ops: ai.onnx and the TensorRT plugin names exporters emit. */
const NMS_OPS = new Set(['NonMaxSuppression', 'EfficientNMS_TRT', 'BatchedNMS_TRT', 'BatchedNMSDynamic_TRT', 'NMSDynamic_TRT', 'NMS_TRT', 'TRT_NMS', 'EfficientNMS_ONNX_TRT']);

/** Detection post-processing: a non-maximum suppression op (tag = op type, lower-cased). */
export default defineDetector({
  name: 'nms',
  description: 'Detection head post-processing: NonMaxSuppression (ai.onnx) or a TensorRT NMS plugin op.',
  detect(view) {
    const out: PatternMatch[] = [];
    for (const node of view.nodesOf(NMS_OPS)) {
      if (NMS_OPS.has(node.opType)) out.push({ anchor: node, nodes: [node.name], tags: [node.opType.toLowerCase()] });
    }
    return out;
  },
});
