import { decodeName } from '../onnx/text.js';
import type { Value } from './graph.js';

// As an int32, like every hash stored in the Int32Array (an empty name hashes to the offset itself).
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * A graph's values by name, in the order they were added: `Graph.values`. Names are looked up by
 * their UTF-8 bytes as well as by string, so the IR build links a node's inputs straight from the
 * reader's name buffer without making a string per input (a million-node chain made 1.7 million,
 * and a `Map` of a million names cost about a second of building and ~50 MB more than this index).
 *
 * Open addressing with linear probing over entry numbers; each entry keeps its hash (FNV-1a of the
 * UTF-8 bytes), so growing never re-reads a name. The key is the value's own `name`, or, for a value
 * added by its bytes, those bytes where they lie (`nameAt` makes the string when the value is first
 * asked its name): nothing is copied. Implements `ReadonlyMap`, so plugins use it as the Map it replaced.
 */
export class ValueIndex implements ReadonlyMap<string, Value> {
  /** Entry number + 1 per slot; 0 is free. */
  #slots: Int32Array;
  #hashes: Int32Array;
  readonly #values: Value[] = [];
  /** The buffer of the names added as bytes (one per index: the graph's name buffer). */
  #source: Buffer | undefined;
  /**
   * Byte range of each entry's name in #source; an end of 0 means the entry is keyed by `value.name`.
   * Empty until the first name added as bytes: small graphs (If/Loop bodies, of which a model may
   * have hundreds of thousands) never add one.
   */
  #starts: Int32Array = NO_RANGES;
  #ends: Int32Array = NO_RANGES;
  #scratch: Buffer | undefined;

