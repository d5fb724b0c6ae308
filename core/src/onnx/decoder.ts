/**
 * The two decoding drivers shared by every container message (model, graph, node, attribute, tensor,
 * sparse tensor, function):
 *
 * - {@link decodeSync} decodes a message whose bytes are all in one buffer (the common case: nodes,
 *   value infos, small tensors). Weight payloads inside are recorded by offset, never copied.
 * - {@link decodeStream} walks a message too large for the window (a 1.6 GB graph, a 100 MB tensor)
 *   field by field at absolute offsets: small fields are decoded from the window with decodeSync,
 *   payloads and unknown fields are skipped by position, large sub-messages are streamed in turn.
 *
 * Both take an explicit depth; past {@link MAX_PROTO_DEPTH} nested messages or
 * {@link MAX_SUBGRAPH_DEPTH} nested graphs the decode stops with RESOURCE_LIMIT (no stack overflow).
 */
import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { FileWindow } from './file-window.js';
import { decodeUtf8 } from './text.js';
import type { Warnings } from './warnings.js';
import { Cursor, LEN, invalid, readLength, readTag, skipField, truncated } from './wire.js';

/** Deepest protobuf message nesting accepted. */
export const MAX_PROTO_DEPTH = 100;
/** Deepest subgraph nesting accepted (graphs in attributes of nodes of graphs…). */
export const MAX_SUBGRAPH_DEPTH = 32;

/** How the streaming driver treats a length-delimited field number of a container. */
export const SKIP = 0;
export const VALUE = 1;
export const PAYLOAD = 2;
export const CHILD = 3;

/** State of one readModel call. */
export interface DecodeContext {
  readonly win: FileWindow;
  readonly fileSize: number;
  readonly warnings: Warnings;
  /** Graph nesting of the message being decoded (1 = the main graph). */
  graphDepth: number;
  /** Called for a string with invalid UTF-8. */
  readonly onInvalidUtf8: () => void;
  /** Tensors that declared external data, with their raw entries, for the post-load checks. */
  readonly externals: Map<import('./types.js').OnnxTensor, ExternalRef>;
}

/** A tensor's raw `external_data` entries, gathered while decoding. */
export interface ExternalRef {
  readonly tensor: import('./types.js').OnnxTensor;
  readonly entries: [string, string][];
  dataLocation: number;
}

/** One container message type. */
export interface Container<T> {
  /** Protobuf message name, for error messages. */
  readonly name: string;
  /** Per field number (< 32): SKIP (unknown), VALUE, PAYLOAD or CHILD, for length-delimited fields. */
  readonly actions: Uint8Array;
  /** Container of each CHILD field. */
  readonly children: readonly (Container<unknown> | undefined)[];
  /** True for GraphProto (counts toward the subgraph limit). */
  readonly isGraph?: boolean;
  /**
   * Decodes a VALUE field (or a scalar field) at c.pos, the key already read; returns false for a field
   * number it does not handle. `limit` bounds the bytes and is the end of the enclosing message.
   */
  field(ctx: DecodeContext, t: T, field: number, wire: number, c: Cursor, limit: number, depth: number): boolean;
  /** The object a CHILD field decodes into (a new array element, or the existing singular message to merge). */
  child?(t: T, field: number): unknown;
  /** Records a PAYLOAD field's value span `[start, start + length)`; `tagAt` is its key's offset. */
  payload?(ctx: DecodeContext, t: T, field: number, start: number, length: number, tagAt: number): void;
  /** Called after the message's last field (again after a merge, so it must be idempotent). */
  finish(ctx: DecodeContext, t: T): void;
  /**
   * Replaces decodeSync's loop over the fields for a message decoded millions of times (a large
   * graph's nodes): it reads the hot keys itself and hands every other one to {@link decodeField}.
   */
  fields?(ctx: DecodeContext, t: T, c: Cursor, limit: number, depth: number): void;
}

function limitError(what: string): never {
  throw new AutodocError('RESOURCE_LIMIT', `The model nests ${what}.`, 'Such nesting does not occur in real models; the file is probably corrupt or hostile.');
}

function enter(ctx: DecodeContext, kind: Container<unknown>, depth: number): void {
  if (depth > MAX_PROTO_DEPTH) limitError(`protobuf messages more than ${MAX_PROTO_DEPTH} deep`);
  if (kind.isGraph && ++ctx.graphDepth > MAX_SUBGRAPH_DEPTH + 1) limitError(`subgraphs more than ${MAX_SUBGRAPH_DEPTH} deep`);
}

/** Decodes `t` from c.pos up to the buffer index `limit` (the message end). */
export function decodeSync<T>(ctx: DecodeContext, kind: Container<T>, t: T, c: Cursor, limit: number, depth: number): void {
  enter(ctx, kind, depth);
  if (kind.fields) kind.fields(ctx, t, c, limit, depth);
  else {
    while (c.pos < limit) {
      c.tagStart = c.pos;
      decodeField(ctx, kind, t, readTag(c, limit), c, limit, depth);
    }
  }
  if (kind.isGraph) ctx.graphDepth--;
  kind.finish(ctx, t);
}

