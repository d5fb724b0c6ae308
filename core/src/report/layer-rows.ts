import { type Dim, format, isSymbolic } from '../dims/index.js';
import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { Node, Value } from '../ir/graph.js';
import { blockFrom } from './block-of.js';
import { markFrozenThroughout } from './deep-freeze.js';
import { boundValue, type CountJson } from './figures.js';
import { type JsonBytes, jsonText } from './json-bytes.js';
import type { LayerFigures, LayerTable } from './layer-table.js';
import type { LazyRows } from './lazy-rows.js';
import { NameJson } from './name-json.js';
import type { LayerRow } from './report-types.js';

export interface LayerRowsInput {
  /** Every node of the analysed graph and its bodies, in report order (walkAllNodes). */
  readonly nodes: readonly Node[];
  /** The analysed graph's path: rows of other graphs carry theirs as `path`. */
  readonly rootPath: string;
  readonly layers: LayerTable;
  readonly bindings: Readonly<Record<string, number>>;
  /** The run's memory guard, called every 16,384 rows made as objects (a million take ~190 MB). */
  readonly checkMemory?: (stage: string) => void;
}

/** Rows per batch of JSON handed to the writer (~250 bytes each). */
const BATCH_ROWS = 256;

/**
 * The report's `layers[]`: one row per node, from the layer table's figures. Made as objects only
 * when something reads them; written to JSON straight from the columns otherwise (see LazyRows).
 * Both spell a row the same, key for key: `layer-rows.test.ts` holds the JSON to
 * `JSON.stringify(make())`.
 */
export class LayerRows implements LazyRows<LayerRow> {
  readonly #input: LayerRowsInput;

  constructor(input: LayerRowsInput) {
    this.#input = input;
  }

  get length(): number {
    return this.#input.nodes.length;
  }

