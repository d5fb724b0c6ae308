import { type Dim, format, isSymbolic, symbols as symbolsOf, toJSONValue } from '../dims/index.js';
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
import { deepFreeze, markFrozenThroughout } from './deep-freeze.js';
import { blockFrom } from './block-of.js';
import { boundValue } from './figures.js';
import type { LayerTable } from './layer-table.js';
import type { LayerRow, Report, ReportDraft, TensorJsonValue } from './report-types.js';
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
  /** The run budget's check, called every 16,384 layer rows (a million rows take ~190 MB). */
  readonly check?: (stage: string) => void;
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
  if (!options.summary && !options.omitLayers) draft.layers = layerRows(input);
  input.run.hooks.finalize.call({ report: draft, diagnostics: input.diagnostics, options });
  (draft.dims as { symbols: string[] }).symbols = [...symbolSet].sort();
  draft.diagnostics = [...input.diagnostics.list()];
  const schema = composeReportSchema(input.run.sections);
  assertValid(schema, draft, 'REPORT_INVALID', 'The report', 'A plugin wrote a section that does not match its schema; run with --debug and report it to the plugin authors.');
  return deepFreeze(draft) as Report;
}

/** The `layers[]` rows, frozen as they are made (finalize taps read them; figures come from ctx.layers). */
function layerRows(input: AssembleInput): LayerRow[] {
  const rows: LayerRow[] = [];
  const bindings = input.options.bindings;
  for (const node of walkAllNodes(input.graph)) {
    if ((rows.length & 0x3fff) === 0x3fff) input.check?.('writing layers[]');
    const f = input.layers.get(node) ?? {};
    const row: LayerRow = {
      name: node.name,
      opType: node.opType,
      domain: node.domain,
      inputs: valueNames(node.inputs),
      outputs: valueNames(node.outputs),
      params: f.params ?? null,
      macs: boundValue(f.macs, bindings),
      flops: boundValue(f.flops, bindings),
      outputBytes: boundValue(f.outputBytes, bindings),
      block: blockFrom(f.block, node),
    };
    if (f.costStatus) row.costStatus = f.costStatus;
    if (f.macs !== undefined && isSymbolic(f.macs)) row.macsExpression = format(f.macs);
    if (f.flops !== undefined && isSymbolic(f.flops)) row.flopsExpression = format(f.flops);
    if (f.outputBytes !== undefined && isSymbolic(f.outputBytes)) row.outputBytesExpression = format(f.outputBytes);
    if (node.graphPath !== input.graph.path) row.path = node.graphPath;
    rows.push(Object.freeze(row));
  }
  return markFrozenThroughout(rows);
}

/** The names a node reads or writes, as in the file: '' for an optional one left empty. */
function valueNames(values: readonly (Value | undefined)[]): string[] {
  const names = new Array<string>(values.length);
  for (let k = 0; k < values.length; k++) names[k] = values[k]?.name ?? '';
  return Object.freeze(names) as string[];
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
