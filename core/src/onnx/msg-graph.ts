/**
 * GraphProto, NodeProto, AttributeProto and FunctionProto containers. Nodes are the hot path of a
 * large graph: a graph's nodes go to its NodeTable (node-table.ts), from 256 nodes on as columns,
 * their names copied as bytes without making strings.
 */
import { CHILD, type Container, type DecodeContext, SKIP, VALUE, actionTable, decodeField, readString } from './decoder.js';
import { readFloats, readInt64s, int32Field, int64Field, opsetField, stringField, stringSpan, valueInfoField, decodeType } from './msg-values.js';
import { SPARSE, TENSOR, newSparse, newTensor } from './msg-tensor.js';
import type { AttributeType, OnnxAttribute, OnnxFunction, OnnxGraph, OnnxNode } from './types.js';
import { type Cursor, I32, LEN, readFloat, readLength, readTag } from './wire.js';
import { NODE_INPUT, NODE_NAME, NODE_OUTPUT, NodeTable } from './node-table.js';
import { checkUtf8 } from './text.js';

/** AttributeProto.AttributeType by enum value. */
const ATTRIBUTE_TYPES: (AttributeType | undefined)[] = [
  'UNDEFINED',
  'FLOAT',
  'INT',
  'STRING',
  'TENSOR',
  'GRAPH',
  'FLOATS',
  'INTS',
  'STRINGS',
  'TENSORS',
  'GRAPHS',
  'SPARSE_TENSOR',
  'SPARSE_TENSORS',
  'TYPE_PROTO',
  'TYPE_PROTOS',
];

/** Where a graph made by the reader keeps its node table, made with its first node. */
const TABLE = Symbol('node table');
/**
 * The node a graph's NodeProtos are decoded into once its table is columnar, one after another,
 * each appended to the table at its end. A small table's nodes are objects of their own (no `table`).
 */
interface TableNode extends OnnxNode {
  readonly table?: NodeTable;
}
interface TableState {
  readonly table: NodeTable;
  /** Made when the table becomes columnar. */
  scratch?: TableNode;
}
type ReadGraph = OnnxGraph & { [TABLE]?: TableState };

const NO_NODES: OnnxNode[] = Object.freeze([]) as unknown as OnnxNode[];

/** `nodes` of a graph made by the reader: one getter for all of them (a closure per graph cost a hidden class each). */
function nodesFromTable(this: ReadGraph): OnnxNode[] {
  return this[TABLE]?.table.nodes() ?? NO_NODES;
}

/**
 * A fresh, empty graph. Its nodes go to a {@link NodeTable} as they are decoded; `nodes` builds the
 * OnnxNode list from it on first access (the IR is built from the table and never asks).
 */
export function newGraph(): OnnxGraph {
  const g = { name: '', docString: '', inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [] } as unknown as OnnxGraph;
  Object.defineProperty(g, 'nodes', { enumerable: true, get: nodesFromTable });
  return g;
}

/** The graph's decoding state, made when its first NodeProto arrives. */
function tableState(g: ReadGraph): TableState {
  let state = g[TABLE];
  if (!state) {
    state = { table: new NodeTable() };
    Object.defineProperty(g, TABLE, { value: state });
  }
  return state;
}

/** The graph's nodes as a table: the reader's own, or one copied from `graph.nodes` (graphs built elsewhere). */
export function nodeTableOf(graph: OnnxGraph): NodeTable {
  return (graph as ReadGraph)[TABLE]?.table ?? NodeTable.of(graph.nodes);
}

/**
 * Placeholder lists of a node being decoded: `append` replaces them with exact-size arrays, so the
 * common node allocates no throw-away empty arrays. Nodes left without any keep the shared list,
 * frozen: decoded models are read-only, and an attempt to add to a shared list throws instead of
 * leaking into every other node (a fresh empty array per node was a million allocations).
 */
const NO_NAMES = Object.freeze([]) as unknown as string[];
const NO_ATTRIBUTES = Object.freeze([]) as unknown as OnnxAttribute[];

function newNode(): OnnxNode {
  return { name: '', opType: '', domain: '', inputs: NO_NAMES, outputs: NO_NAMES, attributes: NO_ATTRIBUTES, docString: '' };
}

/** Empties a graph's scratch node for the next NodeProto (its names go to the table, not here). */
function resetNode(n: OnnxNode): void {
  n.opType = '';
  n.domain = '';
  n.attributes = NO_ATTRIBUTES;
  n.docString = '';
  n.overload = undefined;
}

function newAttribute(): OnnxAttribute {
  return { name: '', type: 'UNDEFINED' };
}

