import type { Node } from '../ir/graph.js';
import { IrNode, type NodeOrigin, rowAt } from '../ir/ir-node.js';
import type { NameColumns } from '../onnx/node-table.js';
import type { JsonBytes } from './json-bytes.js';

/**
 * Writes a node's name, or the name of a value it reads or writes, as JSON, for a LazyRows table.
 * In a graph the reader keeps in columns (256 nodes or more) a plain ASCII name is copied from its
 * UTF-8 bytes there, with no string made (a million names made as strings took ~0.25 s); any other
 * name is the string `node.name` / `value.name` gives, spelled as JSON.stringify does. The JSON is
 * `JSON.stringify(node.name)`, `JSON.stringify(node.input(k)?.name ?? '')` and the same for outputs.
 * Reuse one per table: it remembers the last graph's columns.
 */
export class NameJson {
  #origin: NodeOrigin | undefined;
  #columns: NameColumns | undefined;

  node(out: JsonBytes, node: Node): void {
    const row = this.#rowOf(node);
    // An empty name slot is a node the file leaves unnamed: its name is made (`Relu_7`).
    if (row < 0 || !this.#write(out, (this.#columns as NameColumns).nameSlot(row), false)) out.string(node.name);
  }

  /** The k-th input's name; '' for an optional input left empty. */
  input(out: JsonBytes, node: Node, k: number): void {
    const row = this.#rowOf(node);
    if (row < 0 || !this.#write(out, (this.#columns as NameColumns).inputSlot(row, k), true)) out.string(node.input(k)?.name ?? '');
  }

  /** The k-th output's name; '' for an optional output left empty. */
  output(out: JsonBytes, node: Node, k: number): void {
    const row = this.#rowOf(node);
    if (row < 0 || !this.#write(out, (this.#columns as NameColumns).outputSlot(row, k), true)) out.string(node.output(k)?.name ?? '');
  }

  /** The node's row in its table, or -1 when its graph keeps node objects. */
  #rowOf(node: Node): number {
    if (!(node instanceof IrNode)) return -1;
    const origin = IrNode.originOf(node);
    if (origin !== this.#origin) {
      this.#origin = origin;
      this.#columns = origin.table.columns;
    }
    return this.#columns ? rowAt(origin, node.index) : -1;
  }

  /** Writes the slot's bytes; false when they are not plain ASCII, or empty where '' is not the name. */
  #write(out: JsonBytes, slot: number, emptyAllowed: boolean): boolean {
    const columns = this.#columns as NameColumns;
    const start = columns.slotStart(slot);
    const end = columns.slotEnd(slot);
    return (emptyAllowed || end > start) && out.asciiString(columns.bytes, start, end);
  }
}
