import { Type } from 'typebox';

/**
 * Building blocks shared by the report schema and by plugins' section schemas, so every section
 * spells a count, a byte figure or a symbolic figure the same way.
 */

/** A count: a JSON number up to 2^53, a decimal string beyond (BigInt inside). */
export const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]+$' })]);

/** A figure that depends on symbols: `total` null while a symbol is unbound, `expression` beside it. */
export const SymbolicCount = Type.Object({
  total: Type.Union([Count, Type.Null()]),
  /** Canonical expression in the grammar of docs/definitions.md; a plain integer string when constant. */
  expression: Type.Union([Type.String(), Type.Null()]),
});

/** One dim of a shape: a number, or a symbol/expression string. */
export const DimJson = Type.Union([Type.Integer(), Type.String()]);
/** A shape: null when unknown (rank unknown). Elements may be null where one dim is unknown. */
export const ShapeJson = Type.Union([Type.Array(Type.Union([DimJson, Type.Null()])), Type.Null()]);

export const TensorJson = Type.Object({
  name: Type.String(),
  dtype: Type.Union([Type.String(), Type.Null()]),
  shape: ShapeJson,
  /** For sequence/optional/map values: the kind and a readable type. */
  kind: Type.Optional(Type.String()),
});

export const DiagnosticJson = Type.Object({
  code: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('info')]),
  message: Type.String(),
  hint: Type.String(),
  plugin: Type.Optional(Type.String()),
  node: Type.Optional(Type.Object({ name: Type.String(), opType: Type.String(), domain: Type.String(), path: Type.Optional(Type.String()) })),
  count: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const LayerJson = Type.Object({
  name: Type.String(),
  opType: Type.String(),
  domain: Type.String(),
  inputs: Type.Array(Type.String()),
  outputs: Type.Array(Type.String()),
  params: Type.Union([Count, Type.Null()]),
  macs: Type.Union([Count, Type.Null()]),
  flops: Type.Union([Count, Type.Null()]),
  outputBytes: Type.Union([Count, Type.Null()]),
  /** Expressions beside figures that depend on unbound symbols. */
  macsExpression: Type.Optional(Type.String()),
  flopsExpression: Type.Optional(Type.String()),
  outputBytesExpression: Type.Optional(Type.String()),
  /** 'unknown' when the op has no cost rule; 'free' when it deliberately costs nothing. */
  costStatus: Type.Optional(Type.Union([Type.Literal('counted'), Type.Literal('free'), Type.Literal('unknown')])),
  block: Type.Union([Type.String(), Type.Null()]),
  /** Enclosing subgraph path for nodes inside If/Loop/Scan bodies. */
  path: Type.Optional(Type.String()),
});