export function newFunction(): OnnxFunction {
  return {
    domain: '',
    name: '',
    inputs: [],
    outputs: [],
    attributes: [],
    attributeProtos: [],
    nodes: [],
    opsetImports: Object.create(null) as Record<string, number>,
    docString: '',
    valueInfo: [],
  };
}

/** The type an IR-1 attribute (no `type` field) has, from the value present. */
function inferAttributeType(a: OnnxAttribute): AttributeType {
  if (a.f !== undefined) return 'FLOAT';
  if (a.i !== undefined) return 'INT';
  if (a.s !== undefined) return 'STRING';
  if (a.t !== undefined) return 'TENSOR';
  if (a.g !== undefined) return 'GRAPH';
  if (a.sparseTensor !== undefined) return 'SPARSE_TENSOR';
  if (a.tp !== undefined) return 'TYPE_PROTO';
  if (a.floats !== undefined) return 'FLOATS';
  if (a.ints !== undefined) return 'INTS';
  if (a.strings !== undefined) return 'STRINGS';
  if (a.tensors !== undefined) return 'TENSORS';
  if (a.graphs !== undefined) return 'GRAPHS';
  if (a.sparseTensors !== undefined) return 'SPARSE_TENSORS';
  if (a.typeProtos !== undefined) return 'TYPE_PROTOS';
  return 'UNDEFINED';
}

/**
 * Appends to a short list without over-allocating: `push` on a fresh array reserves 17 slots, which
 * for a million nodes of one or two inputs costs hundreds of megabytes. Lists up to 4 are exact.
 */
function append<T>(list: T[], s: T): T[] {
  switch (list.length) {
    case 0:
      return [s];
    case 1:
      return [list[0], s];
    case 2:
      return [list[0], list[1], s];
    case 3:
      return [list[0], list[1], list[2], s];
    default:
      list.push(s);
      return list;
  }
}

/** GraphProto. */
export const GRAPH: Container<OnnxGraph> = {
  name: 'GraphProto',
  isGraph: true,
  actions: actionTable({ 1: CHILD, 2: VALUE, 5: CHILD, 10: VALUE, 11: VALUE, 12: VALUE, 13: VALUE, 14: SKIP, 15: CHILD, 16: SKIP }),
  children: [],
  field(ctx, g, f, w, c, limit, depth) {
    switch (f) {
      case 2:
        g.name = stringField(ctx, c, w, limit, 'GraphProto', 2);
        return true;
      case 10:
        g.docString = stringField(ctx, c, w, limit, 'GraphProto', 10);
        return true;
      case 11:
        g.inputs.push(valueInfoField(ctx, c, w, limit, depth, 'GraphProto', 11));
        return true;
      case 12:
        g.outputs.push(valueInfoField(ctx, c, w, limit, depth, 'GraphProto', 12));
        return true;
      case 13:
        g.valueInfo.push(valueInfoField(ctx, c, w, limit, depth, 'GraphProto', 13));
        return true;
      default:
        return false;
    }
  },
  child(g, f) {
    if (f === 1) {
      const state = tableState(g);
      const table = state.table;
      // The nodes before this one are complete: a table that has reached COLUMNS_FROM moves them now.
      table.compact();
      if (!table.columnar) {
        const n = newNode();
        table.add(n);
        return n;
      }
      const scratch = (state.scratch ??= { ...newNode(), table });
      resetNode(scratch);
      return scratch;
    }
    if (f === 5) {
      const t = newTensor();
      g.initializers.push(t);
      return t;
    }
    const s = newSparse();
    g.sparseInitializers.push(s);
    return s;
  },
  finish() {},
};

/** NodeProto. */
export const NODE: Container<OnnxNode> = {
  name: 'NodeProto',
  actions: actionTable({ 1: VALUE, 2: VALUE, 3: VALUE, 4: VALUE, 5: CHILD, 6: VALUE, 7: VALUE, 8: VALUE, 9: SKIP, 10: SKIP }),
  children: [],
  field(ctx, n, f, w, c, limit) {
    switch (f) {
      case 1:
        n.inputs = append(n.inputs, stringField(ctx, c, w, limit, 'NodeProto', 1));
        return true;
      case 2:
        n.outputs = append(n.outputs, stringField(ctx, c, w, limit, 'NodeProto', 2));
        return true;
      case 3:
        n.name = stringField(ctx, c, w, limit, 'NodeProto', 3);
        return true;
      case 4:
        n.opType = stringField(ctx, c, w, limit, 'NodeProto', 4);
        return true;
      case 6:
        n.docString = stringField(ctx, c, w, limit, 'NodeProto', 6);
        return true;
      case 7:
        n.domain = stringField(ctx, c, w, limit, 'NodeProto', 7);
        return true;
      case 8:
        n.overload = stringField(ctx, c, w, limit, 'NodeProto', 8);
        return true;
      default:
        return false;
    }
  },
  child(n) {
    const a = newAttribute();
    n.attributes = append(n.attributes, a);
    return a;
  },
  finish(_ctx, n) {
    if (n.domain === '') n.domain = 'ai.onnx';
  },
};

