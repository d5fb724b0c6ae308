import { type JsonBytes, jsonText, type LazyRows, markFrozenThroughout, NameJson, type Node, tensorJson, type Value } from '@autodoc/core';
import type { GraphSection } from './graph-section.js';

export type TensorRow = NonNullable<GraphSection['tensors']>[number];

/** Rows per batch of JSON handed to the writer (~60 bytes each). */
const BATCH_ROWS = 1024;
const COMMA = 0x2c;
const NAME_KEY = jsonText('{"name":');

/**
 * `graph.tensors[]`: a row per value a node produces, in node order (bodies included), made when
 * read and written to JSON from the graph otherwise (see LazyRows). A row depends only on the
 * value's name and, when its type is inferred, that type; runs of values share one type object
 * (shape rules pass it on), so a run's rows share the shape list and their JSON after the name.
 */
export class TensorRows implements LazyRows<TensorRow> {
  constructor(
    private readonly nodes: readonly Node[],
    /** How many values the nodes produce. */
    readonly length: number,
    /** The run's memory guard: a million rows take ~140 MB. */
    private readonly checkMemory: (where: string) => void,
  ) {}

  make(): TensorRow[] {
    const rows: TensorRow[] = [];
    let lastType: Value['type'];
    let lastRow: TensorRow | undefined;
    for (const node of this.nodes) {
      for (let i = 0, count = node.outputCount; i < count; i++) {
        const value = node.output(i);
        if (!value) continue;
        if ((rows.length & 0x3fff) === 0x3fff) this.checkMemory('making graph.tensors[]');
        const row = value.type !== undefined && value.type === lastType && lastRow ? sameType(lastRow, value.name) : frozenRow(tensorJson(value));
        lastType = value.type;
        lastRow = row;
        rows.push(row);
      }
    }
    return markFrozenThroughout(rows);
  }

  *jsonBatches(out: JsonBytes): Generator<void, void, void> {
    let written = 0;
    let lastType: Value['type'];
    // `,"dtype":…,"shape":…}`: a row's JSON after its name, for the last type (set with it).
    let afterName: Uint8Array = new Uint8Array(0);
    const names = new NameJson();
    for (const node of this.nodes) {
      for (let i = 0, count = node.outputCount; i < count; i++) {
        const value = node.output(i);
        if (!value) continue;
        if (written > 0) out.byte(COMMA);
        if (value.type === undefined) {
          // Declared type only (rare): the row as JSON.stringify spells it.
          out.raw(jsonText(JSON.stringify(tensorJson(value))));
        } else {
          if (value.type !== lastType) {
            lastType = value.type;
            afterName = jsonText(`,${JSON.stringify({ ...tensorJson(value), name: undefined }).slice(1)}`);
          }
          out.raw(NAME_KEY);
          names.output(out, node, i);
          out.raw(afterName);
        }
        if (++written % BATCH_ROWS === 0) yield;
      }
    }
    if (written % BATCH_ROWS !== 0) yield;
  }
}

/** The row of another tensor of `row`'s type: a literal of the same fields (a spread copy cost twice as much). */
function sameType(row: TensorRow, name: string): TensorRow {
  return Object.freeze(row.kind === undefined ? { name, dtype: row.dtype, shape: row.shape } : { name, dtype: row.dtype, shape: row.shape, kind: row.kind });
}

/** `row` and its shape list, frozen (later rows of the same type share the list). */
function frozenRow(row: TensorRow): TensorRow {
  if (row.shape) Object.freeze(row.shape);
  return Object.freeze(row);
}
