import type { OnnxAttribute } from '../onnx/types.js';
import type { Graph } from './graph.js';
import type { GraphLinks } from './graph-links.js';
import { rowAt } from './ir-node.js';
import { nameScope, nameScopeOfBytes } from './name-scope.js';
import { SparseColumn } from './sparse-column.js';

const SLASH = 0x2f;

// Most nodes have no bodies and many no attributes: they share one empty map each.
const NO_ATTRIBUTES: ReadonlyMap<string, OnnxAttribute> = new Map();
const NO_SUBGRAPHS: ReadonlyMap<string, Graph> = new Map();

/**
 * What one graph's nodes are asked for beyond their op, by execution index: an `IrNode` is a handle
 * of three fields that reads them. Names and scopes are made from the reader's node table on first
 * read and then kept (a summary of a million-node chain reads no node's name); attribute maps and
 * bodies are given by the build, for the nodes that have them.
 */
export class NodeFacts {
  readonly #names = new SparseColumn<string>();
  readonly #scopes = new SparseColumn<string>();
  readonly #attributes = new SparseColumn<ReadonlyMap<string, OnnxAttribute>>();
  readonly #subgraphs = new Map<number, Map<string, Graph>>();
  /** True once the name bytes are known to hold no '/': every scope is '' (decided on first ask). */
  #noSlash: boolean | undefined;

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
    // A graph without a single '/' in its names (no exporter scopes): nothing to cut or keep.
    else if ((this.#noSlash ??= !columns.anyNameHolds(SLASH))) return '';
    else {
      const slot = columns.nameSlot(rowAt(origin, index));
      scope = nameScopeOfBytes(columns.bytes, columns.slotStart(slot), columns.slotEnd(slot));
    }
    return this.#scopes.set(index, scope) as string;
  }

  attributes(index: number): ReadonlyMap<string, OnnxAttribute> {
    return this.#attributes.get(index) ?? NO_ATTRIBUTES;
  }

  /** Records the node's attributes (a node without any needs no call). */
  setAttributes(index: number, list: readonly OnnxAttribute[]): void {
    const map = new Map<string, OnnxAttribute>();
    for (const a of list) map.set(a.name, a);
    this.#attributes.set(index, map);
  }

  subgraphs(index: number): ReadonlyMap<string, Graph> {
    return this.#subgraphs.size === 0 ? NO_SUBGRAPHS : this.#subgraphs.get(index) ?? NO_SUBGRAPHS;
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