/** NodeProto name fields by number: input (1), output (2), name (3). */
const NAME_ROLES = [-1, NODE_INPUT, NODE_OUTPUT, NODE_NAME];
/** Keys (field number << 3 | wire type LEN) of NodeProto's input, output, name and op_type. */
const KEY_INPUT = (1 << 3) | LEN;
const KEY_NAME = (3 << 3) | LEN;
const KEY_OP_TYPE = (4 << 3) | LEN;

/**
 * A NodeProto of a graph. Once the graph's table is columnar: its names are copied as bytes into the
 * table, its other fields decoded into the graph's scratch node, appended to the table at its end.
 * Before that (a node object of its own, no `table`): decoded like any NodeProto.
 */
const GRAPH_NODE: Container<TableNode> = {
  ...(NODE as Container<TableNode>),
  field(ctx, n, f, w, c, limit, depth) {
    // A node of a small table is an object of its own (no `table`): decoded like any NodeProto.
    if (f >= 1 && f <= 3 && n.table) {
      stageName(ctx, n.table, f, stringSpan(c, w, limit, 'NodeProto', f), c);
      return true;
    }
    return NODE.field(ctx, n, f, w, c, limit, depth);
  },
  /**
   * A node's names and op type, their keys matched here; the rest as any field. A million-node graph
   * spends most of its reading time in this loop: matching the hot keys before the generic lookup and
   * calls, with the one-pass name copy, read it ~20% faster (ADR 0001).
   */
  fields(ctx, n, c, limit, depth) {
    const table = n.table;
    while (c.pos < limit) {
      c.tagStart = c.pos;
      const tag = readTag(c, limit);
      if (table && tag >= KEY_INPUT && tag <= KEY_NAME && (tag & 7) === LEN) {
        const len = readLength(c, limit, c.base + limit);
        const start = c.pos;
        c.pos = start + len;
        stageName(ctx, table, tag >>> 3, start, c);
      } else if (tag === KEY_OP_TYPE) n.opType = readString(ctx, c, limit);
      else decodeField(ctx, GRAPH_NODE, n, tag, c, limit, depth);
    }
  },
  finish(ctx, n) {
    NODE.finish(ctx, n);
    n.table?.commit(n);
  },
};

/** Copies the name `c.buf[start, c.pos)` of field `f` into the table, checked as UTF-8 when not ASCII. */
function stageName(ctx: DecodeContext, table: NodeTable, f: number, start: number, c: Cursor): void {
  if (table.stage(NAME_ROLES[f], c.buf, start, c.pos)) checkUtf8(c.buf, start, c.pos, ctx.onInvalidUtf8);
}

