import { Count, type SectionDefinition, type Static, Type } from '@autodoc/core';

const ElementsAndBytes = Type.Object({ count: Type.Integer({ minimum: 0 }), elements: Count, bytes: Count });

export const ParamsSectionSchema = Type.Object({
  /** Weight elements per docs/definitions.md (BatchNorm statistics and integer constants excluded). */
  total: Count,
  byOpType: Type.Record(Type.String(), Count),
  byBlock: Type.Record(Type.String(), Count),
  /** Weight elements by stored dtype. */
  byDtype: Type.Record(Type.String(), Count),
  /** Elements of BatchNorm running mean/variance. */
  batchNormStatistics: Count,
  /** Initializers consumed by more than one node (counted once in total). */
  shared: Type.Array(Type.Object({ name: Type.String(), elements: Count, consumers: Type.Integer({ minimum: 2 }) })),
  /** Quantized weights and their scales/zero points (counted apart from `total`'s float weights). */
  quantized: Type.Object({
    weightElements: Count,
    scaleElements: Count,
    zeroPointElements: Count,
    byScheme: Type.Record(Type.String(), Count),
  }),
  /** Weights materialised by ConstantOfShape from constant shapes (included in total). */
  constantOfShapeElements: Count,
  /** Every initializer, whatever its role. */
  allInitializers: ElementsAndBytes,
  /** Integer initializers that are shapes, axes, indices (not weights). */
  integerConstants: ElementsAndBytes,
  /** Float tensors stored in Constant nodes (not initializers; not in total). */
  constantNodeElements: Count,
  /** Bytes that must be resident to run: every initializer plus ConstantOfShape-materialised weights. */
  residentBytes: Count,
  /** Bytes of weights (initializers and materialised) by dtype. */
  weightBytesByDtype: Type.Record(Type.String(), Count),
  notes: Type.Array(Type.String()),
});

export type ParamsSection = Static<typeof ParamsSectionSchema>;

export const paramsSectionDefinition: SectionDefinition = {
  key: 'params',
  title: 'Parameters',
  order: 200,
  schema: ParamsSectionSchema,
  views: [
    {
      kind: 'keyValue',
      fields: [
        { path: 'total', label: 'Parameters', unit: 'count' },
        { path: 'batchNormStatistics', label: 'BatchNorm statistics', unit: 'count' },
        { path: 'constantOfShapeElements', label: 'Weights from ConstantOfShape', unit: 'count' },
        { path: 'quantized.weightElements', label: 'Quantized weights', unit: 'count' },
        { path: 'allInitializers.bytes', label: 'Initializer bytes', unit: 'bytes' },
      ],
    },
  ],
};
