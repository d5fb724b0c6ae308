/**
 * TensorProto and SparseTensorProto encoding, and the registry of external data files.
 */
import {
  DTYPES,
  type DTypeName,
  type TensorData,
  type TensorDataField,
  dtypeCode,
  encodeRawData,
  numelOf,
  rawByteLength,
  typedFieldValues,
} from './model-builder-dtypes.js';
import { seededPayload, zeroPayload } from './model-builder-payloads.js';
import { Encoder } from './proto-writer-encoder.js';
import { type Rope, type RopePiece, pieceLength } from './proto-writer-rope.js';

/** Where a tensor's bytes go when they live in a file beside the model. */
export interface ExternalOptions {
  /** Path of the data file relative to the model's folder (as written into `external_data`). */
  location: string;
  /** Byte offset in that file; defaults to the end of what earlier tensors put there. */
  offset?: number;
  /** The `length` entry to declare; defaults to the real byte length (set it to lie on purpose). */
  length?: number;
  /** `false` only references the file without writing it (for missing-file or escaping-path tests). */
  write?: boolean;
}

/** How a tensor's contents are given. Without any of data/rawBytes/seed/fill/noData the payload is zeros. */
export interface TensorOptions {
  /** Element values (numbers, bigints, booleans, strings for STRING; codes for float8/float4/e8m0). */
  data?: TensorData;
  /** Exact raw_data bytes, unchecked (hostile tests: wrong sizes). */
  rawBytes?: Uint8Array;
  /** Deterministic pseudo-random raw_data from this seed (see `seededPayload`). */
  seed?: number;
  /**
   * Generates raw_data while writing: fills `dst` with bytes `[offset, offset + dst.length)` of the
   * payload (a pure function of the offset; chunks come in any order). The length is the dtype's.
   */
  fill?: (dst: Uint8Array, offset: number) => void;
  /** The field holding the data: `raw_data` (default; `string_data` for STRING) or a typed field. */
  field?: TensorDataField;
  /** Write the payload to an external file instead of inline. */
  external?: ExternalOptions;
  /** Write no payload at all (neither raw_data nor a typed field nor external data). */
  noData?: boolean;
  /** TensorProto.doc_string. */
  docString?: string;
}

interface ExternalEntry {
  offset: number;
  piece: RopePiece;
}

/** External data files of a model, filled as tensors are added; written by `ModelBuilder.write`. */
export class ExternalFiles {
  readonly files = new Map<string, { size: number; write: boolean; entries: ExternalEntry[] }>();

  /** Records `piece` in `location` and returns the offset it gets. */
  add(location: string, piece: RopePiece, offset: number | undefined, write: boolean): number {
    let file = this.files.get(location);
    if (!file) {
      file = { size: 0, write, entries: [] };
      this.files.set(location, file);
    }
    file.write &&= write;
    const at = offset ?? file.size;
    file.entries.push({ offset: at, piece });
    file.size = Math.max(file.size, at + pieceLength(piece));
    return at;
  }
}

/** An encoded TensorProto, usable as a node attribute (`TENSOR`/`TENSORS`). */
export class TensorValue {
  constructor(
    /** The TensorProto's encoded fields. */
    readonly rope: Rope,
    readonly dtype: DTypeName,
    readonly dims: readonly number[],
  ) {}
}

/** An encoded SparseTensorProto, usable as a sparse initializer or `SPARSE_TENSOR` attribute. */
export class SparseTensorValue {
  constructor(readonly rope: Rope) {}
}

function payloadFor(dtype: DTypeName, numel: number, opts: TensorOptions): RopePiece {
  if (opts.rawBytes) return opts.rawBytes;
  if (opts.data) return encodeRawData(dtype, opts.data, numel);
  const length = rawByteLength(dtype, numel);
  if (opts.fill) return { length, fill: opts.fill };
  return opts.seed !== undefined ? seededPayload(dtype, length, opts.seed) : zeroPayload(length);
}

function writeTypedField(e: Encoder, field: Exclude<TensorDataField, 'raw_data'>, dtype: DTypeName, numel: number, data: TensorData | undefined): void {
  if (field === 'string_data') {
    const values = data ?? new Array<string>(numel).fill('');
    for (const v of values) e.bytes(6, typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(String(v), 'utf8'));
    return;
  }
  const zeros = (): number[] => {
    const packedTypes = DTYPES[dtype].bits > 0 && DTYPES[dtype].bits < 8;
    const n = packedTypes ? rawByteLength(dtype, numel) : dtype === 'COMPLEX64' || dtype === 'COMPLEX128' ? 2 * numel : numel;
    return new Array<number>(n).fill(0);
  };
  const values = data ? typedFieldValues(dtype, data, numel) : zeros();
  // protobuf serialisers omit an empty packed field entirely.
  if (values.length === 0) return;
  if (field === 'float_data') e.packedFloats(4, values as number[]);
  else if (field === 'double_data') e.packedDoubles(10, values as number[]);
  else e.packedVarints({ int32_data: 5, int64_data: 7, uint64_data: 11 }[field], values);
}

