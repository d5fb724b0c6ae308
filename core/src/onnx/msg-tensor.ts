/**
 * TensorProto and SparseTensorProto. A tensor's data is never decoded here: raw_data and the typed
 * data fields are recorded as a span of the file ({@link TensorPayload}); external_data entries are
 * kept raw for the post-load checks in external.ts.
 */
import { CHILD, type Container, type DecodeContext, type ExternalRef, PAYLOAD, SKIP, VALUE, actionTable, wrongWire } from './decoder.js';
import { storageBytes } from './dtypes.js';
import { entryField, int32Field, readDims, stringField } from './msg-values.js';
import type { OnnxSparseTensor, OnnxTensor, TensorPayloadField } from './types.js';
import { type Cursor, I32, I64, VARINT, skipField } from './wire.js';

/** TensorProto field number → payload field name. */
const PAYLOAD_FIELDS: (TensorPayloadField | undefined)[] = [];
PAYLOAD_FIELDS[4] = 'float_data';
PAYLOAD_FIELDS[5] = 'int32_data';
PAYLOAD_FIELDS[6] = 'string_data';
PAYLOAD_FIELDS[7] = 'int64_data';
PAYLOAD_FIELDS[9] = 'raw_data';
PAYLOAD_FIELDS[10] = 'double_data';
PAYLOAD_FIELDS[11] = 'uint64_data';

/** Wire type of one unpacked element of each typed field. */
const ELEMENT_WIRE: number[] = [];
ELEMENT_WIRE[4] = I32;
ELEMENT_WIRE[5] = VARINT;
ELEMENT_WIRE[7] = VARINT;
ELEMENT_WIRE[10] = I64;
ELEMENT_WIRE[11] = VARINT;

/** A fresh, empty tensor. */
export function newTensor(): OnnxTensor {
  return { name: '', dataType: 0, dims: [], docString: '', elementCount: 1 };
}

/** A fresh sparse tensor with empty parts. */
export function newSparse(): OnnxSparseTensor {
  return { values: newTensor(), indices: newTensor(), dims: [] };
}

function varintSize(n: number): number {
  let s = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    s++;
  }
  return s;
}

/**
 * Widens the payload to a span of field records `[tagAt, end)` (unpacked elements, string_data, or
 * a packed field split over several records). raw_data wins over typed fields; a second, different
 * typed field is ignored (onnx.proto allows one).
 */
function addSpan(t: OnnxTensor, field: TensorPayloadField, tagAt: number, end: number): void {
  const p = t.payload;
  if (p === undefined) {
    t.payload = { field, offset: tagAt, length: end - tagAt, unpacked: true };
    return;
  }
  if (p.field !== field) return;
  // A packed record's key is one byte (fields ≤ 15) followed by its length varint.
  const from = p.unpacked ? p.offset : p.offset - 1 - varintSize(p.length);
  t.payload = { field, offset: from, length: end - from, unpacked: true };
}

function externalRef(ctx: DecodeContext, t: OnnxTensor): ExternalRef {
  let ref = ctx.externals.get(t);
  if (!ref) {
    ref = { tensor: t, entries: [], dataLocation: 0 };
    ctx.externals.set(t, ref);
  }
  return ref;
}

/**
 * Product of dims. Plain doubles are exact here: every partial product of non-negative integers is
 * either ≤ 2^53 (exact) or already larger than the final clamp, so BigInt would give the same answer.
 */
export function countElements(ctx: DecodeContext, dims: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d < 0) {
      ctx.warnings.add(
        'DIM_NEGATIVE',
        'A tensor has a negative or unrepresentable dimension; its element count is unknown (-1).',
        'Check the exporter: stored tensors need non-negative dims.',
      );
      return -1;
    }
    n *= d;
  }
  if (n > Number.MAX_SAFE_INTEGER) {
    ctx.warnings.add(
      'ELEMENT_COUNT_OUT_OF_RANGE',
      'A tensor has more than 2^53 elements; its count is clamped to Number.MAX_SAFE_INTEGER.',
      'No real tensor is this large; the dims are probably corrupt.',
    );
    return Number.MAX_SAFE_INTEGER;
  }
  return n;
}

