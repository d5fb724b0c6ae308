import type { Node, Value } from './graph.js';
import type { NodeOrigin } from './ir-node.js';
import type { ValueIndex } from './value-index.js';

/** What `Value.consumers` gives for a value nothing reads: one shared, frozen list. */
const NO_CONSUMERS = Object.freeze([]) as unknown as Node[];
const ABSENT = -1;
/**
 * Consumer lists at least this long are made once and kept, frozen: a constant shared by every node
 * of a big graph (a chain's bias, a model's attention mask) has hundreds of thousands of readers,
 * and several plugins ask for them (1M chain: ~40 ms per request).
 */
const KEPT_CONSUMER_LIST = 256;

/**
 * Who reads and writes what in one graph, as numbers in typed arrays: each node's input and output
 * values (value numbers = their order in `Graph.values`) and each value's consumers (node indices).
 * `Node.inputs`, `Node.outputs` and `Value.consumers` are made from these when asked for. Kept as
 * a list per node and per value, they were three arrays per node of a chain: a third of the IR's
 * memory, and objects the garbage collector copied twice each (ADR 0006). A fresh list per access
 * costs less than that: V8 allocates it in the young generation, where it dies.
 */
export class GraphLinks {
  /** The graph's nodes in execution order (its `Graph.nodes`). */
  readonly nodes: Node[] = [];
  #inputStart: Int32Array;
  #inputIds: Int32Array;
  #outputStart: Int32Array;
  #outputIds: Int32Array;
  #inputsUsed = 0;
  #outputsUsed = 0;
  /** Filled by `linkConsumers` once every node is in; values defined after that have none. */
  #consumerStart = new Int32Array(1);
  #consumerNodes = new Int32Array(0);
  readonly #keptConsumers = new Map<number, Node[]>();

  /** `inputSlots`/`outputSlots`: the graph's total input and output slots over all its nodes. */
  constructor(
    readonly values: ValueIndex,
    readonly origin: NodeOrigin,
    readonly graphPath: string,
    nodeCount: number,
    inputSlots: number,
    outputSlots: number,
  ) {
    this.#inputStart = new Int32Array(nodeCount + 1);
    this.#outputStart = new Int32Array(nodeCount + 1);
    this.#inputIds = new Int32Array(inputSlots);
    this.#outputIds = new Int32Array(outputSlots);
  }

  /** Appends the next node (its index is the node count so far); its inputs and outputs follow. */
  addNode(node: Node): void {
    this.nodes.push(node);
    this.#inputStart[this.nodes.length] = this.#inputsUsed;
    this.#outputStart[this.nodes.length] = this.#outputsUsed;
  }

  /** The last node's next input slot: a value number, or undefined for an absent optional input. */
  addInput(valueNumber: number | undefined): void {
    this.#inputIds[this.#inputsUsed++] = valueNumber ?? ABSENT;
    this.#inputStart[this.nodes.length] = this.#inputsUsed;
  }

  addOutput(valueNumber: number | undefined): void {
    this.#outputIds[this.#outputsUsed++] = valueNumber ?? ABSENT;
    this.#outputStart[this.nodes.length] = this.#outputsUsed;
  }

  /** Indexes every value's consumers: execution order, a node once per slot that reads the value. */
  linkConsumers(): void {
    const start = new Int32Array(this.values.size + 1);
    const ids = this.#inputIds;
    const used = this.#inputsUsed;
    for (let k = 0; k < used; k++) if (ids[k] !== ABSENT) start[ids[k] + 1]++;
    for (let v = 0; v < this.values.size; v++) start[v + 1] += start[v];
    const fill = start.slice(0, this.values.size);
    const consumers = new Int32Array(start[this.values.size]);
    const inputStart = this.#inputStart;
    for (let n = 0; n < this.nodes.length; n++) {
      for (let k = inputStart[n]; k < inputStart[n + 1]; k++) if (ids[k] !== ABSENT) consumers[fill[ids[k]]++] = n;
    }
    this.#consumerStart = start;
    this.#consumerNodes = consumers;
  }

  inputsOf(node: number): (Value | undefined)[] {
    return this.#valueList(this.#inputStart, this.#inputIds, node);
  }

  outputsOf(node: number): (Value | undefined)[] {
    return this.#valueList(this.#outputStart, this.#outputIds, node);
  }

  consumersOf(valueNumber: number): Node[] {
    const starts = this.#consumerStart;
    if (valueNumber + 1 >= starts.length) return NO_CONSUMERS;
    const start = starts[valueNumber];
    const end = starts[valueNumber + 1];
    if (start === end) return NO_CONSUMERS;
    const long = end - start >= KEPT_CONSUMER_LIST;
    const kept = long ? this.#keptConsumers.get(valueNumber) : undefined;
    if (kept) return kept;
    const out = new Array<Node>(end - start);
    for (let k = start; k < end; k++) out[k - start] = this.nodes[this.#consumerNodes[k]];
    if (long) this.#keptConsumers.set(valueNumber, Object.freeze(out) as Node[]);
    return out;
  }

  inputCount(node: number): number {
    return this.#inputStart[node + 1] - this.#inputStart[node];
  }

  inputAt(node: number, slot: number): Value | undefined {
    return this.#valueAt(this.#inputStart, this.#inputIds, node, slot);
  }

  outputCount(node: number): number {
    return this.#outputStart[node + 1] - this.#outputStart[node];
  }

  outputAt(node: number, slot: number): Value | undefined {
    return this.#valueAt(this.#outputStart, this.#outputIds, node, slot);
  }

  consumerCount(valueNumber: number): number {
    const starts = this.#consumerStart;
    return valueNumber + 1 < starts.length ? starts[valueNumber + 1] - starts[valueNumber] : 0;
  }

  consumerAt(valueNumber: number, i: number): Node | undefined {
    if (i < 0 || i >= this.consumerCount(valueNumber)) return undefined;
    return this.nodes[this.#consumerNodes[this.#consumerStart[valueNumber] + i]];
  }

  #valueAt(starts: Int32Array, ids: Int32Array, node: number, slot: number): Value | undefined {
    const k = starts[node] + slot;
    if (slot < 0 || k >= starts[node + 1]) return undefined;
    const id = ids[k];
    return id === ABSENT ? undefined : this.values.at(id);
  }

  #valueList(starts: Int32Array, ids: Int32Array, node: number): (Value | undefined)[] {
    const start = starts[node];
    const end = starts[node + 1];
    const out = new Array<Value | undefined>(end - start);
    for (let k = start; k < end; k++) out[k - start] = ids[k] === ABSENT ? undefined : this.values.at(ids[k]);
    return out;
  }
}