  /**
   * Throws REPORT_INVALID when a figure is not what the report schema allows (a count: a
   * non-negative integer, or its decimal string), before any row is made or written. The rows are
   * not run through the schema validator: names come from the graph, figures are checked here.
   */
  assertFigures(): void {
    const fields = new RowFields(this.#input, RECENT);
    const { nodes } = this.#input;
    for (let i = 0; i < nodes.length; i++) {
      const problem = fields.fill(nodes[i]);
      if (problem) throw invalidFigure(i, problem);
    }
  }

  make(): LayerRow[] {
    const { nodes, checkMemory } = this.#input;
    // Each row is an object of its own: keeping tails to share would only cost a search per row.
    const fields = new RowFields(this.#input, 0);
    const rows = new Array<LayerRow>(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      if ((i & 0x3fff) === 0x3fff) checkMemory?.('making layers[]');
      const node = nodes[i];
      const problem = fields.fill(node);
      if (problem) throw invalidFigure(i, problem);
      rows[i] = Object.freeze(rowOf(node, fields.tail));
    }
    return markFrozenThroughout(rows);
  }

  /** Writes each row's keys up to `outputs` here, and the rest as `JSON.stringify` spelled the tail. */
  *jsonBatches(out: JsonBytes): Generator<void, void, void> {
    const { nodes } = this.#input;
    const fields = new RowFields(this.#input, RECENT);
    const kinds = new KindJson();
    const names = new NameJson();
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const problem = fields.fill(node);
      if (problem) throw invalidFigure(i, problem);
      if (i > 0) out.byte(COMMA);
      out.raw(KEY.name);
      names.node(out, node);
      out.raw(kinds.of(node.opType, node.domain));
      for (let k = 0, n = node.inputCount; k < n; k++) {
        if (k > 0) out.byte(COMMA);
        names.input(out, node, k);
      }
      out.raw(KEY.outputs);
      for (let k = 0, n = node.outputCount; k < n; k++) {
        if (k > 0) out.byte(COMMA);
        names.output(out, node, k);
      }
      out.raw(fields.tailJson());
      if (i % BATCH_ROWS === BATCH_ROWS - 1) yield;
    }
    if (nodes.length % BATCH_ROWS !== 0) yield;
  }
}

const COMMA = 0x2c;
const KEY = {
  name: jsonText('{"name":'),
  outputs: jsonText('],"outputs":['),
};

/** `,"opType":…,"domain":…,"inputs":[` of the last few op kinds (a graph interleaves a few). */
class KindJson {
  readonly #opTypes: string[] = [];
  readonly #domains: string[] = [];
  readonly #json: Uint8Array[] = [];
  #next = 0;

  of(opType: string, domain: string): Uint8Array {
    const opTypes = this.#opTypes;
    for (let k = 0; k < opTypes.length; k++) if (opTypes[k] === opType && this.#domains[k] === domain) return this.#json[k];
    const k = this.#next;
    this.#next = (k + 1) % RECENT;
    opTypes[k] = opType;
    this.#domains[k] = domain;
    this.#json[k] = jsonText(`,"opType":${JSON.stringify(opType)},"domain":${JSON.stringify(domain)},"inputs":[`);
    return this.#json[k];
  }
}

/** The keys of a row after `outputs`, in the report's order. */
type RowTail = Omit<LayerRow, 'name' | 'opType' | 'domain' | 'inputs' | 'outputs'>;

/**
 * One row's figures as the report spells them (the row's tail, from `params` on), read node after
 * node. Alike nodes share their figures' Dim objects, block name and graph, and a graph interleaves
 * a few kinds of them, so the last few tails are kept, each made and spelled as JSON once.
 */
class RowFields {
  readonly #input: LayerRowsInput;
  readonly #figures: LayerFigures = {};
  readonly #macs: FigureValue;
  readonly #flops: FigureValue;
  readonly #outputBytes: FigureValue;
  readonly #recent: KeptTail[] = [];
  readonly #keep: number;
  #next = 0;
  #current: KeptTail | undefined;

  /** `keep`: how many recent tails to look a node's figures up in (0: make each row's tail). */
  constructor(input: LayerRowsInput, keep: number) {
    this.#input = input;
    this.#keep = keep;
    this.#macs = new FigureValue(input.bindings);
    this.#flops = new FigureValue(input.bindings);
    this.#outputBytes = new FigureValue(input.bindings);
  }

  /** The tail of the node last filled. */
  get tail(): RowTail {
    return (this.#current as KeptTail).tail;
  }

  /** `],"params":…}`: the tail as JSON.stringify spells it, closing the outputs before it. */
  tailJson(): Uint8Array {
    const current = this.#current as KeptTail;
    current.json ??= jsonText(`],${JSON.stringify(current.tail).slice(1)}`);
    return current.json;
  }

  /** Reads the node's figures into `tail`; returns what is wrong with one (`macs is -3`), or undefined. */
  fill(node: Node): string | undefined {
    const f = this.#figures;
    if (!this.#input.layers.readInto(node, f)) f.params = f.macs = f.flops = f.outputBytes = f.costStatus = f.block = undefined;
    const block = blockFrom(f.block, node) as unknown;
    if (typeof block !== 'string') return `block is ${describe(block)}, not a string`;
    const path = node.graphPath === this.#input.rootPath ? undefined : node.graphPath;
    for (const kept of this.#recent) {
      if (kept.params === f.params && kept.macs === f.macs && kept.flops === f.flops && kept.outputBytes === f.outputBytes && kept.block === block && kept.costStatus === f.costStatus && kept.path === path) {
        this.#current = kept;
        return undefined;
      }
    }
    const params = f.params ?? null;
    if (params !== null && !isCount(params)) return `params is ${describe(params)}`;
    const macs = this.#macs;
    const flops = this.#flops;
    const outputBytes = this.#outputBytes;
    if (!macs.read(f.macs)) return `macs is ${describe(macs.value)}`;
    if (!flops.read(f.flops)) return `flops is ${describe(flops.value)}`;
    if (!outputBytes.read(f.outputBytes)) return `outputBytes is ${describe(outputBytes.value)}`;
    const tail: RowTail = { params, macs: macs.value, flops: flops.value, outputBytes: outputBytes.value, block };
    if (f.costStatus) tail.costStatus = f.costStatus;
    if (macs.expression !== undefined) tail.macsExpression = macs.expression;
    if (flops.expression !== undefined) tail.flopsExpression = flops.expression;
    if (outputBytes.expression !== undefined) tail.outputBytesExpression = outputBytes.expression;
    if (path !== undefined) tail.path = path;
    const kept: KeptTail = { params: f.params, macs: f.macs, flops: f.flops, outputBytes: f.outputBytes, block, costStatus: f.costStatus, path, tail, json: undefined };
    if (this.#keep > 0) {
      this.#recent[this.#next] = kept;
      this.#next = (this.#next + 1) % this.#keep;
    }
    this.#current = kept;
    return undefined;
  }
}

/** Op kinds and tails kept: more than a stretch of graph interleaves. */
const RECENT = 8;

/** A tail and what it was made from. */
interface KeptTail {
  readonly params: number | undefined;
  readonly macs: Dim | undefined;
  readonly flops: Dim | undefined;
  readonly outputBytes: Dim | undefined;
  readonly block: string;
  readonly costStatus: LayerFigures['costStatus'];
  readonly path: string | undefined;
  readonly tail: RowTail;
  json: Uint8Array | undefined;
}

/** A figure's value under the bindings and its expression, kept for the last Dim read. */
class FigureValue {
  readonly #bindings: Readonly<Record<string, number>>;
  #dim: Dim | undefined;
  #read = false;
  #valid = true;
  value: CountJson | null = null;
  /** The expression when the figure is symbolic. */
  expression: string | undefined;

  constructor(bindings: Readonly<Record<string, number>>) {
    this.#bindings = bindings;
  }

  /** Reads `d`; false when its value is not a count. */
  read(d: Dim | undefined): boolean {
    if (this.#read && d === this.#dim) return this.#valid;
    this.#read = true;
    this.#dim = d;
    this.value = boundValue(d, this.#bindings);
    this.#valid = this.value === null || isCount(this.value);
    this.expression = d !== undefined && isSymbolic(d) ? format(d) : undefined;
    return this.#valid;
  }
}

/**
 * A row as an object: the tail's keys copied one by one, in its order (a spread into the literal
 * made GPT-2-medium's 2,300 rows ~8 ms slower, cold).
 */
function rowOf(node: Node, tail: RowTail): LayerRow {
  const row: LayerRow = {
    name: node.name,
    opType: node.opType,
    domain: node.domain,
    inputs: valueNames(node.inputs),
    outputs: valueNames(node.outputs),
    params: tail.params,
    macs: tail.macs,
    flops: tail.flops,
    outputBytes: tail.outputBytes,
    block: tail.block,
  };
  if (tail.costStatus !== undefined) row.costStatus = tail.costStatus;
  if (tail.macsExpression !== undefined) row.macsExpression = tail.macsExpression;
  if (tail.flopsExpression !== undefined) row.flopsExpression = tail.flopsExpression;
  if (tail.outputBytesExpression !== undefined) row.outputBytesExpression = tail.outputBytesExpression;
  if (tail.path !== undefined) row.path = tail.path;
  return row;
}

/** What the report schema calls a count: a non-negative integer, or the decimal string of one. */
function isCount(v: CountJson): boolean {
  return typeof v === 'number' ? Number.isInteger(v) && v >= 0 : /^[0-9]+$/.test(v);
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function invalidFigure(row: number, problem: string): AutodocError {
  return new AutodocError(
    'REPORT_INVALID',
    `The report is invalid: /layers/${row}: ${problem}.`,
    'A plugin wrote a layer figure that is not a count; run with --debug and report it to the plugin authors.',
  );
}

/** The names a node reads or writes, as in the file: '' for an optional one left empty. */
function valueNames(values: readonly (Value | undefined)[]): string[] {
  const names = new Array<string>(values.length);
  for (let k = 0; k < values.length; k++) names[k] = values[k]?.name ?? '';
  return Object.freeze(names) as string[];
}
