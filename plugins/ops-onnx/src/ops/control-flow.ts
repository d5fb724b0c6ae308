/**
 * If, Loop and Scan: output types from their bodies (inferred by the shapes engine through
 * `n.inferSubgraph`), cost = the body's cost × iterations (If: the larger branch).
 */
import { AutodocError, defineOp, dims, type Dim, type InferredType, type OpCost, type OpNode } from '@autodoc/core';
import { normalizeAxis } from '../util/axes.js';
import { fixCarried, mergeTypes } from './control-flow-merge.js';
import { asInferred, scalarOf, unknownDim } from './tensor-common.js';

const INT64_SCALAR: InferredType = { kind: 'tensor', dtype: 'INT64', shape: [] };
const BOOL_SCALAR: InferredType = { kind: 'tensor', dtype: 'BOOL', shape: [] };
const BOOL_TRUE: InferredType = { kind: 'tensor', dtype: 'BOOL', shape: [], value: [1] };

function inputType(n: OpNode, i: number): InferredType | undefined {
  const a = n.input(i);
  if (!a?.type) return undefined;
  return a.value && (a.type.kind === 'tensor' || a.type.kind === 'sparse_tensor') ? { ...a.type, value: a.value } : asInferred(a.type);
}

function bodyCost(n: OpNode, attr: string): OpCost {
  const c = n.subgraphCost(attr);
  if (!c)
    throw new AutodocError(
      'COST_SUBGRAPH_UNKNOWN',
      `${n.opType} "${n.name}": the cost of its ${attr} is not known.`,
      'Some op in the body has no cost rule or an unknown shape; the node is listed as uncounted.',
    );
  return c;
}

function scaled(c: OpCost, times: Dim, note: string): OpCost {
  return { ...(c.macs !== undefined ? { macs: dims.mul(c.macs, times) } : {}), flops: dims.mul(c.flops, times), note };
}

/** Prepends (or inserts at `axis`) a dim to a body output type. */
function withAxis(t: InferredType | undefined, axis: number, d: Dim, batch?: Dim): InferredType | undefined {
  if (!t || (t.kind !== 'tensor' && t.kind !== 'sparse_tensor')) return undefined;
  if (!t.shape) return { kind: 'tensor', dtype: t.dtype, shape: undefined };
  const shape = [...t.shape];
  shape.splice(normalizeAxis(axis, shape.length + 1, 'scan output'), 0, d);
  if (batch !== undefined) shape.unshift(batch);
  return { kind: 'tensor', dtype: t.dtype, shape };
}

/** If (since 1): the branch taken when the condition is known, else the join of both branches. */
export const ifOp = defineOp({
  opType: 'If',
  since: 1,
  shape: (n) => {
    const thenOut = n.inferSubgraph('then_branch', []);
    const elseOut = n.inferSubgraph('else_branch', []);
    const cond = scalarOf(n.input(0));
    if (typeof cond === 'number') return cond !== 0 ? thenOut : elseOut;
    return Array.from({ length: n.outputCount }, (_, i) => mergeTypes(n, i, thenOut[i], elseOut[i]));
  },
  cost: (n) => {
    const a = bodyCost(n, 'then_branch');
    const b = bodyCost(n, 'else_branch');
    const c = dims.tryCompare(a.flops, b.flops);
    const note = 'If: the larger branch';
    if (c === undefined)
      return { macs: a.macs !== undefined && b.macs !== undefined ? dims.max(a.macs, b.macs) : (a.macs ?? b.macs), flops: dims.max(a.flops, b.flops), note };
    return { ...(c >= 0 ? a : b), note };
  },
  notes: 'Cost: the larger of the two branches (only one runs).',
});

/** The iteration count of a Loop when the shapes can tell it: 0 when `cond` starts false; M when `cond` cannot stop it early. */
function tripCount(n: OpNode, bodyCond: InferredType | undefined): Dim | undefined {
  // A cond that starts false runs no iteration (`for (i = 0; i < M && cond; ++i)`), whatever M is.
  const start = n.input(1) ? scalarOf(n.input(1)) : undefined;
  if (start === 0) return 0;
  const m = n.input(0) ? scalarOf(n.input(0)) : undefined;
  if (m === undefined || (typeof m === 'number' && (m < 0 || m >= 2 ** 31 - 1))) return undefined;
  if (!n.input(1)) return m;
  // cond is given: M is the count only when cond starts true and the body keeps it true (induction).
  const kept = bodyCond && 'value' in bodyCond ? bodyCond.value?.[0] : undefined;
  return start === 1 && typeof kept === 'number' && kept !== 0 ? m : undefined;
}

