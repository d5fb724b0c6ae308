import { Count, type SectionDefinition, type Static, SymbolicCount, Type } from '@autodoc/core';

export const MemorySectionSchema = Type.Object({
  /** Bytes of weight initializers at their stored dtypes. */
  weightsBytes: Count,
  /** Weights at --precision (equal to weightsBytes when no precision is given). */
  weightsBytesAtPrecision: Count,
  precision: Type.Union([Type.String(), Type.Null()]),
  /** Peak bytes of live activations over the execution order (graph inputs included). */
  peakActivationBytes: Type.Union([Count, Type.Null()]),
  peakActivation: SymbolicCount,
  /** Node during which the peak occurs. */
  peakAt: Type.Union([Type.String(), Type.Null()]),
  /** Bytes live after each node (downsampled to ≤ 2,000 points for huge graphs: max per bucket). */
  timeline: Type.Array(Type.Object({ index: Type.Integer({ minimum: 0 }), node: Type.String(), bytes: Type.Union([Count, Type.Null()]) })),
  breakdown: Type.Object({
    weights: Count,
    activationsPeak: Type.Union([Count, Type.Null()]),
    kvCache: Type.Union([Count, Type.Null()]),
    /** Runtime workspace (kernels' scratch, allocator slack) is not modelled: null with a note. */
    workspace: Type.Null(),
  }),
  kvCache: Type.Object({
    present: Type.Boolean(),
    layers: Type.Union([Type.Integer(), Type.Null()]),
    kvHeads: Type.Union([Type.Integer(), Type.Null()]),
    headDim: Type.Union([Type.Integer(), Type.Null()]),
    dtype: Type.Union([Type.String(), Type.Null()]),
    /** Bytes per token per sequence (K and V, all layers). */
    bytesPerToken: Type.Union([Count, Type.Null()]),
    /** Bytes at contextLength × batch; null when either is unbound. */
    bytes: Type.Union([Count, Type.Null()]),
    expression: Type.Union([Type.String(), Type.Null()]),
    contextLength: Type.Union([Type.Integer(), Type.Null()]),
    batch: Type.Union([Type.Integer(), Type.Null()]),
    inputs: Type.Array(Type.String()),
    outputs: Type.Array(Type.String()),
  }),
  /** Top tensors by bytes. */
  largestTensors: Type.Array(Type.Object({ name: Type.String(), bytes: Type.Union([Count, Type.Null()]), expression: Type.Union([Type.String(), Type.Null()]) })),
  notes: Type.Array(Type.String()),
});

export type MemorySection = Static<typeof MemorySectionSchema>;

export const memorySectionDefinition: SectionDefinition = {
  key: 'memory',
  title: 'Memory',
  order: 400,
  schema: MemorySectionSchema,
  views: [
    {
      kind: 'keyValue',
      fields: [
        { path: 'weightsBytes', label: 'Weights', unit: 'bytes' },
        { path: 'peakActivationBytes', label: 'Peak activations', unit: 'bytes' },
        { path: 'peakActivation.expression', label: 'Peak activations (formula)' },
        { path: 'kvCache.bytesPerToken', label: 'KV cache per token', unit: 'bytes' },
        { path: 'kvCache.bytes', label: 'KV cache', unit: 'bytes' },
      ],
    },
  ],
};