/** TensorProto. */
export const TENSOR: Container<OnnxTensor> = {
  name: 'TensorProto',
  actions: actionTable({
    1: VALUE,
    2: VALUE,
    3: SKIP,
    4: PAYLOAD,
    5: PAYLOAD,
    6: PAYLOAD,
    7: PAYLOAD,
    8: VALUE,
    9: PAYLOAD,
    10: PAYLOAD,
    11: PAYLOAD,
    12: VALUE,
    13: VALUE,
    14: VALUE,
    16: SKIP,
  }),
  children: [],
  field(ctx, t, f, w, c: Cursor, limit) {
    switch (f) {
      case 1:
        readDims(ctx, c, w, limit, t.dims, 'TensorProto', 1);
        return true;
      case 2:
        t.dataType = int32Field(c, w, limit, 'TensorProto', 2);
        return true;
      case 8:
        t.name = stringField(ctx, c, w, limit, 'TensorProto', 8);
        return true;
      case 12:
        t.docString = stringField(ctx, c, w, limit, 'TensorProto', 12);
        return true;
      case 13:
        externalRef(ctx, t).entries.push(entryField(ctx, c, w, limit, 'TensorProto', 13));
        return true;
      case 14:
        externalRef(ctx, t).dataLocation = int32Field(c, w, limit, 'TensorProto', 14);
        return true;
      case 4:
      case 5:
      case 7:
      case 10:
      case 11: {
        // One unpacked element (packed runs arrive as PAYLOAD through the drivers).
        if (w !== ELEMENT_WIRE[f]) wrongWire(c, this, f, w);
        const tagAt = c.base + c.tagStart;
        skipField(c, w, limit);
        addSpan(t, PAYLOAD_FIELDS[f]!, tagAt, c.base + c.pos);
        return true;
      }
      default:
        return false;
    }
  },
  payload(_ctx, t, f, start, length, tagAt) {
    const field = PAYLOAD_FIELDS[f]!;
    if (field === 'raw_data') t.payload = { field, offset: start, length };
    else if (field === 'string_data' || t.payload !== undefined) addSpan(t, field, tagAt, start + length);
    else t.payload = { field, offset: start, length };
  },
  finish(ctx, t) {
    t.elementCount = countElements(ctx, t.dims);
    checkPayloadSize(ctx, t);
  },
};

/**
 * Warns when a tensor's inline bytes disagree with its declared size: raw_data of the wrong length,
 * a packed float/double list of the wrong count, or no data at all for a non-empty tensor. The
 * numbers stay declared-only (nothing is allocated from the dims); readTensorValues already refuses
 * such payloads. External tensors are checked against their files in external.ts.
 */
function checkPayloadSize(ctx: DecodeContext, t: OnnxTensor): void {
  const n = t.elementCount;
  if (n <= 0 || ctx.externals.get(t)?.dataLocation === 1) return;
  const p = t.payload;
  let expected: number | undefined;
  let actual: number | undefined;
  if (!p) {
    expected = storageBytes(t.dataType, n) ?? n;
    actual = 0;
  } else if (p.field === 'raw_data') {
    expected = storageBytes(t.dataType, n);
    actual = p.length;
  } else if (!p.unpacked && (p.field === 'float_data' || p.field === 'double_data')) {
    const width = p.field === 'float_data' ? 4 : 8;
    const complex = t.dataType === 14 || t.dataType === 15; // COMPLEX64/128: two values per element
    expected = n * (complex ? 2 : 1);
    actual = p.length / width;
  }
  if (expected === undefined || actual === expected) return;
  ctx.warnings.add(
    'TENSOR_DATA_SIZE_MISMATCH',
    "Some tensors' stored data disagrees with the size their dims and data type declare; their contents are not used.",
    'The file is corrupt or was edited by hand; re-export the model.',
  );
}

/** SparseTensorProto. */
export const SPARSE: Container<OnnxSparseTensor> = {
  name: 'SparseTensorProto',
  actions: actionTable({ 1: CHILD, 2: CHILD, 3: VALUE }),
  children: [undefined, TENSOR, TENSOR],
  field(ctx, s, f, w, c, limit) {
    if (f !== 3) return false;
    readDims(ctx, c, w, limit, s.dims, 'SparseTensorProto', 3);
    return true;
  },
  child(s, f) {
    return f === 1 ? s.values : s.indices;
  },
  finish() {},
};
