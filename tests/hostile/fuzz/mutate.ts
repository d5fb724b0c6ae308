/**
 * Mutators: byte-level (flip, overwrite, insert, delete, duplicate, truncate, interesting bytes) and
 * structure-aware on the ModelProto tree (delete / duplicate / swap / splice fields, interesting
 * varints and strings, wrong wire types, self-nesting), re-encoding every enclosing length so a
 * structural mutant stays well-formed protobuf and reaches the graph and the analyses.
 */
import { type ScannedField, scan } from '../generate/proto-scan.js';
import { varintBytes } from '../generate/wire.js';
import type { Rng } from './rng.js';

/** An editable protobuf field. */
interface Field {
  field: number;
  wire: number;
  /** Value bytes (varint, fixed or length-delimited content) when not a parsed message. */
  value?: Uint8Array;
  children?: Field[];
  type?: string;
  /** A replacement key byte sequence (wrong wire types). */
  rawKey?: Uint8Array;
}

function toTree(b: Uint8Array, fs: readonly ScannedField[]): Field[] {
  return fs.map((f) => (f.children ? { field: f.field, wire: f.wire, type: f.type, children: toTree(b, f.children) } : { field: f.field, wire: f.wire, value: b.subarray(f.valueStart, f.end) }));
}

/** Encodes a tree back to bytes (iteratively deep trees are rare: the scanner caps depth at 200). */
export function encode(fields: readonly Field[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields) {
    parts.push(f.rawKey ?? Uint8Array.from(varintBytes(BigInt(f.field * 8 + f.wire))));
    if (f.wire === 2) {
      const content = f.children ? encode(f.children) : (f.value ?? new Uint8Array(0));
      parts.push(Uint8Array.from(varintBytes(BigInt(content.length))), content);
    } else parts.push(f.value ?? new Uint8Array(0));
  }
  return Buffer.concat(parts);
}

/** Parses bytes into an editable tree, or undefined when they do not scan. */
export function parseTree(bytes: Uint8Array): Field[] | undefined {
  const fs = scan(bytes);
  return fs ? toTree(bytes, fs) : undefined;
}

/** Every field list in the tree with its owner type, for picking a mutation site. */
export function lists(tree: Field[]): { list: Field[]; type: string }[] {
  const out: { list: Field[]; type: string }[] = [{ list: tree, type: 'Model' }];
  const stack: Field[][] = [tree];
  while (stack.length > 0) {
    const l = stack.pop() as Field[];
    for (const f of l) {
      if (f.children) {
        out.push({ list: f.children, type: f.type ?? '?' });
        stack.push(f.children);
      }
    }
  }
  return out;
}

const INTERESTING_INTS: bigint[] = [0n, 1n, -1n, 2n, 7n, 255n, 2n ** 31n - 1n, 2n ** 31n, 2n ** 32n, 2n ** 32n + 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 62n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 44n, 1000000000n, -2n, 100000n];
const INTERESTING_STRINGS = ['', '__proto__', 'constructor', 'toString', '..', '../canary.txt', '/etc/passwd', 'file:///etc/passwd', 'C:\\x', '\\\\srv\\s', 'w.bin\0../x', 'w.bin', 'x', 'a'.repeat(70000), '<script>alert(1)</script>', '\u001b[31m\u202e', 'Relu', 'If', 'Loop', 'Scan', 'MatMul', 'Conv', 'Reshape', 'ConstantOfShape', 'Gather', 'com.microsoft', 'ai.onnx.ml', 'location', 'offset', 'length', 'batch', 'unk__0'];

