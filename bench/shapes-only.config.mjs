// Issue #4's shape-inference benchmark: read → build → infer every tensor's shape → graph.tensors[]
// in the JSON; no counting, memory, patterns or risks, and (with --no-layers) no layers[]. The
// `autodoc-shapes` row of bench/run.mjs.
export default {
  plugins: ['@autodoc/plugin-ops-onnx', '@autodoc/plugin-ops-ort', '@autodoc/plugin-shapes', '@autodoc/plugin-graph'],
};
