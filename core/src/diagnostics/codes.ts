/**
 * Every diagnostic and error code the core and the built-in plugins emit, alphabetical, one line each.
 * A code is a stable contract (users grep for it, `--fail-on` gates on it); the text lives beside it so
 * the generated reference in docs/reference/codes.md stays in step with the code.
 *
 * Third-party plugins may emit their own codes (prefix them with the plugin's name); they are not listed here.
 */
export interface CodeInfo {
  /** Default severity when the code is used as a diagnostic. */
  readonly severity: 'error' | 'warning' | 'info';
  /** One sentence: what the code means. */
  readonly summary: string;
}

export const codes = {
  BATCH_BOUND: { severity: 'info', summary: '--batch-size bound the model\'s batch symbol.' },
  BATCH_NOT_SYMBOLIC: { severity: 'info', summary: 'The model has no single symbolic batch dim; --batch-size scales per-sample figures instead.' },
  CONFIG_INVALID: { severity: 'error', summary: 'The configuration file does not match the config schema.' },
  CONFIG_LOAD_FAILED: { severity: 'error', summary: 'The configuration file could not be loaded (syntax error, failed import).' },
  COST_DATA_DEPENDENT: { severity: 'warning', summary: "A node's cost depends on tensor contents (RoI sizes, adaptive sampling, a non-constant transform length); the node is left uncounted." },
  COST_SHAPE_UNKNOWN: { severity: 'warning', summary: "A node's cost needs a shape that could not be inferred; the node is left uncounted." },
  COST_SUBGRAPH_UNKNOWN: { severity: 'warning', summary: 'A control-flow node\'s body could not be counted, so the node is left uncounted.' },
  COST_UNCOUNTED_OP: { severity: 'warning', summary: 'Nodes of this op type have no cost (no rule, unknown shapes, data-dependent work); MAC and FLOP totals are incomplete.' },
  COST_UNKNOWN_TRIP_COUNT: { severity: 'warning', summary: 'A Loop\'s trip count is unknown, so its cost cannot be counted.' },
  DEVICE_INVALID: { severity: 'error', summary: 'A hardware device definition (built-in file or defineDevice in config) does not match the device schema.' },
  DEVICE_NOT_FOUND: { severity: 'error', summary: 'No hardware device has the given id or alias.' },
  DIM_ARITHMETIC_INVALID: { severity: 'error', summary: 'Dimension arithmetic was asked something undefined: division by zero, a non-integer dimension or binding, a negative power.' },
  DIM_EXPRESSION_INVALID: { severity: 'error', summary: 'A dimension expression string does not follow the expression grammar.' },
  DIM_NEGATIVE: { severity: 'warning', summary: 'A tensor declares a negative dimension; its element count is unknown (-1).' },
  DIM_OUT_OF_RANGE: { severity: 'warning', summary: 'A dimension is outside the safe integer range (±2^53); it is read as -1 (unknown).' },
  ELEMENT_COUNT_OUT_OF_RANGE: { severity: 'warning', summary: "A tensor's element count exceeds 2^53; it is clamped to Number.MAX_SAFE_INTEGER." },
  EXTERNAL_DATA_INVALID: { severity: 'error', summary: 'An external data reference is malformed (duplicate keys, empty or NUL location, bad offset or length).' },
  EXTERNAL_DATA_MISSING: { severity: 'warning', summary: 'An external data file named by a tensor does not exist; the tensor is analysed from its declared shape only.' },
  EXTERNAL_DATA_OUT_OF_RANGE: { severity: 'warning', summary: "An external tensor's offset + length runs past the end of its data file." },
  EXTERNAL_DATA_OUTSIDE_FOLDER: { severity: 'error', summary: "An external data location escapes the model's folder (.., absolute path, symlink or hard link out)." },
  FILE_NOT_FOUND: { severity: 'error', summary: 'The model file does not exist or cannot be opened.' },
  FILE_NOT_ONNX: { severity: 'error', summary: 'The file is not an ONNX model (another format was recognised).' },
  FORMAT_UNKNOWN: { severity: 'error', summary: 'The requested output format is not provided by any configured plugin.' },
  GRAPH_CYCLE: { severity: 'error', summary: 'The graph has a cycle, so it has no execution order.' },
  GRAPH_NOT_SSA: { severity: 'error', summary: 'A tensor is defined twice (duplicate initializer, two producers, an output shadowing an input).' },
  GRAPH_UNDEFINED_INPUT: { severity: 'warning', summary: 'Nodes use tensors that nothing defines; their shapes are unknown.' },
  HARDWARE_DOES_NOT_FIT: { severity: 'warning', summary: 'The estimated VRAM (weights, activations, KV cache and workspace) exceeds the memory of the selected GPU.' },
  HARDWARE_GPU_COUNT: { severity: 'warning', summary: '--gpu-count asks for more GPUs than the selected system or instance has; its GPU count is used.' },
  HARDWARE_NOT_SELECTED: { severity: 'info', summary: 'No hardware device was given or detected, so the report has no hardware estimates.' },
  HARDWARE_PEAK_FALLBACK: { severity: 'info', summary: 'The device gives no dense peak for the precision; the next wider precision\'s dense peak is used.' },
  HARDWARE_PEAK_UNKNOWN: { severity: 'warning', summary: 'The device lacks a dense peak or a memory bandwidth figure, so latency is not estimated.' },
  HARDWARE_SYMBOLS_UNBOUND: { severity: 'info', summary: 'Hardware estimates need symbols that are unbound; the headline is left empty (the sweeps may still give figures).' },
  HARDWARE_UNKNOWN: { severity: 'error', summary: 'The --hardware id or alias names no device of the hardware database or the config.' },
  INTERNAL_ERROR: { severity: 'error', summary: 'A bug in ONNX Autodoc; please report it with the --debug output.' },
  MODEL_INVALID: { severity: 'error', summary: 'The bytes are not a well-formed ONNX ModelProto.' },
  MODEL_INVALID_UTF8: { severity: 'warning', summary: 'A string in the model is not valid UTF-8; invalid bytes were replaced by U+FFFD.' },
  MODEL_TRUNCATED: { severity: 'error', summary: 'The file ends in the middle of a protobuf message.' },
  OP_ATTRIBUTE_MISSING: { severity: 'error', summary: 'A node lacks an attribute its operator requires (e.g. num_heads); the runtime would reject it.' },
  OP_DEFINITION_OVERRIDDEN: { severity: 'info', summary: 'A later op definition replaced an earlier one for the same (domain, opType, since).' },
  OPTIONS_INVALID: { severity: 'error', summary: "A plugin's options do not match its options schema." },
  PDF_CHROMIUM_MISSING: { severity: 'error', summary: 'The pdf format needs Chromium, and none was found (Debian package chromium, or AUTODOC_CHROMIUM).' },
  PDF_RENDER_FAILED: { severity: 'error', summary: 'Chromium could not print the HTML report to PDF (launch failure or timeout).' },
  PLUGIN_ERROR: { severity: 'error', summary: 'A plugin threw; the message names the plugin, hook and stage.' },
  PLUGIN_NOT_FOUND: { severity: 'error', summary: 'A plugin named in the configuration cannot be resolved.' },
  PLUGIN_REQUIRES_CYCLE: { severity: 'error', summary: "Plugins' requires form a cycle." },
  PLUGIN_REQUIRES_MISSING: { severity: 'error', summary: 'A plugin requires another plugin that is not registered.' },
  PLUGIN_SECTION_CONFLICT: { severity: 'error', summary: 'Two plugins declare the same report section, or a section collides with a core key.' },
  REPORT_INVALID: { severity: 'error', summary: 'The finished report does not match the report schema (a plugin wrote a bad section).' },
  RESOURCE_LIMIT: { severity: 'error', summary: 'A resource limit was hit (file size, node count, nesting depth, time).' },
  RISK_CONCAT_RESIDUAL: { severity: 'info', summary: 'A skip connection is merged by Concat (dense connection) instead of Add.' },
  RISK_DEEP_WITHOUT_SKIP: { severity: 'info', summary: 'A long chain of Conv/MatMul/Gemm layers is not bypassed by any skip connection.' },
  RISK_DYNAMIC_DIM_UNBOUNDED: { severity: 'info', summary: 'A graph input has a named dynamic dimension that is not bound (--dim).' },
  RISK_DYNAMIC_DIM_UNNAMED: { severity: 'warning', summary: 'A graph input has a dimension (or a whole shape) with neither a value nor a name.' },
  RISK_FP16_OVERFLOW: { severity: 'warning', summary: 'A pattern that overflows in fp16: exp without max subtraction, a large sum reduction, or squaring before a mean.' },
  RISK_HUGE_CONSTANT: { severity: 'warning', summary: 'A very large tensor is stored in a Constant node, or a single initializer is huge.' },
  RISK_OP_UNSUPPORTED: { severity: 'warning', summary: "An op is not supported by a target runtime (TensorRT, ORT Mobile, CoreML, TFLite), per that runtime's published list." },
  RISK_OPSET_TOO_NEW: { severity: 'warning', summary: "The model's ai.onnx opset is newer than the configured maximum that common runtimes support." },
  RISK_OPSET_TOO_OLD: { severity: 'warning', summary: "The model's ai.onnx opset is older than the configured minimum." },
  RISK_OVERSIZED_DENSE: { severity: 'warning', summary: 'One dense (MatMul/Gemm) weight holds a large share of all parameters.' },
  RISK_RESIDUAL_SHAPE_MISMATCH: { severity: 'warning', summary: 'A residual Add merges a shortcut and a branch of different shapes (relying on broadcasting).' },
  RISK_UNUSED_INITIALIZER: { severity: 'info', summary: 'Initializers that no node reads and that are not graph outputs.' },
  RISK_UNUSED_OUTPUT: { severity: 'info', summary: 'Nodes none of whose outputs are used (dead code).' },
  SHAPE_ATTRIBUTE_MISSING: { severity: 'error', summary: 'A node lacks an attribute its shape depends on.' },
  SHAPE_CONFLICT: { severity: 'warning', summary: 'A shape written in the model disagrees with the inferred one; the inferred one is used unless --trust-model-shapes.' },
  SHAPE_FUNCTION_RECURSION: { severity: 'warning', summary: 'Model-local functions call themselves; their outputs are left unknown.' },
  SHAPE_INVALID_AXIS: { severity: 'error', summary: 'An axis attribute or input is out of range for the tensor rank, or repeats an axis; the model would fail at run time.' },
  SHAPE_MISMATCH: { severity: 'error', summary: "A node's input shapes or attributes contradict each other; the model would fail at run time." },
  SHAPE_RULE_FAILED: { severity: 'warning', summary: "An op definition's shape rule threw something other than a coded error (a bug in the rule); the node's outputs are left unknown." },
  SHAPE_UNKNOWN_OP: { severity: 'warning', summary: 'No shape rule for this op type; its outputs are unknown (never guessed) and inference continues downstream.' },
  SUBGRAPH_UNAVAILABLE: { severity: 'error', summary: 'A rule asked for subgraph inference where none is available (OpTester examples).' },
  USAGE: { severity: 'error', summary: 'The command line is invalid.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof codes;
