import { Count, type SectionDefinition, type Static, SymbolicCount, Type } from '@autodoc/core';

const Figure = Type.Object({
  ...SymbolicCount.properties,
  /** op type → figure; the op type is `domain::OpType` outside ai.onnx. */
  byOpType: Type.Record(Type.String(), SymbolicCount),
  /** block (exporter scope or the architecture plugin's block) → figure. */
  byBlock: Type.Record(Type.String(), SymbolicCount),
});

const Hotspot = Type.Object({
  name: Type.String(),
  opType: Type.String(),
  block: Type.Union([Type.String(), Type.Null()]),
  macs: Type.Union([Count, Type.Null()]),
  flops: Type.Union([Count, Type.Null()]),
  /** Share of total FLOPs, 0–1 (null while symbolic). */
  share: Type.Union([Type.Number(), Type.Null()]),
});

export const CostSectionSchema = Type.Object({
  macs: Figure,
  flops: Figure,
  /** False when any node has no cost rule or its rule could not run; totals then undercount. */
  complete: Type.Boolean(),
  uncounted: Type.Array(Type.Object({ domain: Type.String(), opType: Type.String(), count: Type.Integer({ minimum: 1 }), reason: Type.String() })),
  /** Op types whose cost is deliberately zero (data movement), with node counts. */
  free: Type.Record(Type.String(), Type.Integer({ minimum: 1 })),
  /** Top nodes by FLOPs at the bound values (ranked with unbound symbols at 1 when symbolic). */
  hotspots: Type.Array(Hotspot),
  /** Notes on how figures were obtained (If branches, Loop trip counts). */
  notes: Type.Array(Type.String()),
});

export type CostSection = Static<typeof CostSectionSchema>;

export const costSectionDefinition: SectionDefinition = {
  key: 'cost',
  title: 'Compute',
  order: 300,
  schema: CostSectionSchema,
  views: [
    {
      kind: 'keyValue',
      fields: [
        { path: 'macs.total', label: 'MACs', unit: 'macs' },
        { path: 'macs.expression', label: 'MACs (formula)' },
        { path: 'flops.total', label: 'FLOPs', unit: 'flops' },
        { path: 'flops.expression', label: 'FLOPs (formula)' },
        { path: 'complete', label: 'Every op counted' },
      ],
    },
    {
      kind: 'table',
      title: 'Hotspots',
      rows: 'hotspots',
      columns: [
        { path: 'name', label: 'Node' },
        { path: 'opType', label: 'Op' },
        { path: 'macs', label: 'MACs', unit: 'macs' },
        { path: 'flops', label: 'FLOPs', unit: 'flops' },
        { path: 'share', label: 'Share', unit: 'percent' },
      ],
    },
    { kind: 'table', title: 'Uncounted ops', rows: 'uncounted', columns: [{ path: 'domain', label: 'Domain' }, { path: 'opType', label: 'Op' }, { path: 'count', label: 'Nodes', unit: 'count' }, { path: 'reason', label: 'Why' }] },
  ],
};