function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/** One structure-aware mutation, in place. */
function mutateTree(tree: Field[], rng: Rng, donors: readonly Field[][]): void {
  const sites = lists(tree);
  const { list } = rng.pick(sites);
  if (list.length === 0) return;
  const i = rng.int(list.length);
  const f = list[i];
  switch (rng.int(11)) {
    case 0: // delete
      list.splice(i, 1);
      return;
    case 1: // duplicate (repeated fields grow, singular messages merge)
      list.splice(i, 0, structuredClone(f));
      return;
    case 2: {
      // swap with another field of the same list
      const j = rng.int(list.length);
      [list[i], list[j]] = [list[j], list[i]];
      return;
    }
    case 3: // interesting varint (type-preserving: a varint stays a varint, mostly)
      if (f.wire === 0 || rng.bool(0.15)) list[i] = { field: f.field, wire: 0, value: Uint8Array.from(varintBytes(rng.pick(INTERESTING_INTS))) };
      return;
    case 4: // interesting string / bytes for a leaf string field (a message rarely)
      if ((f.wire === 2 && !f.children) || rng.bool(0.15)) list[i] = { field: f.field, wire: 2, value: utf8(rng.pick(INTERESTING_STRINGS)) };
      return;
    case 5: {
      // wrong wire type on the key, value kept (rarely: most such mutants stop at the reader)
      if (!rng.bool(0.3)) return;
      const wire = rng.pick([0, 1, 2, 5, 3, 4, 6, 7]);
      list[i] = { ...f, rawKey: Uint8Array.from(varintBytes(BigInt(f.field * 8 + wire))) };
      return;
    }
    case 6: {
      // splice a field from another model (a donor), preferably a message
      const donor = rng.pick(donors);
      const dsites = lists(donor);
      const { list: dl } = rng.pick(dsites);
      if (dl.length > 0) list.splice(rng.int(list.length + 1), 0, structuredClone(rng.pick(dl)));
      return;
    }
    case 7: // self-nesting: a message placed inside itself a few levels deep
      if (f.children) {
        let inner = structuredClone(f);
        for (let k = 0; k < 1 + rng.int(4); k++) inner = { ...structuredClone(f), children: [...(f.children ?? []), inner] };
        list[i] = inner;
      }
      return;
    case 8: // change the field number (to a neighbour or an unknown one)
      list[i] = { ...f, field: rng.bool() ? Math.max(1, f.field + rng.pick([-1, 1, 2, -2])) : rng.pick([15, 16, 20, 21, 25, 99, 1000]) };
      return;
    case 9: // truncate a leaf value
      if (f.value && f.value.length > 0) list[i] = { ...f, value: f.value.subarray(0, rng.int(f.value.length)) };
      return;
    default: // many copies of a field (repeated inputs, outputs, dims, nodes)
      list.splice(i, 0, ...Array.from({ length: 2 + rng.int(60) }, () => structuredClone(f)));
  }
}

/** One byte-level mutation. */
function mutateBytes(b: Uint8Array, rng: Rng): Uint8Array {
  if (b.length === 0) return Uint8Array.of(rng.int(256));
  const at = rng.int(b.length);
  const out = Buffer.from(b);
  switch (rng.int(8)) {
    case 0:
      out[at] ^= 1 << rng.int(8);
      return out;
    case 1:
      out[at] = rng.pick([0x00, 0x01, 0x7f, 0x80, 0xff, 0x08, 0x0a, 0x12, 0x3a]);
      return out;
    case 2: {
      const ins = Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)));
      return Buffer.concat([out.subarray(0, at), ins, out.subarray(at)]);
    }
    case 3:
      return Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + rng.int(32)))]);
    case 4: {
      const len = 1 + rng.int(Math.min(256, out.length - at));
      return Buffer.concat([out.subarray(0, at + len), out.subarray(at, at + len), out.subarray(at + len)]);
    }
    case 5:
      return out.subarray(0, at);
    case 6: {
      // an overlong or huge varint at a random spot
      const v = Buffer.from(varintBytes(rng.pick(INTERESTING_INTS)));
      return Buffer.concat([out.subarray(0, at), v, out.subarray(Math.min(out.length, at + v.length))]);
    }
    default:
      for (let k = 0; k < 1 + rng.int(8); k++) out[rng.int(out.length)] = rng.int(256);
      return out;
  }
}

/** A mutant of `seed`: 1–4 mutations, structure-aware 85% of the time. */
export function mutate(seed: Uint8Array, rng: Rng, donors: readonly Uint8Array[]): { bytes: Uint8Array; how: string } {
  let bytes = seed;
  const steps: string[] = [];
  const n = 1 + rng.int(4);
  for (let k = 0; k < n; k++) {
    const tree = rng.next() < 0.85 ? parseTree(bytes) : undefined;
    if (tree) {
      const donorTrees = [rng.pick(donors), rng.pick(donors)].map((d) => parseTree(d)).filter((t): t is Field[] => t !== undefined);
      mutateTree(tree, rng, donorTrees.length ? donorTrees : [tree]);
      bytes = encode(tree);
      steps.push('tree');
    } else {
      bytes = mutateBytes(bytes, rng);
      steps.push('bytes');
    }
  }
  return { bytes, how: steps.join('+') };
}
