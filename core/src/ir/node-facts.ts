import type { OnnxAttribute } from '../onnx/types.js';
import type { Graph } from './graph.js';
import type { GraphLinks } from './graph-links.js';
import { rowAt } from './ir-node.js';
import { nameScope, nameScopeOfBytes } from './name-scope.js';
import { SparseColumn } from './sparse-column.js';

// Most nodes have no bodies and many no attributes: they share one empty map each.
const NO_ATTRIBUTES: ReadonlyMap<string, OnnxAttribute> = new Map();
const NO_SUBGRAPHS: ReadonlyMap<string, Graph> = new Map();

/**
 * What one graph's nodes are asked for beyond their op, by execution index, made from the reader's
 * node table on first read and then kept: an `IrNode` is a handle of three fields that reads them.
 * A summary of a million-node chain reads no node's name, and attribute maps made at build time
 * were objects the collector copied whether or not a plugin looked (ADR 0006).
 */
export class NodeFacts {
  readonly #names = new SparseColumn<string>();
  readonly #scopes = new SparseColumn<string>();
  readonly #attributes = new SparseColumn<ReadonlyMap<string, OnnxAttribute>>();
  readonly #subgraphs = new Map<number, Map<string, Graph>>();

  constructor(readonly links: GraphLinks) {}

  /** The node's name, or `OpType_<index>` when the file gives none. */
  name(index: number, opType: string): string {
    return this.#names.get(index) ?? (this.#names.set(index, this.#rawName(index) || `${opType}_${index}`) as string);
  }

  scope(index: number): string {
    const kept = this.#scopes.get(index);
    if (kept !== undefined) return kept;
    const origin = this.links.origin;
    const columns = origin.table.columns;
    let scope: string;
    if (!columns) scope = nameScope(this.#rawName(index));
    else {
      const slot = columns.nameSlot(rowAt(origin, index));
      scope = nameScopeOfBytes(columns.bytes, columns.slotStart(slot), columns.slotEnd(slot));
    }
    return this.#scopes.set(index, scope) as string;
  }

  attributes(index: number): ReadonlyMap<string, OnnxAttribute> {
    const kept = this.#attributes.get(index);
    if (kept) return kept;
    const origin = this.links.origin;
    const list = origin.table.attributes(rowAt(origin, index));
    if (list.length === 0) return NO_ATTRIBUTES;
    const map = new Map<string, OnnxAttribute>();
    for (const a of list) map.set(a.name, a);
    return this.#attributes.set(index, map) as ReadonlyMap<string, OnnxAttribute>;
  }

  subgraphs(index: number): ReadonlyMap<string, Graph> {
    return this.#subgraphs.get(index) ?? NO_SUBGRAPHS;
  }

  /** Records a body the build made for the node's attribute `key`. */
  addSubgraph(index: number, key: string, body: Graph): void {
    let bodies = this.#subgraphs.get(index);
    if (!bodies) this.#subgraphs.set(index, (bodies = new Map()));
    bodies.set(key, body);
  }

  /** The name as the file gives it ('' for none). */
  #rawName(index: number): string {
    const origin = this.links.origin;
    return origin.table.name(rowAt(origin, index));
  }
}
