// Public API of @autodoc/core. Plugin authors import only from here (and '@autodoc/core/testing').

// Symbolic dims
export * as dims from './dims/index.js';
export type { Dim } from './dims/index.js';

// Graph IR
export type { Graph, Node, Value, ValueKind } from './ir/graph.js';
export { tensorOf } from './ir/graph.js';
export type { DTypeName, InferredType, TensorType, ValueType } from './ir/value-type.js';
export { isTensorType, tensorType } from './ir/value-type.js';
export { buildGraph } from './ir/build-graph.js';
export { constantTest } from './ir/constant-values.js';
export { weightBehind } from './ir/weight-behind.js';
export { type SkipLink, skipLinkOf } from './ir/skip-links.js';
export { nodesOfType, type OpKindCount, type OpKindNodes, opKindCounts, opKindsOf } from './ir/nodes-of-type.js';
export { nameScope } from './ir/name-scope.js';

// ONNX reader
export * from './onnx/index.js';

// Ops
export { defineOp, normalizeDomain } from './ops/define-op.js';
export type { CostRule, OpDefinition, OpDefinitionInput, OpExample, ShapeRule } from './ops/define-op.js';
export type { AttrValue, OpCost, OpNode, TensorArg } from './ops/op-node.js';
export { createOpNode, tensorArg } from './ops/op-node-impl.js';
export type { NameSource, OpNodeParts } from './ops/op-node-impl.js';
export { opNodeParts, valueArg } from './ops/node-parts.js';
export { broadcastShapes } from './ops/broadcast.js';
export { MAX_RANK } from './ops/limits.js';
export { OpRegistry } from './ops/op-registry.js';
export { ResultsByTypes, reusableByTypes } from './ops/results-by-types.js';
export { costKind, renderOpReference } from './ops/op-reference.js';

// Plugins and lifecycle
export { Stage, stageName } from './plugin/stages.js';
export type { StageName } from './plugin/stages.js';
export { definePlugin, definePreset, isPlugin, isPreset } from './plugin/define-plugin.js';
export type { Plugin, PluginContributions, PluginDefinition, PluginHost, PluginRef, PluginSpec, Preset } from './plugin/define-plugin.js';
export { isLazyFormatPlugin, lazyFormatPlugin } from './plugin/lazy-format-plugin.js';
export type { FormatSummary, LazyFormatPlugin } from './plugin/lazy-format-plugin.js';
export type { Hooks } from './plugin/hooks.js';
export type {
  AnalysisContext,
  DiagnosticSink,
  FailedContext,
  FinalizeContext,
  GraphContext,
  LoadContext,
  ModelSource,
  RenderedFile,
  RenderHookContext,
} from './plugin/contexts.js';
export type { ConverterDefinition, FormatDefinition, FormatRenderContext, JsonSchema, SectionDefinition, SectionView } from './plugin/contributions.js';

// Config
export { defineConfig } from './config/define-config.js';
export type { AutodocConfig } from './config/define-config.js';
export { loadConfig } from './config/load-config.js';
export { resolvePlugins } from './config/resolve-plugins.js';
export type { ConfiguredPlugin } from './config/resolve-plugins.js';

// Running
export { analyzeModel, walkAllGraphs, walkAllNodes } from './pipeline/analyze.js';
export type { AnalysisResult } from './pipeline/analyze.js';
export { renderReport, writeRenderedFiles } from './pipeline/render.js';
export { guardedHeapBytes, nodeHeapLimitBytes, oldSpaceMiBFor } from './pipeline/budget.js';
export { defaultRunOptions } from './pipeline/run-options.js';
export type { Precision, RunOptions } from './pipeline/run-options.js';
export { createRunner } from './container.js';
export type { Runner } from './container.js';

// Report
// Plugins describe their report sections and options with TypeBox; importing it from here keeps one
// copy (and one version) of it in a run.
export { type Static, type TSchema, Type } from 'typebox';
export { SCHEMA_VERSION } from './report/base-schema.js';
export { composeReportSchema } from './report/compose-schema.js';
export { boundValue, countJson, symbolicCount } from './report/figures.js';
export { blockOf } from './report/block-of.js';
export { precisionBits, valueBytes } from './report/bytes.js';
export type { CountJson } from './report/figures.js';
export { Count, DimJson, ShapeJson, SymbolicCount, TensorJson } from './report/schema-parts.js';
export type { LayerRow, Report, ReportDraft } from './report/report-types.js';
export type { LayerFigures, LayerTable } from './report/layer-table.js';
export { tensorJson } from './report/assemble-report.js';
export { jsonChunks, writeJsonChunks, type WriteJsonOptions } from './report/json-chunks.js';
export { markFrozenThroughout } from './report/deep-freeze.js';
export { JsonBytes, jsonText } from './report/json-bytes.js';
export { NameJson } from './report/name-json.js';
export { defineLazyRows, LAZY_ROWS_MIN, pendingRows, type LazyRows } from './report/lazy-rows.js';
export { TopK } from './report/top-k.js';
export { StageTimer, stageTimer } from './pipeline/stage-timer.js';
export { ajv, assertValid, validateAgainst } from './report/validator.js';
export { cachedJson, jsonCacheFile } from './report/cached-json.js';
export { toolInfo } from './tool-info.js';

// Diagnostics
export { AutodocError, isAutodocError } from './diagnostics/autodoc-error.js';
export type { Diagnostic, NodeLocation } from './diagnostics/diagnostic.js';
export { codes } from './diagnostics/codes.js';
export type { Code, CodeInfo } from './diagnostics/codes.js';
export { createDiagnosticSink } from './diagnostics/sink.js';

// System dependencies (converters, PDF)
export { findPython, pythonCandidates } from './system/find-python.js';
export { findChromium } from './system/find-chromium.js';

// Rendering helpers for formats
export * from './render/index.js';
