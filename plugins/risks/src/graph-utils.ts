import type { Graph, Node, OnnxTensor, Value } from '@autodoc/core';

/** Ops that pass a weight through (layout, dtype, dequantization). */
const WEIGHT_PASSTHROUGH = new Set(['Identity', 'Transpose', 'Cast', 'DequantizeLinear', 'Reshape']);
const WORK_OPS = new Set(['Conv', 'ConvTranspose', 'MatMul', 'Gemm', 'Einsum', 'Attention', 'MultiHeadAttention', 'GroupQueryAttention', 'LSTM', 'GRU', 'RNN']);
const SHORTCUT_OPS = new Set(['Conv', 'BatchNormalization', 'MatMul', 'Gemm', 'AveragePool', 'MaxPool', 'Pad']);
const SEARCH_LIMIT = 400;

/** The initializer behind a value, through Identity/Transpose/Cast/DequantizeLinear/Reshape. */
export function weightOf(v: Value | undefined): OnnxTensor | undefined {
  for (let i = 0; i < 5 && v; i++) {
    if (v.initializer) return v.initializer;
    const p = v.producer;
    if (!p) return undefined;
    if (p.opType === 'Constant') return p.attributes.get('value')?.t;
    if (!WEIGHT_PASSTHROUGH.has(p.opType)) return undefined;
    v = p.inputs[0];
  }
  return undefined;
}

/** A Conv/ConvTranspose/MatMul/Gemm with a constant weight: one layer of depth. */
export function isWeightedLayer(n: Node): boolean {
  return (n.opType === 'Conv' || n.opType === 'ConvTranspose' || n.opType === 'MatMul' || n.opType === 'Gemm') && weightOf(n.inputs[1]) !== undefined;
}

/**
 * The skip connection a merge node (Add, Sum, Concat) closes: one data input (the shortcut, or the
 * input of a short projection behind it) is reached again walking back from the other input,
 * through real work (Conv, MatMul, attention). Returns the shortcut input and the branch input.
 */
export function skipMerge(merge: Node, isConstant: (v: Value | undefined) => boolean): { skip: Value; branch: Value } | undefined {
  const data = merge.inputs.filter((v): v is Value => v !== undefined && !isConstant(v));
  if (data.length < 2) return undefined;
  for (let s = 0; s < data.length; s++) {
    for (let b = 0; b < data.length; b++) {
      if (s === b || data[s] === data[b]) continue;
      const sources = new Set<Value>([data[s]]);
      let v: Value | undefined = data[s];
      for (let i = 0; i < 3 && v?.producer && SHORTCUT_OPS.has(v.producer.opType); i++) {
        v = v.producer.inputs.find((x) => x !== undefined && !isConstant(x));
        if (v) sources.add(v);
      }
      // A source the branch reads is read by the shortcut path too: without one of two consumers
      // or more there is nothing to find (the attention-mask Add of every transformer layer).
      if (![...sources].some((v) => v.consumers.length >= 2)) continue;
      if (reaches(data[b], sources, isConstant)) return { skip: data[s], branch: data[b] };
    }
  }
  return undefined;
}

function reaches(branch: Value, sources: Set<Value>, isConstant: (v: Value | undefined) => boolean): boolean {
  const start = branch.producer;
  if (!start) return false;
  const seen = new Set<Node>([start]);
  const queue = [start];
  let work = false;
  for (let i = 0; i < queue.length && i < SEARCH_LIMIT; i++) {
    const n = queue[i];
    if (WORK_OPS.has(n.opType) || n.domain !== 'ai.onnx') work = true;
    // Shape/Size read only the shape of their input, not its values: no data flows through them.
    if (n.opType === 'Shape' || n.opType === 'Size') continue;
    for (const x of n.inputs) {
      if (!x || isConstant(x)) continue;
      if (sources.has(x)) {
        if (work) return true;
        continue;
      }
      const p = x.producer;
      if (p && !seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return false;
}

const usedCache = new WeakMap<Graph, { has(value: Value): boolean }>();

/**
 * Which values of the root graph are used: some node reads them (the IR's consumer lists), a
 * subgraph body names them from outside (bodies see an outer value through a value of their own,
 * so only by name), or they are graph outputs. Asked with the value itself: looking a million
 * names up in the graph's table cost ~0.4 s.
 */
export function usedValues(root: Graph, allNodes: Iterable<Node>): { has(value: Value): boolean } {
  const cached = usedCache.get(root);
  if (cached) return cached;
  const fromBodies = new Set<string>();
  const outputs = new Set<Value>(root.outputs);
  for (const n of allNodes) {
    if (n.graphPath === root.path) continue;
    for (const v of n.inputs) if (v?.kind === 'outer') fromBodies.add(v.name);
  }
  const used = {
    has: (value: Value) => value.consumers.length > 0 || outputs.has(value) || fromBodies.has(value.name),
  };
  usedCache.set(root, used);
  return used;
}

/** Where a diagnostic points. */
export function locate(n: Node): { name: string; opType: string; domain: string; path?: string } {
  return { name: n.name, opType: n.opType, domain: n.domain, ...(n.graphPath !== 'main' ? { path: n.graphPath } : {}) };
}

/** A short list of names for messages: the first few, then "and N more". */
export function listNames(list: readonly string[], max = 5): string {
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}