/** Decodes one field of `t` whose key `tag` was just read (at c.tagStart). */
export function decodeField<T>(ctx: DecodeContext, kind: Container<T>, t: T, tag: number, c: Cursor, limit: number, depth: number): void {
  const f = tag >>> 3;
  const w = tag & 7;
  const act = f < 32 ? kind.actions[f] : SKIP;
  if (w === LEN) {
    if (act === CHILD) {
      const len = readLength(c, limit, c.base + limit);
      const end = c.pos + len;
      decodeSync(ctx, kind.children[f] as Container<unknown>, kind.child!(t, f), c, end, depth + 1);
      return;
    }
    if (act === PAYLOAD) {
      const len = readLength(c, limit, c.base + limit);
      kind.payload!(ctx, t, f, c.base + c.pos, len, c.base + c.tagStart);
      c.pos += len;
      return;
    }
  }
  if (!kind.field(ctx, t, f, w, c, limit, depth)) {
    if (act !== SKIP) wrongWire(c, kind, f, w);
    skipField(c, w, limit);
  }
}

/** MODEL_INVALID for a known field with the wrong wire type. */
export function wrongWire(c: Cursor, kind: { name: string }, f: number, w: number): never {
  invalid(c, c.tagStart, `field ${f} of ${kind.name} has wire type ${w}, which onnx.proto does not allow there`);
}

/**
 * Decodes `t` from the absolute range `[start, end)` of the file, reading it through the window.
 * `end` may lie past the end of the file (a truncated parent); that surfaces as MODEL_TRUNCATED.
 */
export function decodeStream<T>(ctx: DecodeContext, kind: Container<T>, t: T, start: number, end: number, depth: number): void {
  enter(ctx, kind, depth);
  const win = ctx.win;
  const fileSize = ctx.fileSize;
  const actions = kind.actions;
  let p = start;
  while (p < end) {
    // Make the key and a length/scalar readable: at most 15 bytes, fewer at the end of message or file.
    const head = Math.min(20, end - p, fileSize - p);
    if (head <= 0) truncated(fileSize, `${kind.name} at byte ${start} declares ${end - start} bytes`);
    if (!win.has(p, head)) win.fill(p, head);
    const c = win.cursor;
    c.pos = p - c.base;
    c.tagStart = c.pos;
    const winLimit = Math.min(end, win.end) - c.base;
    const tag = readTag(c, winLimit);
    const f = tag >>> 3;
    const w = tag & 7;
    const act = f < 32 ? actions[f] : SKIP;
    if (w !== LEN) {
      if (!kind.field(ctx, t, f, w, c, winLimit, depth)) {
        if (act !== SKIP) wrongWire(c, kind, f, w);
        skipField(c, w, winLimit);
      }
      p = c.base + c.pos;
      continue;
    }
    const len = readLength(c, winLimit, end);
    const vs = c.base + c.pos;
    const ve = vs + len;
    if (ve > fileSize) truncated(fileSize, `field ${f} of ${kind.name} at byte ${p} declares ${len} bytes up to byte ${ve}`);
    if (act === SKIP) {
      p = ve; // unknown or ignored (training_info, metadata_props…): skipped by position
      continue;
    }
    if (act === PAYLOAD) {
      kind.payload!(ctx, t, f, vs, len, p);
      p = ve;
      continue;
    }
    if (ve > win.end && ve - p <= win.minRead) win.fill(p, ve - p);
    if (ve <= win.end) {
      // The whole field is in the window: decode it synchronously, re-reading its key.
      const cc = win.cursor;
      cc.pos = p - cc.base;
      cc.tagStart = cc.pos;
      const fieldEnd = ve - cc.base;
      readTag(cc, fieldEnd);
      if (act === CHILD) {
        const len2 = readLength(cc, fieldEnd, ve);
        decodeSync(ctx, kind.children[f] as Container<unknown>, kind.child!(t, f), cc, cc.pos + len2, depth + 1);
      } else if (!kind.field(ctx, t, f, w, cc, fieldEnd, depth)) {
        skipField(cc, w, fieldEnd);
      }
      p = ve;
      continue;
    }
    if (act === CHILD) {
      decodeStream(ctx, kind.children[f] as Container<unknown>, kind.child!(t, f), vs, ve, depth + 1);
      p = ve;
      continue;
    }
    // A large non-container value (a long doc string, a huge ints list): read it on its own. Its
    // size was checked against the file above, so the allocation follows bytes that exist.
    const buf = win.readExact(p, ve - p);
    const own = new Cursor(buf, p, fileSize);
    readTag(own, buf.length);
    if (!kind.field(ctx, t, f, w, own, buf.length, depth)) skipField(own, w, buf.length);
    p = ve;
  }
  if (kind.isGraph) ctx.graphDepth--;
  kind.finish(ctx, t);
}

/** Reads a length-delimited string field (the key already read; wire type checked by the caller). */
export function readString(ctx: DecodeContext, c: Cursor, limit: number): string {
  const len = readLength(c, limit, c.base + limit);
  const s = c.pos;
  c.pos = s + len;
  return decodeUtf8(c.buf, s, s + len, ctx.onInvalidUtf8);
}

/** Builds an actions table from `{ field: action }`. */
export function actionTable(entries: Record<number, number>): Uint8Array {
  const a = new Uint8Array(32);
  for (const k in entries) a[Number(k)] = entries[k];
  return a;
}