/** AttributeProto. */
export const ATTRIBUTE: Container<OnnxAttribute> = {
  name: 'AttributeProto',
  actions: actionTable({
    1: VALUE,
    2: VALUE,
    3: VALUE,
    4: VALUE,
    5: CHILD,
    6: CHILD,
    7: VALUE,
    8: VALUE,
    9: VALUE,
    10: CHILD,
    11: CHILD,
    13: VALUE,
    14: VALUE,
    15: VALUE,
    20: VALUE,
    21: VALUE,
    22: CHILD,
    23: CHILD,
  }),
  children: [],
  field(ctx, a, f, w, c, limit, depth) {
    switch (f) {
      case 1:
        a.name = stringField(ctx, c, w, limit, 'AttributeProto', 1);
        return true;
      case 2:
        if (w !== I32) return false;
        a.f = readFloat(c, limit);
        return true;
      case 3:
        a.i = int64Field(c, w, limit, 'AttributeProto', 3);
        return true;
      case 4:
        a.s = stringField(ctx, c, w, limit, 'AttributeProto', 4);
        return true;
      case 7:
        readFloats(c, w, limit, (a.floats ??= []), 'AttributeProto', 7);
        return true;
      case 8:
        readInt64s(c, w, limit, (a.ints ??= []), 'AttributeProto', 8);
        return true;
      case 9:
        (a.strings ??= []).push(stringField(ctx, c, w, limit, 'AttributeProto', 9));
        return true;
      case 13:
        a.docString = stringField(ctx, c, w, limit, 'AttributeProto', 13);
        return true;
      case 14: {
        if (w !== LEN) return false;
        const len = readLength(c, limit, c.base + limit);
        const end = c.pos + len;
        const tp = decodeType(ctx, c, end, depth + 1, a.tp);
        if (tp) a.tp = tp;
        return true;
      }
      case 15: {
        if (w !== LEN) return false;
        const len = readLength(c, limit, c.base + limit);
        const end = c.pos + len;
        const tp = decodeType(ctx, c, end, depth + 1);
        // An opaque type has no OnnxType; it is left out of the list (no real op takes one).
        a.typeProtos ??= [];
        if (tp) a.typeProtos.push(tp);
        return true;
      }
      case 20: {
        const code = int32Field(c, w, limit, 'AttributeProto', 20);
        a.type = ATTRIBUTE_TYPES[code] ?? 'UNDEFINED';
        return true;
      }
      case 21:
        a.refAttrName = stringField(ctx, c, w, limit, 'AttributeProto', 21);
        return true;
      default:
        return false;
    }
  },
  child(a, f) {
    switch (f) {
      case 5:
        return (a.t ??= newTensor());
      case 6:
        return (a.g ??= newGraph());
      case 22:
        return (a.sparseTensor ??= newSparse());
      case 10: {
        const t = newTensor();
        (a.tensors ??= []).push(t);
        return t;
      }
      case 11: {
        const g = newGraph();
        (a.graphs ??= []).push(g);
        return g;
      }
      default: {
        const s = newSparse();
        (a.sparseTensors ??= []).push(s);
        return s;
      }
    }
  },
  finish(_ctx, a) {
    if (a.type === 'UNDEFINED' && a.refAttrName === undefined) a.type = inferAttributeType(a);
  },
};

/** FunctionProto. */
export const FUNCTION: Container<OnnxFunction> = {
  name: 'FunctionProto',
  actions: actionTable({ 1: VALUE, 4: VALUE, 5: VALUE, 6: VALUE, 7: CHILD, 8: VALUE, 9: VALUE, 10: VALUE, 11: CHILD, 12: VALUE, 13: VALUE, 14: SKIP }),
  children: [],
  field(ctx, fn, f, w, c, limit, depth) {
    switch (f) {
      case 1:
        fn.name = stringField(ctx, c, w, limit, 'FunctionProto', 1);
        return true;
      case 4:
        fn.inputs.push(stringField(ctx, c, w, limit, 'FunctionProto', 4));
        return true;
      case 5:
        fn.outputs.push(stringField(ctx, c, w, limit, 'FunctionProto', 5));
        return true;
      case 6:
        fn.attributes.push(stringField(ctx, c, w, limit, 'FunctionProto', 6));
        return true;
      case 8:
        fn.docString = stringField(ctx, c, w, limit, 'FunctionProto', 8);
        return true;
      case 9:
        opsetField(ctx, c, w, limit, fn.opsetImports, 'FunctionProto', 9);
        return true;
      case 10:
        fn.domain = stringField(ctx, c, w, limit, 'FunctionProto', 10);
        return true;
      case 12:
        fn.valueInfo.push(valueInfoField(ctx, c, w, limit, depth, 'FunctionProto', 12));
        return true;
      case 13:
        fn.overload = stringField(ctx, c, w, limit, 'FunctionProto', 13);
        return true;
      default:
        return false;
    }
  },
  child(fn, f) {
    if (f === 7) {
      const n = newNode();
      fn.nodes.push(n);
      return n;
    }
    const a = newAttribute();
    fn.attributeProtos.push(a);
    return a;
  },
  finish() {},
};

// The containers refer to each other (graphs hold nodes hold attributes hold graphs): wire them here.
(GRAPH.children as unknown[])[1] = GRAPH_NODE;
(GRAPH.children as unknown[])[5] = TENSOR;
(GRAPH.children as unknown[])[15] = SPARSE;
(NODE.children as unknown[])[5] = ATTRIBUTE;
const attrChildren = ATTRIBUTE.children as unknown[];
attrChildren[5] = TENSOR;
attrChildren[6] = GRAPH;
attrChildren[10] = TENSOR;
attrChildren[11] = GRAPH;
attrChildren[22] = SPARSE;
attrChildren[23] = SPARSE;
(FUNCTION.children as unknown[])[7] = NODE;
(FUNCTION.children as unknown[])[11] = ATTRIBUTE;
