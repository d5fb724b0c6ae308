import { type SectionDefinition, type Static, TensorJson, Type } from '@autodoc/core';

export const GraphSectionSchema = Type.Object({
  name: Type.String(),
  nodeCount: Type.Integer({ minimum: 0 }),
  nodeCountWithSubgraphs: Type.Integer({ minimum: 0 }),
  subgraphCount: Type.Integer({ minimum: 0 }),
  initializerCount: Type.Integer({ minimum: 0 }),
  valueCount: Type.Integer({ minimum: 0 }),
  /** Op type → node count over the whole model (subgraphs included). Keys are `domain::OpType` outside ai.onnx. */
  opHistogram: Type.Record(Type.String(), Type.Integer({ minimum: 1 })),
  /** Domain → op type → node count. */
  opHistogramByDomain: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer({ minimum: 1 }))),
  functions: Type.Array(Type.Object({ domain: Type.String(), name: Type.String(), nodeCount: Type.Integer({ minimum: 0 }) })),
  /** Every value a node produces, with its inferred type (left out with --summary). */
  tensors: Type.Optional(Type.Array(TensorJson)),
});

export type GraphSection = Static<typeof GraphSectionSchema>;

export const graphSectionDefinition: SectionDefinition = {
  key: 'graph',
  title: 'Graph',
  order: 100,
  schema: GraphSectionSchema,
  views: [
    {
      kind: 'keyValue',
      fields: [
        { path: 'nodeCount', label: 'Nodes', unit: 'count' },
        { path: 'nodeCountWithSubgraphs', label: 'Nodes incl. subgraphs', unit: 'count' },
        { path: 'initializerCount', label: 'Initializers', unit: 'count' },
        { path: 'valueCount', label: 'Values', unit: 'count' },
      ],
    },
  ],
};
