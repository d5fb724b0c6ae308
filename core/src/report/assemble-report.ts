import { type Dim, isSymbolic, symbols as symbolsOf, toJSONValue } from '../dims/index.js';
import type { DiagnosticSink } from '../plugin/contexts.js';
import type { Graph, Value } from '../ir/graph.js';
import type { ValueType } from '../ir/value-type.js';
import { dataTypeName } from '../onnx/index.js';
import type { OnnxModel, OnnxType } from '../onnx/types.js';
import type { PreparedRun } from '../pipeline/prepare-run.js';
import type { RunOptions } from '../pipeline/run-options.js';
import { walkAllNodes } from '../pipeline/analyze.js';
import { toolInfo } from '../tool-info.js';
import { SCHEMA_VERSION } from './base-schema.js';
import { composeReportSchema } from './compose-schema.js';
import { deepFreeze } from './deep-freeze.js';
import { LayerRows } from './layer-rows.js';
import type { LayerTable } from './layer-table.js';
import { defineLazyRows, hasPendingRows, pendingRows } from './lazy-rows.js';
import type { Report, ReportDraft, TensorJsonValue } from './report-types.js';
import { assertValid } from './validator.js';

interface AssembleInput {
  readonly model: OnnxModel;
  readonly graph: Graph;
  readonly options: RunOptions;
  readonly sections: ReadonlyMap<string, unknown>;
  readonly layers: LayerTable;
  readonly diagnostics: DiagnosticSink;
  readonly run: PreparedRun;
  readonly convertedFrom?: string;
  readonly displayPath: string;
  /** The run's memory guard, called every 16,384 layer rows made as objects (a million take ~190 MB). */
  readonly checkMemory?: (stage: string) => void;
}

/** Builds the core keys, merges the sections, runs `finalize`, then validates and deep-freezes. */
export function assembleReport(input: AssembleInput): Report {
  const { model, graph, options } = input;
  const symbolSet = new Set<string>();
  const io = (v: Value) => tensorJson(v, symbolSet);
  const draft: ReportDraft = {
    schemaVersion: SCHEMA_VERSION,
    tool: toolInfo(),
    model: {
      path: input.displayPath,
      fileName: input.displayPath,
      fileBytes: model.fileBytes,
      irVersion: model.irVersion ?? null,
      producer: model.producerName,
      producerVersion: model.producerVersion,
      domain: model.domain,
      modelVersion: model.modelVersion ?? null,
      docString: model.docString,
      graphName: model.graph.name,
      opsetImports: { ...model.opsetImports },
      metadata: { ...model.metadata },
      inputs: graph.inputs.map(io),
      outputs: graph.outputs.map(io),
      ...(input.convertedFrom ? { convertedFrom: input.convertedFrom } : {}),
    },
    dims: { symbols: [] as string[], bindings: { ...options.bindings } },
  };
  for (const [key, value] of input.sections) draft[key] = value;
  if (!options.summary && !options.omitLayers) {
    const rows = new LayerRows({ nodes: walkAllNodes(graph), rootPath: graph.path, layers: input.layers, bindings: options.bindings, checkMemory: input.checkMemory });
    // Rows made at once check their figures as they are made; rows kept for later, now.
    if (defineLazyRows(draft, 'layers', rows)) rows.assertFigures();
  }
  input.run.hooks.finalize.call({ report: draft, diagnostics: input.diagnostics, options });
  (draft.dims as { symbols: string[] }).symbols = [...symbolSet].sort();
  draft.diagnostics = [...input.diagnostics.list()];
  const schema = composeReportSchema(input.run.sections);
  assertValid(schema, withoutPendingRows(draft), 'REPORT_INVALID', 'The report', 'A plugin wrote a section that does not match its schema; run with --debug and report it to the plugin authors.');
  return deepFreeze(draft) as Report;
}

/**
 * What the schema validates: the draft without the tables not made yet, at its top level and in a
 * section (deeper ones are made by the validator's read). Such tables are not validated: their
 * sources make rows their schema allows (LayerRows checks the figures plugins gave it).
 */
function withoutPendingRows(draft: ReportDraft): ReportDraft {
  const view = ownKeysButPending(draft);
  for (const key of Object.keys(view)) {
    const value = view[key];
    if (isPlainObject(value) && hasPendingRows(value)) view[key] = ownKeysButPending(value);
  }
  return view;
}

function ownKeysButPending(object: ReportDraft): ReportDraft {
  const view: ReportDraft = {};
  for (const key of Object.keys(object)) if (!pendingRows(object, key)) view[key] = object[key];
  return view;
}

function isPlainObject(value: unknown): value is ReportDraft {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value's type as the report prints it: inferred when known, else as declared in the file. */
export function tensorJson(v: Value, symbolSet?: Set<string>): TensorJsonValue {
  if (!v.type) return declaredJson(v.name, v.declared, symbolSet);
  const type = v.type;
  if (type.kind === 'tensor' || type.kind === 'sparse_tensor') {
    const shape = type.shape ? type.shape.map((d) => dimJson(d, symbolSet)) : null;
    return { name: v.name, dtype: type.dtype ?? null, shape, ...(type.kind === 'sparse_tensor' ? { kind: 'sparse_tensor' } : {}) };
  }
  return { name: v.name, dtype: null, shape: null, kind: describeType(type) };
}

function declaredJson(name: string, t: OnnxType | undefined, symbolSet?: Set<string>): TensorJsonValue {
  if (!t) return { name, dtype: null, shape: null };
  if (t.kind === 'tensor' || t.kind === 'sparse_tensor') {
    for (const d of t.shape ?? []) if (typeof d === 'string') symbolSet?.add(d);
    return { name, dtype: dataTypeName(t.elemType) ?? null, shape: t.shape ? [...t.shape] : null };
  }
  return { name, dtype: null, shape: null, kind: t.kind };
}

function dimJson(d: Dim, symbolSet?: Set<string>): number | string {
  if (symbolSet && isSymbolic(d)) for (const s of symbolsOf(d)) symbolSet.add(s);
  return toJSONValue(d);
}

function describeType(t: ValueType | undefined): string {
  if (!t) return 'unknown';
  switch (t.kind) {
    case 'sequence':
      return `sequence<${describeType(t.elem)}>`;
    case 'optional':
      return `optional<${describeType(t.elem)}>`;
    case 'map':
      return `map<${t.keyType},${describeType(t.value)}>`;
    default:
      return `tensor<${t.dtype ?? '?'}>`;
  }
}
