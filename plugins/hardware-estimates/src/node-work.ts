import { type AnalysisContext, type Dim, dims, type Node, normalizeDomain, type Precision, type Value, valueBytes } from '@autodoc/core';

/**
 * The symbolic work of one top-level node. Bytes are split into weights (initializers the node reads,
 * which do not grow with the batch) and activations (every other input plus the outputs).
 */
export interface NodeWork {
  readonly node: Node;
  /** counted: the flops plugin counted it; free: deliberately zero (views, shape ops); unknown: no rule. */
  readonly status: 'counted' | 'free' | 'unknown';
  /** A view (Reshape, Squeeze, …): runtimes alias the input, so the node moves no bytes. */
  readonly view: boolean;
  readonly flops: Dim | undefined;
  readonly macs: Dim | undefined;
  /** Undefined when a shape or dtype is unknown. */
  readonly weightBytes: Dim | undefined;
  readonly activationBytes: Dim | undefined;
  readonly outputBytes: Dim | undefined;
}

/**
 * Ops that runtimes execute as views or metadata reads: no kernel, no traffic. Other zero-FLOP ops
 * (Transpose, Concat, Gather, Slice, Expand, Cast…) copy data and are charged their bytes.
 */
export const VIEW_OPS: ReadonlySet<string> = new Set(['Reshape', 'Squeeze', 'Unsqueeze', 'Flatten', 'Identity', 'Shape', 'Size', 'Constant']);

function sumBytes(values: readonly Value[], precision: Precision | undefined): Dim | undefined {
  let total: Dim = 0;
  for (const v of values) {
    const b = valueBytes(v, precision);
    if (b === undefined) return undefined;
    total = dims.add(total, b);
  }
  return total;
}

/**
 * Work of every node of the top-level graph, in execution order. Control-flow nodes carry their
 * bodies' FLOPs (the flops plugin sums them) and only their own inputs and outputs as traffic.
 * A value read twice by one node (Mul(x, x)) is counted once.
 */
export function collectNodeWork(ctx: AnalysisContext, precision: Precision | undefined): NodeWork[] {
  return ctx.graph.nodes.map((node) => {
    const figures = ctx.layers.get(node);
    const inputs = [...new Set(node.inputs.filter((v): v is Value => v !== undefined))];
    const weights = inputs.filter((v) => v.initializer !== undefined);
    const activations = inputs.filter((v) => v.initializer === undefined);
    const outputs = node.outputs.filter((v): v is Value => v !== undefined);
    const weightBytes = sumBytes(weights, precision);
    const inBytes = sumBytes(activations, precision);
    const outputBytes = sumBytes(outputs, precision);
    const status = figures?.costStatus ?? (figures?.flops !== undefined ? 'counted' : 'unknown');
    return {
      node,
      status,
      view: normalizeDomain(node.domain) === 'ai.onnx' && VIEW_OPS.has(node.opType),
      flops: status === 'unknown' ? undefined : figures?.flops,
      macs: status === 'unknown' ? undefined : figures?.macs,
      weightBytes,
      activationBytes: inBytes === undefined || outputBytes === undefined ? undefined : dims.add(inBytes, outputBytes),
      outputBytes,
    };
  });
}

/** A point to evaluate at: symbol bindings and a per-sample scale (batch without a batch symbol). */
export interface EvalPoint {
  readonly bindings: Readonly<Record<string, number>>;
  /** Multiplies FLOPs and activation bytes (not weights); 1 when the batch is a bound symbol. */
  readonly scale: number;
}

/** Numeric work of one node at a point; `unbound` lists symbols that had no value. */
export interface NodeWorkAt {
  readonly work: NodeWork;
  readonly flops: number | null;
  readonly macs: number | null;
  readonly weightBytes: number | null;
  readonly activationBytes: number | null;
  /** weights + activations, null when either is unknown. */
  readonly bytes: number | null;
  /** Bytes of the node's outputs (what a collective or a pipeline stage would send). */
  readonly outputBytes: number | null;
}

/** Thrown internally when a figure needs a symbol the point does not bind. */
export class UnboundSymbols {
  constructor(readonly symbols: readonly string[]) {}
}

function at(d: Dim | undefined, point: EvalPoint, missing: Set<string>): number | null {
  if (d === undefined) return null;
  if (!dims.isSymbolic(d)) return Number(d);
  const v = dims.evaluate(d, point.bindings);
  if (v === undefined) {
    for (const s of dims.symbols(d)) if (!(s in point.bindings)) missing.add(s);
    return null;
  }
  return Number(v);
}

/**
 * Evaluates every node's work at a point. Returns `UnboundSymbols` when any figure needs a symbol the
 * point leaves unbound: an estimate is then not given rather than guessed.
 */
export function evaluateWork(works: readonly NodeWork[], point: EvalPoint): NodeWorkAt[] | UnboundSymbols {
  const missing = new Set<string>();
  const out: NodeWorkAt[] = [];
  for (const work of works) {
    if (work.view) {
      const ob = at(work.outputBytes, point, missing);
      out.push({ work, flops: 0, macs: 0, weightBytes: 0, activationBytes: 0, bytes: 0, outputBytes: ob === null ? null : ob * point.scale });
      continue;
    }
    const flops = work.status === 'free' ? 0 : at(work.flops, point, missing);
    const macs = work.status === 'free' ? 0 : at(work.macs, point, missing);
    const weightBytes = at(work.weightBytes, point, missing);
    const act = at(work.activationBytes, point, missing);
    const activationBytes = act === null ? null : act * point.scale;
    const ob = at(work.outputBytes, point, missing);
    out.push({
      work,
      flops: flops === null ? null : flops * point.scale,
      macs: macs === null ? null : macs * point.scale,
      weightBytes,
      activationBytes,
      bytes: weightBytes === null || activationBytes === null ? null : weightBytes + activationBytes,
      outputBytes: ob === null ? null : ob * point.scale,
    });
  }
  return missing.size > 0 ? new UnboundSymbols([...missing].sort()) : out;
}
