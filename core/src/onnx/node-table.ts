/**
 * A graph's nodes in columns, as the reader decodes them. Decoded into their own objects (an OnnxNode,
 * two name lists and a string per name, ~250 bytes), a million nodes lived as long as the model and
 * V8 spent over half of the reading time promoting them and their strings to its old space. Here the
 * names stay UTF-8 bytes in one buffer and a node is a few integers: no object per node, nothing for
 * the garbage collector to trace. Strings are made when asked for: the IR builds each name once.
 * `OnnxGraph.nodes` still exists: it is built from the table on first access.
 */
import { AutodocError } from '../diagnostics/autodoc-error.js';
import { decodeName } from './text.js';
import type { OnnxAttribute, OnnxNode } from './types.js';

const NO_ATTRIBUTES: readonly OnnxAttribute[] = Object.freeze([]);
/**
 * A graph keeps its nodes as objects up to this many, then moves them to columns: columns cost
 * ~1.5 KB of fixed overhead, more than an If/Loop body of a few nodes saves (a model of 200,000
 * one-node bodies read 3× slower with columns for every body).
 */
export const COLUMNS_FROM = 256;
/** Rows the columns are made for (then grown as needed, see `ensure`). */
const FIRST_CAPACITY = 2 * COLUMNS_FROM;
const MAX_NAME_BYTES = 0x7fff_ffff;

/** Which list of a node a decoded name belongs to. */
export const NODE_NAME = 0;
export const NODE_INPUT = 1;
export const NODE_OUTPUT = 2;

/** The op type and domain of a node, one shared object per distinct pair. */
export interface OpKind {
  readonly opType: string;
  readonly domain: string;
}

/** `kinds[ids[row]]` is the kind of the node at `row`; `kinds` is in order of first appearance. */
export interface KindColumn {
  readonly ids: Int32Array;
  readonly kinds: readonly OpKind[];
}

/**
 * Grows a typed array to hold at least `n` elements, by fourfold steps: each step copies the column
 * into fresh pages, and on this class of VM first touching a page costs more than the copy (doubling
 * copied as much as the final size; fourfold a third of it, and the untouched tail of the last step is
 * never paged in). A 1M-node graph read in 1.29–1.35 s instead of 1.44–1.51 s.
 */