/**
 * Writes the fields of a TensorProto in field-number order (dims, data_type, typed fields, name,
 * raw_data, double/uint64 fields, doc_string, external_data, data_location) — the order protobuf
 * serialisers use, so the bytes equal what onnx's Python helpers produce.
 */
export function writeTensorBody(
  e: Encoder,
  name: string | undefined,
  dtype: DTypeName,
  dims: readonly number[],
  opts: TensorOptions,
  external: ExternalFiles | undefined,
): void {
  const numel = numelOf(dims);
  for (const d of dims) e.varint(1, d);
  e.varint(2, dtypeCode(dtype));
  const field: TensorDataField = opts.field ?? (dtype === 'STRING' ? 'string_data' : 'raw_data');
  const inline = !opts.noData && !opts.external;
  if ([opts.data, opts.rawBytes, opts.seed, opts.fill].filter((x) => x !== undefined).length > 1) {
    throw new TypeError(`tensor '${name ?? ''}': give only one of data, rawBytes, seed, fill`);
  }
  if (inline && field !== 'raw_data' && (opts.rawBytes || opts.seed !== undefined || opts.fill)) {
    throw new TypeError(`tensor '${name ?? ''}': rawBytes, seed and fill go in raw_data, not ${field}`);
  }
  const early = inline && (field === 'float_data' || field === 'int32_data' || field === 'string_data' || field === 'int64_data');
  if (early) writeTypedField(e, field, dtype, numel, opts.data);
  if (name !== undefined) e.string(8, name);
  if (inline && field === 'raw_data') e.piece(9, payloadFor(dtype, numel, opts));
  if (inline && (field === 'double_data' || field === 'uint64_data')) writeTypedField(e, field, dtype, numel, opts.data);
  if (opts.docString !== undefined) e.string(12, opts.docString);
  if (opts.external && !opts.noData) {
    if (!external) throw new TypeError(`tensor '${name ?? ''}': external data needs a model builder`);
    if (dtype === 'STRING') throw new TypeError(`tensor '${name ?? ''}': STRING tensors cannot use external data`);
    const piece = payloadFor(dtype, numel, opts);
    const x = opts.external;
    const offset = external.add(x.location, piece, x.offset, x.write !== false);
    const entry = (key: string, value: string) =>
      e.message(13, (kv) => {
        kv.string(1, key);
        kv.string(2, value);
      });
    entry('location', x.location);
    entry('offset', String(offset));
    entry('length', String(x.length ?? pieceLength(piece)));
    e.varint(14, 1); // data_location = EXTERNAL
  }
}

/** Encodes a standalone TensorProto (for attributes and sparse parts). */
export function encodeTensor(
  name: string | undefined,
  dtype: DTypeName,
  dims: readonly number[],
  opts: TensorOptions,
  external: ExternalFiles | undefined,
): TensorValue {
  const e = new Encoder();
  writeTensorBody(e, name, dtype, dims, opts, external);
  return new TensorValue(e.finish(), dtype, dims);
}

/** Contents of a sparse tensor in COO form. */
export interface SparseTensorOptions {
  /** Values of the non-zero elements (one per index). */
  values: TensorData;
  /**
   * Indices of the non-zero elements: linearised positions (`[NNZ]`, the default) or
   * per-dimension coordinates flattened row-major (`[NNZ, rank]` when `coordinates` is true).
   */
  indices: readonly (number | bigint)[];
  coordinates?: boolean;
}

/** Encodes a SparseTensorProto (values named `name`, INT64 indices, dense dims). */
export function encodeSparseTensor(name: string | undefined, dtype: DTypeName, dims: readonly number[], opts: SparseTensorOptions): SparseTensorValue {
  const nnz = opts.values.length / (dtype === 'COMPLEX64' || dtype === 'COMPLEX128' ? 2 : 1);
  const indexDims = opts.coordinates ? [nnz, dims.length] : [nnz];
  const e = new Encoder();
  e.message(1, (v) => writeTensorBody(v, name, dtype, [nnz], { data: opts.values }, undefined));
  e.message(2, (i) => writeTensorBody(i, undefined, 'INT64', indexDims, { data: opts.indices as readonly bigint[] }, undefined));
  for (const d of dims) e.varint(3, d);
  return new SparseTensorValue(e.finish());
}
