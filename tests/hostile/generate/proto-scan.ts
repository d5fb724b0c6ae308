/**
 * A small, independent protobuf scanner that knows which ONNX fields are sub-messages (from
 * onnx.proto), used to find message boundaries for truncation cases and as the tree the
 * structure-aware fuzzer mutates. It is deliberately separate from the reader under test.
 */

/** Sub-message fields per message type (field number → message type), from onnx.proto. */
export const SCHEMA: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  Model: { 7: 'Graph', 8: 'OperatorSetId', 14: 'Entry', 25: 'Function' },
  Graph: { 1: 'Node', 5: 'Tensor', 11: 'ValueInfo', 12: 'ValueInfo', 13: 'ValueInfo', 15: 'Sparse' },
  Node: { 5: 'Attribute' },
  Attribute: { 5: 'Tensor', 6: 'Graph', 10: 'Tensor', 11: 'Graph', 14: 'Type', 15: 'Type', 22: 'Sparse', 23: 'Sparse' },
  Tensor: { 13: 'Entry' },
  Sparse: { 1: 'Tensor', 2: 'Tensor' },
  ValueInfo: { 2: 'Type' },
  Type: { 1: 'TensorType', 4: 'Sequence', 5: 'Map', 8: 'TensorType', 9: 'Optional' },
  TensorType: { 2: 'Shape' },
  Shape: { 1: 'Dimension' },
  Sequence: { 1: 'Type' },
  Optional: { 1: 'Type' },
  Map: { 2: 'Type' },
  Function: { 7: 'Node', 9: 'OperatorSetId', 11: 'Attribute', 12: 'ValueInfo' },
  OperatorSetId: {},
  Entry: {},
  Dimension: {},
};

/** One field of a scanned message. */
export interface ScannedField {
  readonly field: number;
  readonly wire: number;
  /** Offset of the key. */
  readonly start: number;
  /** Offset of the value (after the key, and after the length for wire type 2). */
  readonly valueStart: number;
  /** Offset just past the field. */
  readonly end: number;
  /** Message type when the field is a known sub-message that scanned cleanly. */
  readonly type?: string;
  readonly children?: readonly ScannedField[];
}

function varint(b: Uint8Array, p: number, end: number): [bigint, number] | undefined {
  let v = 0n;
  for (let i = 0; i < 10; i++) {
    if (p >= end) return undefined;
    const x = b[p++];
    v |= BigInt(x & 0x7f) << BigInt(7 * i);
    if (x < 0x80) return [v, p];
  }
  return undefined;
}

/**
 * Scans `[start, end)` as message `type`; returns undefined when the bytes are not well-formed.
 * Depth-limited (a scan of a hostile input must not overflow either).
 */
export function scan(b: Uint8Array, type = 'Model', start = 0, end = b.length, depth = 0): ScannedField[] | undefined {
  if (depth > 200) return undefined;
  const out: ScannedField[] = [];
  let p = start;
  while (p < end) {
    const key = varint(b, p, end);
    if (!key) return undefined;
    const field = Number(key[0] >> 3n);
    const wire = Number(key[0] & 7n);
    const fieldStart = p;
    p = key[1];
    if (field === 0) return undefined;
    if (wire === 0) {
      const v = varint(b, p, end);
      if (!v) return undefined;
      out.push({ field, wire, start: fieldStart, valueStart: p, end: v[1] });
      p = v[1];
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (p + n > end) return undefined;
      out.push({ field, wire, start: fieldStart, valueStart: p, end: p + n });
      p += n;
    } else if (wire === 2) {
      const len = varint(b, p, end);
      if (!len || BigInt(len[1]) + len[0] > BigInt(end)) return undefined;
      const vs = len[1];
      const ve = vs + Number(len[0]);
      const childType = SCHEMA[type]?.[field];
      const children = childType ? scan(b, childType, vs, ve, depth + 1) : undefined;
      out.push(children ? { field, wire, start: fieldStart, valueStart: vs, end: ve, type: childType, children } : { field, wire, start: fieldStart, valueStart: vs, end: ve });
      p = ve;
    } else return undefined;
  }
  return out;
}

/** Every field of the tree, depth first, with its nesting level (0 = a ModelProto field). */
export function* walk(fields: readonly ScannedField[], level = 0): Generator<{ f: ScannedField; level: number }> {
  for (const f of fields) {
    yield { f, level };
    if (f.children) yield* walk(f.children, level + 1);
  }
}

/**
 * Every offset where a message starts or ends (value start and end of each sub-message, start of
 * each field), sorted and de-duplicated, excluding 0 and the file length.
 */
export function messageBoundaries(bytes: Uint8Array): number[] {
  const fields = scan(bytes);
  if (!fields) throw new Error('messageBoundaries: the base model does not scan');
  const set = new Set<number>();
  for (const { f } of walk(fields)) {
    set.add(f.start);
    if (f.children) {
      set.add(f.valueStart);
      set.add(f.end);
    }
  }
  set.delete(0);
  set.delete(bytes.length);
  return [...set].sort((a, b) => a - b);
}