  /** `expected`: about how many values the graph will have (the table is sized once for them). */
  constructor(expected = 8) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.#slots = new Int32Array(capacity);
    this.#hashes = new Int32Array(Math.max(8, expected));
  }

  get size(): number {
    return this.#values.length;
  }

  get(name: string): Value | undefined {
    const entry = this.#entryOf(name);
    return entry < 0 ? undefined : this.#values[entry];
  }

  /** The value added `entry`-th (from 0): the value numbered `entry` in its graph. */
  at(entry: number): Value | undefined {
    return this.#values[entry];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The value named by the UTF-8 bytes `buf[start, end)`. */
  getBytes(buf: Buffer, start: number, end: number): Value | undefined {
    const entry = this.#entryOfBytes(bytesHash(buf, start, end), buf, start, end);
    return entry < 0 ? undefined : this.#values[entry];
  }

  /** The name of the value added `entry`-th. */
  nameAt(entry: number): string {
    const end = this.#endOf(entry);
    return end === 0 ? this.#values[entry].name : decodeName(this.#source as Buffer, this.#starts[entry], end);
  }

  /** Adds `value` under its name; false (and nothing added) when the name is taken. */
  add(value: Value): boolean {
    if (this.#entryOf(value.name) >= 0) return false;
    const bytes = this.#utf8(value.name);
    this.#insert(value, bytes ? bytesHash(bytes, 0, bytes.length) : asciiHash(value.name));
    return true;
  }

  /**
   * Adds `value`, whose name is the UTF-8 bytes `buf[start, end)` (not empty), when no value has that
   * name yet; else returns the value that has it and adds nothing. The index keeps the bytes' place,
   * not a copy: `buf` must not change, and every call on one index passes the same buffer.
   */
  addBytes(value: Value, buf: Buffer, start: number, end: number): Value | undefined {
    // Both would be the build's bug, not the model's: an end of 0 marks string keys (see #ends).
    if (end <= start) throw new Error('ValueIndex.addBytes: an empty name');
    if (this.#source !== buf) {
      if (this.#source) throw new Error('ValueIndex.addBytes: names from a second buffer');
      this.#source = buf;
      this.#starts = new Int32Array(this.#hashes.length);
      this.#ends = new Int32Array(this.#hashes.length);
    }
    const hash = bytesHash(buf, start, end);
    const entry = this.#entryOfBytes(hash, buf, start, end);
    if (entry >= 0) return this.#values[entry];
    this.#insert(value, hash);
    this.#starts[this.#values.length - 1] = start;
    this.#ends[this.#values.length - 1] = end;
    return undefined;
  }

  forEach(callback: (value: Value, key: string, map: ReadonlyMap<string, Value>) => void, thisArg?: unknown): void {
    for (const v of this.#values) callback.call(thisArg, v, v.name, this);
  }

  // The iterators are the entry list's own: a Map iterator cannot be made for another collection,
  // and these behave the same (next, iterable, insertion order).
  values(): MapIterator<Value> {
    return this.#values.values() as unknown as MapIterator<Value>;
  }

  keys(): MapIterator<string> {
    return this.#values.map((v) => v.name).values() as unknown as MapIterator<string>;
  }

  entries(): MapIterator<[string, Value]> {
    return this.#values.map((v): [string, Value] => [v.name, v]).values() as unknown as MapIterator<[string, Value]>;
  }

  [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'ValueIndex';
  }

  /** The entry number of the value named `name`, or -1. */
  #entryOf(name: string): number {
    const bytes = this.#utf8(name);
    if (bytes) return this.#entryOfBytes(bytesHash(bytes, 0, bytes.length), bytes, 0, bytes.length);
    const hash = asciiHash(name);
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = slots[s] - 1;
      if (entry < 0 || (this.#hashes[entry] === hash && this.#isNamed(entry, name))) return entry;
    }
  }

  #entryOfBytes(hash: number, buf: Buffer, start: number, end: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = slots[s] - 1;
      if (entry < 0 || (this.#hashes[entry] === hash && this.#isNamedBytes(entry, buf, start, end))) return entry;
    }
  }

  /** End of the entry's name bytes; 0 for a name kept as a string (and for every entry before the first bytes). */
  #endOf(entry: number): number {
    return entry < this.#ends.length ? this.#ends[entry] : 0;
  }

  #isNamed(entry: number, name: string): boolean {
    const end = this.#endOf(entry);
    return end === 0 ? this.#values[entry].name === name : sameName(name, this.#source as Buffer, this.#starts[entry], end);
  }

  #isNamedBytes(entry: number, buf: Buffer, start: number, end: number): boolean {
    const ownEnd = this.#endOf(entry);
    if (ownEnd === 0) return sameName(this.#values[entry].name, buf, start, end);
    const ownStart = this.#starts[entry];
    if (ownEnd - ownStart !== end - start) return false;
    const own = this.#source as Buffer;
    for (let i = 0; i < end - start; i++) if (own[ownStart + i] !== buf[start + i]) return false;
    return true;
  }

  #insert(value: Value, hash: number): void {
    const entry = this.#values.length;
    if ((entry + 1) * 2 > this.#slots.length) this.#grow();
    if (entry === this.#hashes.length) {
      this.#hashes = grown(this.#hashes);
      this.#starts = grown(this.#starts);
      this.#ends = grown(this.#ends);
    }
    this.#values.push(value);
    this.#hashes[entry] = hash;
    this.#place(entry, hash);
  }

  #place(entry: number, hash: number): void {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let s = hash & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = entry + 1;
  }

  #grow(): void {
    this.#slots = new Int32Array(this.#slots.length * 2);
    for (let entry = 0; entry < this.#values.length; entry++) this.#place(entry, this.#hashes[entry]);
  }

  /** The UTF-8 bytes of a name that is not plain ASCII (undefined for ASCII: its chars are its bytes). */
  #utf8(name: string): Buffer | undefined {
    for (let i = 0; i < name.length; i++) {
      if (name.charCodeAt(i) >= 0x80) {
        const n = Buffer.byteLength(name);
        if (!this.#scratch || this.#scratch.length < n) this.#scratch = Buffer.allocUnsafe(Math.max(n, 256));
        this.#scratch.write(name, 0, 'utf8');
        return this.#scratch.subarray(0, n);
      }
    }
    return undefined;
  }
}

const NO_RANGES = new Int32Array(0);

/** `a` at twice its length (an empty array stays empty). */
function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** FNV-1a of an ASCII string: the same as of its UTF-8 bytes. */
function asciiHash(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function bytesHash(buf: Buffer, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], FNV_PRIME);
  return h;
}

/**
 * Whether `name` is the UTF-8 bytes `buf[start, end)`. ASCII compares char by char; a byte past
 * ASCII decodes the bytes instead (a char code and a UTF-8 byte may be equal without the text being so).
 */
function sameName(name: string, buf: Buffer, start: number, end: number): boolean {
  const n = end - start;
  if (name.length === n) {
    for (let i = 0; i < n; i++) {
      const b = buf[start + i];
      if (b >= 0x80) return decodeName(buf, start, end) === name;
      if (name.charCodeAt(i) !== b) return false;
    }
    return true;
  }
  // Lengths differ: equal only when some bytes encode non-ASCII characters.
  if (name.length > n) return false;
  for (let i = start; i < end; i++) if (buf[i] >= 0x80) return decodeName(buf, start, end) === name;
  return false;
}
