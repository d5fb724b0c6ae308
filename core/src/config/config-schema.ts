import { Type } from 'typebox';

/**
 * Structural schema of a loaded config. A plugin is a plugin object, a format plugin named lazily
 * (lazyFormatPlugin) or a package name; a preset is an object or a package name. Their own options
 * are validated separately against each plugin's optionsSchema.
 */
const PluginRef = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Object({ kind: Type.Literal('autodoc-plugin'), name: Type.String() }),
  Type.Object({ kind: Type.Literal('autodoc-lazy-format-plugin'), name: Type.String() }),
]);

export const configSchema = Type.Object(
  {
    presets: Type.Optional(Type.Array(Type.Union([Type.String({ minLength: 1 }), Type.Object({ kind: Type.Literal('autodoc-preset') })]))),
    plugins: Type.Optional(Type.Array(Type.Union([PluginRef, Type.Array(Type.Union([PluginRef, Type.Object({})]), { minItems: 2, maxItems: 2 })]))),
    ops: Type.Optional(Type.Array(Type.Object({ opType: Type.String(), since: Type.Integer({ minimum: 1 }), domain: Type.String() }))),
    formats: Type.Optional(Type.Array(Type.Object({ id: Type.String(), extension: Type.String() }))),
    devices: Type.Optional(Type.Array(Type.Object({}))),
    options: Type.Optional(
      Type.Object(
        {
          bindings: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0 }))),
          precision: Type.Optional(Type.Union(['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'].map((p) => Type.Literal(p)))),
          batchSize: Type.Optional(Type.Integer({ minimum: 1 })),
          gpuCount: Type.Optional(Type.Integer({ minimum: 1 })),
          hardware: Type.Optional(Type.String()),
          trustModelShapes: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    output: Type.Optional(
      Type.Object({ formats: Type.Optional(Type.Array(Type.String())), outDir: Type.Optional(Type.String()) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