function ensure(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  let capacity = a.length * 4;
  while (capacity < n) capacity *= 4;
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/**
 * The byte ranges of one node's inputs or outputs while it is decoded: reused for every node (an
 * array emptied with `length = 0` per node cost ~85 ms of a million-node read).
 */
class RangeList {
  #starts = new Int32Array(8);
  #ends = new Int32Array(8);
  count = 0;

  push(start: number, end: number): void {
    if (this.count === this.#starts.length) {
      this.#starts = ensure(this.#starts, this.count + 1);
      this.#ends = ensure(this.#ends, this.count + 1);
    }
    this.#starts[this.count] = start;
    this.#ends[this.count] = end;
    this.count++;
  }

  /** Writes the ranges into slot columns from slot `at`; returns the slot after the last. */
  copyTo(slotStart: Int32Array, slotEnd: Int32Array, at: number): number {
    for (let i = 0; i < this.count; i++, at++) {
      slotStart[at] = this.#starts[i];
      slotEnd[at] = this.#ends[i];
    }
    return at;
  }
}

/** Name access in bytes, for readers that look names up without decoding them (the IR build). */
export interface NameColumns {
  readonly bytes: Buffer;
  /** Whether any name (node, input or output) holds the byte `b`: one scan of the used bytes. */
  anyNameHolds(b: number): boolean;
  nameSlot(row: number): number;
  inputSlot(row: number, k: number): number;
  outputSlot(row: number, k: number): number;
  slotStart(slot: number): number;
  slotEnd(slot: number): number;
}

/** A graph's nodes in columns (see the file's comment). */
class NodeColumns implements NameColumns {
  #count = 0;
  /** UTF-8 bytes of every name. */
  #bytes = Buffer.allocUnsafe(FIRST_CAPACITY * 16);
  #used = 0;
  /** Byte range of every name slot: [#slotStart[s], #slotEnd[s]). */
  #slotStart = new Int32Array(FIRST_CAPACITY * 4);
  #slotEnd = new Int32Array(FIRST_CAPACITY * 4);
  #slots = 0;
  /** A node's slots: its name at #firstSlot[row], then its inputs, its outputs from #outputSlot[row], up to #firstSlot[row + 1]. */
  #firstSlot = new Int32Array(FIRST_CAPACITY);
  #outputSlot = new Int32Array(FIRST_CAPACITY);
  /** Index into #kinds. */
  #kind = new Int32Array(FIRST_CAPACITY);
  readonly #kinds: OpKind[] = [];
  /** Index into #kinds by domain, then op type. */
  readonly #kindIndex = new Map<string, Map<string, number>>();
  /** Attribute lists of the nodes that have attributes; #attributeList[row] - 1 indexes it, 0 for none. */
  readonly #attributes: (readonly OnnxAttribute[])[] = [];
  #attributeList = new Int32Array(FIRST_CAPACITY);
  /** Rare: kept by row, made on first use. */
  #docStrings: Map<number, string> | undefined;
  #overloads: Map<number, string> | undefined;
  #materialized: OnnxNode[] | undefined;

  /** The node being decoded: byte ranges of its name, inputs and outputs, in wire order. */
  readonly #staged = { name: [-1, -1], inputs: new RangeList(), outputs: new RangeList() };

  get length(): number {
    return this.#count;
  }

  /** Appends a node given as an object (its attribute list is kept, not copied). */
  push(node: OnnxNode): void {
    this.#stageString(NODE_NAME, node.name);
    for (const name of node.inputs) this.#stageString(NODE_INPUT, name);
    for (const name of node.outputs) this.#stageString(NODE_OUTPUT, name);
    this.commit(node);
  }

  /**
   * Records one name of the node being decoded from `buf[start, end)`. Inputs and outputs may arrive
   * interleaved; each list keeps its own order. Returns true when the name has a byte ≥ 0x80 (the
   * caller then checks it is valid UTF-8): the copy sees every byte anyway, so pure ASCII names, the
   * usual kind, need no second pass.
   */
  stage(role: number, buf: Uint8Array, start: number, end: number): boolean {
    const at = this.#used;
    const n = end - start;
    if (at + n > this.#bytes.length) this.#growBytes(at + n);
    const bytes = this.#bytes;
    let high = 0;
    // Names are short: a loop beats making a subarray view for `set`.
    if (n <= 64) {
      for (let i = 0; i < n; i++) {
        const b = buf[start + i];
        bytes[at + i] = b;
        high |= b;
      }
    } else {
      bytes.set(buf.subarray(start, end), at);
      high = 0x80;
    }
    this.#used = at + n;
    const staged = this.#staged;
    if (role === NODE_NAME) {
      staged.name[0] = at;
      staged.name[1] = at + n;
    } else {
      const list = role === NODE_INPUT ? staged.inputs : staged.outputs;
      list.push(at, at + n);
    }
    return (high & 0x80) !== 0;
  }

  /** Ends the node being decoded; its other fields come from `node` (names are those staged). */
  commit(node: OnnxNode): void {
    const row = this.#count;
    const staged = this.#staged;
    const slotCount = 1 + staged.inputs.count + staged.outputs.count;
    const first = this.#slots;
    if (first + slotCount > this.#slotStart.length) {
      this.#slotStart = ensure(this.#slotStart, first + slotCount);
      this.#slotEnd = ensure(this.#slotEnd, first + slotCount);
    }
    // The row columns grow together, one check per node (#firstSlot is read one past the last row).
    if (row + 2 > this.#firstSlot.length) this.#growRows(row + 2);
    const hasName = staged.name[0] >= 0;
    let s = first;
    this.#slotStart[s] = hasName ? staged.name[0] : 0;
    this.#slotEnd[s] = hasName ? staged.name[1] : 0;
    s++;
    s = staged.inputs.copyTo(this.#slotStart, this.#slotEnd, s);
    this.#outputSlot[row] = s;
    s = staged.outputs.copyTo(this.#slotStart, this.#slotEnd, s);
    this.#slots = s;
    this.#firstSlot[row] = first;
    this.#firstSlot[row + 1] = s;
    this.#kind[row] = this.#kindOf(node.opType, node.domain);
    // Most nodes of a large graph have no attributes: they take no slot in a growing list.
    if (node.attributes.length > 0) this.#attributeList[row] = this.#attributes.push(node.attributes);
    if (node.docString !== '') (this.#docStrings ??= new Map()).set(row, node.docString);
    if (node.overload !== undefined) (this.#overloads ??= new Map()).set(row, node.overload);
    this.#count = row + 1;
    this.#materialized = undefined;
    staged.name[0] = -1;
    staged.inputs.count = 0;
    staged.outputs.count = 0;
  }

  /** The node's name as written ('' when the file gives none). */
  name(row: number): string {
    return this.#slot(this.#firstSlot[row]);
  }

  kind(row: number): OpKind {
    return this.#kinds[this.#kind[row]];
  }

  /** Every node's kind as an index into `kinds` (by row), and the kinds in order of first appearance. */
  kindColumn(): KindColumn {
    return { ids: this.#kind.subarray(0, this.#count), kinds: this.#kinds };
  }

  inputCount(row: number): number {
    return this.#outputSlot[row] - this.#firstSlot[row] - 1;
  }

  /** The k-th input name; '' for an optional input left empty. */
  input(row: number, k: number): string {
    return this.#slot(this.inputSlot(row, k));
  }

  outputCount(row: number): number {
    return this.#firstSlot[row + 1] - this.#outputSlot[row];
  }

  output(row: number, k: number): string {
    return this.#slot(this.outputSlot(row, k));
  }

  /** The UTF-8 bytes of every name; a slot's name is `[slotStart(s), slotEnd(s))` of it. */
  get bytes(): Buffer {
    return this.#bytes;
  }

  anyNameHolds(b: number): boolean {
    return this.#bytes.subarray(0, this.#used).includes(b);
  }

  /** The node's own name (an empty range when the file gives none). */
  nameSlot(row: number): number {
    return this.#firstSlot[row];
  }

  inputSlot(row: number, k: number): number {
    return this.#firstSlot[row] + 1 + k;
  }

  outputSlot(row: number, k: number): number {
    return this.#outputSlot[row] + k;
  }

  slotStart(s: number): number {
    return this.#slotStart[s];
  }

  slotEnd(s: number): number {
    return this.#slotEnd[s];
  }

  attributes(row: number): readonly OnnxAttribute[] {
    const list = this.#attributeList[row];
    return list === 0 ? NO_ATTRIBUTES : this.#attributes[list - 1];
  }

  /** Every node as an OnnxNode, built on first use (then kept). */
  nodes(): OnnxNode[] {
    if (this.#materialized) return this.#materialized;
    const out = new Array<OnnxNode>(this.#count);
    for (let row = 0; row < this.#count; row++) {
      const inputs = new Array<string>(this.inputCount(row));
      for (let k = 0; k < inputs.length; k++) inputs[k] = this.input(row, k);
      const outputs = new Array<string>(this.outputCount(row));
      for (let k = 0; k < outputs.length; k++) outputs[k] = this.output(row, k);
      const { opType, domain } = this.kind(row);
      const node: OnnxNode = {
        name: this.name(row),
        opType,
        domain,
        inputs,
        outputs,
        attributes: this.attributes(row) as OnnxAttribute[],
        docString: this.#docStrings?.get(row) ?? '',
      };
      const overload = this.#overloads?.get(row);
      if (overload !== undefined) node.overload = overload;
      out[row] = node;
    }
    this.#materialized = out;
    return out;
  }

  #slot(s: number): string {
    const start = this.#slotStart[s];
    const end = this.#slotEnd[s];
    return start === end ? '' : decodeName(this.#bytes, start, end);
  }

  #stageString(role: number, s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.stage(role, bytes, 0, bytes.length);
  }

  /** Index of the op kind in #kinds: the previous node's kind (runs of one op are common), else by map. */
  #kindOf(opType: string, domain: string): number {
    const kinds = this.#kinds;
    const last = this.#count > 0 ? this.#kind[this.#count - 1] : -1;
    if (last >= 0 && kinds[last].opType === opType && kinds[last].domain === domain) return last;
    let byOp = this.#kindIndex.get(domain);
    if (!byOp) this.#kindIndex.set(domain, (byOp = new Map()));
    let k = byOp.get(opType);
    if (k === undefined) {
      k = kinds.length;
      kinds.push({ opType, domain });
      byOp.set(opType, k);
    }
    return k;
  }

  #growRows(n: number): void {
    this.#firstSlot = ensure(this.#firstSlot, n);
    this.#kind = ensure(this.#kind, n);
    this.#outputSlot = ensure(this.#outputSlot, n);
    this.#attributeList = ensure(this.#attributeList, n);
  }

  #growBytes(n: number): void {
    if (n > MAX_NAME_BYTES) {
      throw new AutodocError('RESOURCE_LIMIT', 'The names of one graph take more than 2 GiB.', 'No real model has such names; the file is probably corrupt or hostile.');
    }
    // Fourfold, as `ensure` grows the columns (and for the same reason).
    const capacity = Math.min(MAX_NAME_BYTES, Math.max(n, this.#bytes.length * 4));
    const bytes = Buffer.allocUnsafe(capacity);
    this.#bytes.copy(bytes, 0, 0, this.#used);
    this.#bytes = bytes;
  }
}

/**
 * A graph's nodes: the node objects themselves while there are few (bodies, small models), in
 * columns ({@link NodeColumns}) from COLUMNS_FROM nodes on. The reader adds node objects and, once
 * the table is columnar, decodes the next ones with `stage` and `commit` instead.
 */
export class NodeTable {
  #objects: OnnxNode[] | undefined = [];
  #columns: NodeColumns | undefined;

  /** A table of `nodes` (graphs not made by the reader: tests, function bodies). */
  static of(nodes: readonly OnnxNode[]): NodeTable {
    const table = new NodeTable();
    for (const n of nodes) table.add(n);
    table.compact();
    return table;
  }

  get length(): number {
    return this.#objects ? this.#objects.length : (this.#columns as NodeColumns).length;
  }

  /** True once the nodes are in columns. */
  get columnar(): boolean {
    return this.#objects === undefined;
  }

  /**
   * Appends a node object. A small table keeps it as is (it may still be being decoded: the reader
   * adds a node before filling it); a columnar one copies its fields.
   */
  add(node: OnnxNode): void {
    if (this.#objects) this.#objects.push(node);
    else (this.#columns as NodeColumns).push(node);
  }

  /** Moves the nodes to columns once there are COLUMNS_FROM of them (every node added must be complete). */
  compact(): void {
    if (this.#objects && this.#objects.length >= COLUMNS_FROM) this.#toColumns();
  }

  /** Appends a copy of the node's fields to the columns (its attribute list is kept, not copied). */
  push(node: OnnxNode): void {
    this.#toColumns().push(node);
  }

  /**
   * Records one name of the node being decoded from `buf[start, end)`. Inputs and outputs may arrive
   * interleaved; each list keeps its own order. True when the name has a byte ≥ 0x80 (to be checked
   * as UTF-8 by the caller).
   */
  stage(role: number, buf: Uint8Array, start: number, end: number): boolean {
    return this.#toColumns().stage(role, buf, start, end);
  }

  /** Ends the node being decoded; its other fields come from `node` (names are those staged). */
  commit(node: OnnxNode): void {
    this.#toColumns().commit(node);
  }

  /** The node's name as written ('' when the file gives none). */
  name(row: number): string {
    return this.#objects ? this.#objects[row].name : (this.#columns as NodeColumns).name(row);
  }

  /** The node's op type and domain: a shared object per pair in columns, the node itself otherwise. */
  kind(row: number): OpKind {
    return this.#objects ? this.#objects[row] : (this.#columns as NodeColumns).kind(row);
  }

  /** The kinds as a column of small integers (columnar tables only; a table of objects has none). */
  kindColumn(): KindColumn | undefined {
    return this.#objects ? undefined : (this.#columns as NodeColumns).kindColumn();
  }

  inputCount(row: number): number {
    return this.#objects ? this.#objects[row].inputs.length : (this.#columns as NodeColumns).inputCount(row);
  }

  /** The k-th input name; '' for an optional input left empty. */
  input(row: number, k: number): string {
    return this.#objects ? this.#objects[row].inputs[k] : (this.#columns as NodeColumns).input(row, k);
  }

  outputCount(row: number): number {
    return this.#objects ? this.#objects[row].outputs.length : (this.#columns as NodeColumns).outputCount(row);
  }

  output(row: number, k: number): string {
    return this.#objects ? this.#objects[row].outputs[k] : (this.#columns as NodeColumns).output(row, k);
  }

  attributes(row: number): readonly OnnxAttribute[] {
    return this.#objects ? this.#objects[row].attributes : (this.#columns as NodeColumns).attributes(row);
  }

  /**
   * The columns themselves, for reading names as bytes (`bytes` with `inputSlot`/`outputSlot` and
   * `slotStart`/`slotEnd`) without making strings; undefined while the table holds node objects.
   */
  get columns(): NameColumns | undefined {
    return this.#columns;
  }

  /** The node as an OnnxNode: the same object on every call. */
  node(row: number): OnnxNode {
    return this.nodes()[row];
  }

  /** Every node as an OnnxNode (from columns: built on first use, then kept). */
  nodes(): OnnxNode[] {
    return this.#objects ?? (this.#columns as NodeColumns).nodes();
  }

  #toColumns(): NodeColumns {
    let columns = this.#columns;
    if (!columns) {
      columns = this.#columns = new NodeColumns();
      for (const n of this.#objects ?? []) columns.push(n);
      this.#objects = undefined;
    }
    return columns;
  }
}
