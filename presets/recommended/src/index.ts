import { definePreset } from '@autodoc/core';
import flops from '@autodoc/plugin-flops';
import graph from '@autodoc/plugin-graph';
import hardware from '@autodoc/plugin-hardware-estimates';
import memory from '@autodoc/plugin-memory';
import opsOnnx from '@autodoc/plugin-ops-onnx';
import opsOrt from '@autodoc/plugin-ops-ort';
import params from '@autodoc/plugin-params';
import patterns from '@autodoc/plugin-patterns';
import risks from '@autodoc/plugin-risks';
import shapes from '@autodoc/plugin-shapes';
import { formatCsv, formatHtml, formatJson, formatMarkdown, formatPdf, formatTerminal } from './formats.js';

/**
 * Every built-in analysis and format, in the order a reader meets them. A flat list: a config that
 * wants less lists plugins itself; one that wants more adds them after this preset. The formats are
 * named, not loaded: each loads when it first renders (./formats.ts).
 */
export default definePreset({
  name: 'recommended',
  plugins: [
    opsOnnx, // shape and cost rules for ai.onnx / ai.onnx.ml
    opsOrt, // shape and cost rules for ONNX Runtime's com.microsoft contrib ops
    shapes, // dtype and symbolic shape of every value (stage Shapes)
    patterns, // block tree (stage Structure), patterns, family, transformer facts (stage Patterns)
    params, // parameter counts by role, op type, block, dtype (stage Count)
    flops, // MACs and FLOPs per node, symbolic totals, uncounted ops (stage Count)
    memory, // weights, activation liveness peak, KV cache (stage Derive; requires params)
    hardware, // VRAM fit, roofline latency, multi-GPU, sweeps on --hardware (stage Estimate)
    risks, // deployment risks as RISK_* diagnostics (stage Risks)
    graph, // node counts, op histogram, tensors (stage Summarize)
    formatJson, // --format json: the report itself
    formatMarkdown, // --format markdown (md): the model card
    formatHtml, // --format html: single self-contained file with charts and the layer table
    formatPdf, // --format pdf: the HTML printed by Chromium
    formatCsv, // --format csv: the per-layer table
    formatTerminal, // default on a TTY: compact summary
  ],
});
