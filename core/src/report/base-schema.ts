import { Type } from 'typebox';
import { DiagnosticJson, LayerJson, TensorJson } from './schema-parts.js';

export const SCHEMA_VERSION = '1.0.0';

/** The keys of the report the core owns; every other top-level key is a plugin's section. */
export const coreProperties = {
  $schema: Type.Optional(Type.String()),
  schemaVersion: Type.Literal(SCHEMA_VERSION),
  tool: Type.Object({ name: Type.String(), version: Type.String() }),
  model: Type.Object({
    path: Type.String(),
    fileName: Type.String(),
    fileBytes: Type.Integer({ minimum: 0 }),
    irVersion: Type.Union([Type.Integer(), Type.Null()]),
    producer: Type.String(),
    producerVersion: Type.String(),
    domain: Type.String(),
    modelVersion: Type.Union([Type.Integer(), Type.Null()]),
    docString: Type.String(),
    graphName: Type.String(),
    opsetImports: Type.Record(Type.String(), Type.Integer()),
    metadata: Type.Record(Type.String(), Type.String()),
    inputs: Type.Array(TensorJson),
    outputs: Type.Array(TensorJson),
    convertedFrom: Type.Optional(Type.String()),
  }),
  dims: Type.Object({
    symbols: Type.Array(Type.String()),
    bindings: Type.Record(Type.String(), Type.Integer()),
  }),
  layers: Type.Optional(Type.Array(LayerJson)),
  diagnostics: Type.Array(DiagnosticJson),
};

export const coreRequired = ['schemaVersion', 'tool', 'model', 'dims', 'diagnostics'];