/** Loop (since 1): loop-carried outputs are the join over iterations; scan outputs get the trip count first. */
export const loopOp = defineOp({
  opType: 'Loop',
  since: 1,
  shape: (n) => {
    const carriedCount = Math.max(0, n.inputCount - 2);
    const initial = Array.from({ length: carriedCount }, (_, i) => inputType(n, i + 2));
    const condIn = n.input(1) && scalarOf(n.input(1)) === 1 ? BOOL_TRUE : BOOL_SCALAR;
    const { carried, outputs } = fixCarried(n, initial, (c) => n.inferSubgraph('body', [INT64_SCALAR, condIn, ...c]), 1);
    const trip = tripCount(n, outputs[0]);
    const result: (InferredType | undefined)[] = [...carried];
    for (let k = carriedCount; k < n.outputCount; k++) {
      result.push(withAxis(outputs[1 + k], 0, trip ?? unknownDim(n, k, 0)));
    }
    return result;
  },
  cost: (n) => {
    const m = n.input(0) ? scalarOf(n.input(0)) : undefined;
    if (m === undefined)
      throw new AutodocError(
        'COST_UNKNOWN_TRIP_COUNT',
        `Loop "${n.name}": its trip count is not known.`,
        'Bind the symbol the trip count depends on (--dim) if it has one; the node is listed as uncounted.',
      );
    const note = n.input(1) ? 'Loop: body × trip count M (an upper bound: cond may stop it earlier)' : 'Loop: body × trip count';
    return scaled(bodyCost(n, 'body'), m, note);
  },
  notes: 'Cost: the body’s cost × the trip count M (an upper bound when a condition may end the loop early).',
});

/** Scan (since 8 with a batch axis and sequence_lens; since 9 without, with per-input axes). */
export const scanOp = defineOp({
  opType: 'Scan',
  since: 8,
  shape: (n) => {
    const m = n.attrInt('num_scan_inputs', 0);
    const v8 = n.opset < 9;
    const first = v8 ? 1 : 0;
    // A hostile count (2^40) must not drive the loops below: it cannot exceed the inputs present.
    if (!Number.isSafeInteger(m) || m < 0 || m > n.inputCount - first) {
      throw new AutodocError('SHAPE_MISMATCH', `Scan "${n.name}": num_scan_inputs = ${m} but the node has ${n.inputCount - first} state/scan inputs.`, 'The node is malformed; the model will fail at run time.');
    }
    const stateCount = n.inputCount - first - m;
    const states = Array.from({ length: stateCount }, (_, i) => inputType(n, first + i));
    const inAxes = n.attrInts('scan_input_axes') ?? [];
    let seq: Dim | undefined;
    let batch: Dim | undefined;
    const slices: (InferredType | undefined)[] = [];
    for (let j = 0; j < m; j++) {
      const a = n.input(first + stateCount + j);
      if (!a?.dims) {
        slices.push(a?.dtype ? { kind: 'tensor', dtype: a.dtype, shape: undefined } : undefined);
        continue;
      }
      const d = [...a.dims];
      if (v8) {
        batch ??= d[0];
        seq ??= d[1];
        d.splice(0, 2);
      } else {
        const ax = normalizeAxis(inAxes[j] ?? 0, d.length, 'Scan');
        seq ??= d[ax];
        d.splice(ax, 1);
      }
      slices.push({ kind: 'tensor', dtype: a.dtype, shape: d });
    }
    // Opset 8: states carry the batch axis outside the body.
    const strip = (t: InferredType | undefined): InferredType | undefined =>
      v8 && t && t.kind === 'tensor' && t.shape ? { kind: 'tensor', dtype: t.dtype, shape: t.shape.slice(1) } : t;
    const { carried, outputs } = fixCarried(n, states.map(strip), (c) => n.inferSubgraph('body', [...c, ...slices]), 0);
    const outAxes = n.attrInts('scan_output_axes') ?? [];
    const result: (InferredType | undefined)[] = carried.map((t) => (v8 && batch !== undefined ? withAxis(t, 0, batch) : t));
    for (let k = stateCount; k < n.outputCount; k++) {
      const len = seq ?? unknownDim(n, k, v8 ? 1 : 0);
      result.push(v8 ? withAxis(outputs[k], 0, len, batch ?? unknownDim(n, k, 0)) : withAxis(outputs[k], outAxes[k - stateCount] ?? 0, len));
    }
    return result;
  },
  cost: (n) => {
    const m = n.attrInt('num_scan_inputs', 0);
    const v8 = n.opset < 9;
    const a = n.input(n.inputCount - m);
    const d = a?.dims;
    const ax = v8 ? 1 : (n.attrInts('scan_input_axes')?.[0] ?? 0);
    if (!d || m === 0)
      throw new AutodocError(
        'COST_UNKNOWN_TRIP_COUNT',
        `Scan "${n.name}": its sequence length is not known.`,
        'Declare the scan input shapes; the node is listed as uncounted.',
      );
    const len = d[ax < 0 ? ax + d.length : ax];
    const times = v8 ? dims.mul(d[0], len) : len;
    return scaled(bodyCost(n, 'body'), times, 'Scan: body × sequence length');
  },
  notes: 'Cost: the body’s cost × the sequence length (× batch in opset 8).',
});
