/**
 * Reads, once and before the walk, the contents that shape arithmetic needs: small integer
 * initializers and TENSOR attributes (shape constants, axes, pads, Constant values), and tiny float
 * tensors that act as scales or fill values. Float weights are never read, nor quantized INT8/UINT8
 * (or narrower) weights.
 */
import { DataType, type Dim, type Graph, nodesOfType, type OnnxFunction, type OnnxTensor, type Value } from '@autodoc/core';

/** Largest integer tensor whose contents are read (the design's bound for shape folding). */
export const MAX_INT_READ = 65_536;
/** Largest float tensor read (Resize scales, ConstantOfShape fills, Range bounds as Constant). */
export const MAX_FLOAT_READ = 16;

/** Reads a tensor's contents, or undefined; `ctx.readInitializer` in a run. */
export type TensorReader = (tensor: OnnxTensor, maxElements: number) => Promise<readonly (number | bigint)[] | undefined>;

const INT_TYPES = new Set<number>([DataType.INT64, DataType.INT32, DataType.INT16, DataType.UINT16, DataType.UINT32, DataType.UINT64, DataType.BOOL]);
const FLOAT_TYPES = new Set<number>([DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT16, DataType.BFLOAT16]);
/** Ops whose small float operands decide shapes (scales) or feed value folding. */
const FLOAT_SHAPE_CONSUMERS = new Set(['Resize', 'Upsample', 'Range', 'ConstantOfShape', 'Cast']);

/** The read limit for a tensor of this type, 0 when it must not be read. */
function limitFor(t: OnnxTensor, floatOk: boolean): number {
  if (INT_TYPES.has(t.dataType)) return MAX_INT_READ;
  if (floatOk && FLOAT_TYPES.has(t.dataType)) return MAX_FLOAT_READ;
  return 0;
}

/** A read element as a Dim: int64 beyond 2^53 becomes the nearest double (INT64_MAX sentinels stay huge). */
function toDim(x: number | bigint): Dim {
  return typeof x === 'bigint' ? Number(x) : x;
}


/** Reads the tensors worth folding; the map is keyed by tensor object (initializers and attributes). */
export async function prereadTensors(
  graphs: readonly Graph[],
  functions: readonly OnnxFunction[],
  read: TensorReader,
): Promise<Map<OnnxTensor, readonly Dim[]>> {
  const wanted = new Map<OnnxTensor, number>();
  for (const g of graphs) {
    // The values read by ops whose small float operands matter, from those ops' nodes (asking each
    // initializer's consumers walked a million consumers of a bias shared by a whole graph); one walk
    // over the nodes finds the TENSOR attributes.
    const readAsFloat = new Set<Value>();
    for (const op of FLOAT_SHAPE_CONSUMERS) {
      for (const node of nodesOfType(g, op)) for (const v of node.inputs) if (v?.kind === 'initializer') readAsFloat.add(v);
    }
    for (const node of g.nodes) {
      if (node.attributes.size === 0) continue;
      for (const a of node.attributes.values()) if (a.t) wantAttr(a.t, wanted);
    }
    for (const v of g.initializers) {
      const t = v.initializer;
      if (!t || v.consumerCount === 0 || t.elementCount < 0) continue;
      const limit = limitFor(t, readAsFloat.has(v));
      if (limit > 0 && t.elementCount <= limit) wanted.set(t, limit);
    }
  }
  for (const f of functions) for (const node of f.nodes) for (const a of node.attributes) if (a.t) wantAttr(a.t, wanted);

  const out = new Map<OnnxTensor, readonly Dim[]>();
  const list = [...wanted];
  // A few reads at a time: each opens the file; unbounded parallelism would exhaust descriptors.
  for (let i = 0; i < list.length; i += 16) {
    const batch = list.slice(i, i + 16);
    const values = await Promise.all(batch.map(([t, limit]) => read(t, limit)));
    batch.forEach(([t], k) => {
      const v = values[k];
      if (v) out.set(t, v.map(toDim));
    });
  }
  return out;
}

function wantAttr(t: OnnxTensor, wanted: Map<OnnxTensor, number>): void {
  if (t.elementCount < 0) return;
  const limit = limitFor(t, true);
  if (limit > 0 && t.elementCount <= limit) wanted.set(t, limit);
}
