/**
 * The shapes the streaming ONNX reader produces. They mirror onnx.proto (IR versions 3–13) closely,
 * with two deliberate differences: weight bytes are never held (a tensor records where its data lies),
 * and int64 values become JS numbers (see each field for what happens outside the safe range).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** A dimension: `dim_value` (a number; `-1` when outside ±2^53), `dim_param` (a symbol) or `null` (unknown). */
export type OnnxDim = number | string | null;

/** A value's type (TypeProto). `shape` undefined = rank unknown; `[]` = scalar. */
export type OnnxType =
  | { kind: 'tensor'; elemType: number; shape?: OnnxDim[] }
  | { kind: 'sparse_tensor'; elemType: number; shape?: OnnxDim[] }
  | { kind: 'sequence'; elem?: OnnxType }
  | { kind: 'map'; keyType: number; value?: OnnxType }
  | { kind: 'optional'; elem?: OnnxType };

/** A ValueInfoProto. `type` is undefined when absent or of a kind the reader does not model (opaque). */
export interface OnnxValueInfo {
  name: string;
  type?: OnnxType;
  docString: string;
}

/** Which TensorProto field holds a tensor's data in the model file. */
export type TensorPayloadField = 'raw_data' | 'float_data' | 'int32_data' | 'string_data' | 'int64_data' | 'double_data' | 'uint64_data';

/**
 * Where a tensor's data lies in the model file (absolute byte offsets; plain numbers, valid past 4 GB).
 * For `raw_data` and a single packed typed field, `[offset, offset + length)` are the value bytes.
 * When `unpacked` is true (unpacked repeated elements, `string_data`, or a field split over several
 * records), the span starts at the first field record's tag and covers every record of `field`;
 * other fields inside the span are skipped when reading.
 */
export interface TensorPayload {
  field: TensorPayloadField;
  offset: number;
  length: number;
  unpacked?: boolean;
}

/** External data of a tensor (`data_location = EXTERNAL`), checked at load by stat only. */
export interface OnnxExternalData {
  /** `location` as written in the model (relative to the model's folder). */
  location: string;
  offset: number;
  length?: number;
  checksum?: string;
  /** Real path of the data file, set only when it exists, is a regular file and lies inside an allowed root. */
  path?: string;
}

/** A TensorProto without its data. */
export interface OnnxTensor {
  name: string;
  /** TensorProto.DataType code (see dtypes.ts). */
  dataType: number;
  /** Dimensions; a dim outside ±2^53 is `-1` (with a `DIM_OUT_OF_RANGE` warning). */
  dims: number[];
  docString: string;
  /** Data stored in this file. */
  payload?: TensorPayload;
  /** Data stored in another file. */
  external?: OnnxExternalData;
  /**
   * Product of dims (1 for a scalar), clamped to Number.MAX_SAFE_INTEGER with a warning when larger;
   * -1 when a dim is negative (unknown).
   */
  elementCount: number;
}

/** A SparseTensorProto. */
export interface OnnxSparseTensor {
  values: OnnxTensor;
  indices: OnnxTensor;
  dims: number[];
}

/** AttributeProto.AttributeType names. */
export type AttributeType =
  | 'UNDEFINED'
  | 'FLOAT'
  | 'INT'
  | 'STRING'
  | 'TENSOR'
  | 'GRAPH'
  | 'SPARSE_TENSOR'
  | 'TYPE_PROTO'
  | 'FLOATS'
  | 'INTS'
  | 'STRINGS'
  | 'TENSORS'
  | 'GRAPHS'
  | 'SPARSE_TENSORS'
  | 'TYPE_PROTOS';

/**
 * An AttributeProto. `type` is inferred from the value present when the file leaves it UNDEFINED (IR 1).
 * int64 values (`i`, `ints`) outside ±2^53 become the nearest double (INT64_MAX sentinels stay huge).
 */
export interface OnnxAttribute {
  name: string;
  type: AttributeType;
  refAttrName?: string;
  docString?: string;
  f?: number;
  i?: number;
  s?: string;
  t?: OnnxTensor;
  g?: OnnxGraph;
  sparseTensor?: OnnxSparseTensor;
  tp?: OnnxType;
  floats?: number[];
  ints?: number[];
  strings?: string[];
  tensors?: OnnxTensor[];
  graphs?: OnnxGraph[];
  sparseTensors?: OnnxSparseTensor[];
  typeProtos?: OnnxType[];
}

/** A NodeProto; `domain` '' is normalised to 'ai.onnx'. */
export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  overload?: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
  docString: string;
}

/** A GraphProto. `inputs` lists every declared input, initializers included (IR < 4 declares them). */
export interface OnnxGraph {
  name: string;
  docString: string;
  /**
   * The nodes in file order. In a graph made by the reader this list is built on first access from
   * the columns the reader decodes into (see node-table.ts); the IR never asks for it.
   */
  nodes: OnnxNode[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: OnnxValueInfo[];
  initializers: OnnxTensor[];
  sparseInitializers: OnnxSparseTensor[];
}

/** A model-local FunctionProto. */
export interface OnnxFunction {
  domain: string;
  name: string;
  overload?: string;
  inputs: string[];
  outputs: string[];
  attributes: string[];
  attributeProtos: OnnxAttribute[];
  nodes: OnnxNode[];
  /** Domain → version ('' normalised to 'ai.onnx'); a null-prototype object. */
  opsetImports: Record<string, number>;
  docString: string;
  valueInfo: OnnxValueInfo[];
}

/** A decoded ModelProto. */
export interface OnnxModel {
  path: string;
  fileBytes: number;
  irVersion?: number;
  /** Domain → version; '' and 'ai.onnx' both normalised to 'ai.onnx'; a null-prototype object. */
  opsetImports: Record<string, number>;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion?: number;
  docString: string;
  /** metadata_props; a null-prototype object (keys such as `__proto__` are plain keys). */
  metadata: Record<string, string>;
  graph: OnnxGraph;
  functions: OnnxFunction[];
  /** Non-fatal findings, aggregated (one entry per code and message, with a count). */
  warnings: Diagnostic[];
}

/** Options of {@link readModel}. */
export interface ReadOptions {
  /** More folders (besides the model's own) that external data may resolve into. */
  allowExternalRoots?: string[];
  /** Refuse files larger than this (RESOURCE_LIMIT). */
  maxFileBytes?: number;
  /**
   * Largest read window in bytes (default 16 MiB). Tests use tiny values (e.g. 64) to cross chunk
   * boundaries everywhere; the decoder's results do not depend on it.
   */
  chunkBytes?: number;
  /** Called at every window refill (the run's time budget and memory guard); may throw to stop the read. */
  budget?: { check(stage: string): void };
}
