import { Count, type SectionDefinition, type Static, SymbolicCount, TensorJson, type TSchema, Type } from '@autodoc/core';

/** Model families, as `architecture.family` spells them (a stable contract). */
export const FAMILIES = [
  'cnn-classifier',
  'cnn-detector',
  'cnn-segmenter',
  'video-cnn',
  'vision-transformer',
  'text-encoder',
  'decoder-llm',
  'encoder-decoder',
  'rnn',
  'diffusion-unet',
  'other',
] as const;
export type Family = (typeof FAMILIES)[number];

/** Deepest block level the schema (and so the tree) allows. */
export const MAX_TREE_DEPTH = 8;

const Figure = Type.Union([SymbolicCount, Type.Null()]);

function blockFields(children: TSchema) {
  return {
    name: Type.String(),
    /** Slash-joined scope path, the key used by `params.byBlock` and `cost.*.byBlock`. */
    path: Type.String(),
    /** Structural kind (BasicBlock, Bottleneck, TransformerLayer, …) when recognised. */
    kind: Type.Optional(Type.String()),
    /** Top-level graph nodes in the block (subtree). */
    nodeCount: Type.Integer({ minimum: 0 }),
    /** Parameters of the block's nodes (null when no params plugin ran). */
    params: Type.Union([Count, Type.Null()]),
    macs: Figure,
    flops: Figure,
    outputBytes: Figure,
    /** First tensors entering the block (at most 4). */
    inputs: Type.Array(TensorJson),
    /** Last tensors leaving the block (at most 4). */
    outputs: Type.Array(TensorJson),
    children,
    /** Children left out to keep the tree bounded. */
    omittedChildren: Type.Optional(Type.Integer({ minimum: 1 })),
  };
}

/**
 * The block schema, nested MAX_TREE_DEPTH levels deep instead of recursive: section schemas are
 * embedded in the composed report schema, where a `$ref` to the section's own `$defs` would not resolve.
 */
function blockSchema(levels: number): TSchema {
  const children = levels <= 1 ? Type.Array(Type.Never(), { maxItems: 0 }) : Type.Array(blockSchema(levels - 1));
  return Type.Object(blockFields(children), { additionalProperties: false });
}

export const BlockSchema = blockSchema(MAX_TREE_DEPTH);

/** A block in report form (the static type of one level, children of the same shape). */
export interface BlockJsonValue {
  name: string;
  path: string;
  kind?: string;
  nodeCount: number;
  params: number | string | null;
  macs: { total: number | string | null; expression: string | null } | null;
  flops: { total: number | string | null; expression: string | null } | null;
  outputBytes: { total: number | string | null; expression: string | null } | null;
  inputs: { name: string; dtype: string | null; shape: (number | string | null)[] | null; kind?: string }[];
  outputs: { name: string; dtype: string | null; shape: (number | string | null)[] | null; kind?: string }[];
  children: BlockJsonValue[];
  omittedChildren?: number;
}

const NullableInt = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

export const TransformerSchema = Type.Object({
  /** Transformer layers (repeated attention + MLP blocks, else attention count). */
  layers: NullableInt,
  /** Model width, from the token-embedding table or the Q projection weight. */
  hidden: NullableInt,
  /** Query heads, from the head-split Reshape constant, the fused op's attribute, or the √d scale. */
  heads: NullableInt,
  /** Key/value heads (fewer than `heads` under GQA/MQA), from the K head-split Reshape or the fused op. */
  kvHeads: NullableInt,
  headDim: NullableInt,
  /** MLP width, from the up-projection weight. */
  intermediate: NullableInt,
  /** Vocabulary, from the token-embedding table (or the output projection). */
  vocab: NullableInt,
  /** True when the output projection reuses the embedding table; null when there is no output projection. */
  tiedEmbeddings: Type.Union([Type.Boolean(), Type.Null()]),
  /** Past key/value inputs concatenated into the attention (or fused attention with past inputs). */
  kvCache: Type.Boolean(),
  /** Where each fact came from. */
  sources: Type.Record(Type.String(), Type.String()),
});
export type TransformerFacts = Static<typeof TransformerSchema>;

export const RepeatSchema = Type.Object({
  kind: Type.String(),
  count: Type.Integer({ minimum: 2 }),
  blocks: Type.Array(Type.String()),
  /** Distinct parent blocks (stages) the repeats sit in. */
  parents: Type.Array(Type.String()),
  stageCount: Type.Integer({ minimum: 1 }),
  /** Distinct exact signatures (op sequence + weight shapes) within the group. */
  variants: Type.Integer({ minimum: 1 }),
});

export const PatternDetailSchema = Type.Object({
  name: Type.String(),
  count: Type.Integer({ minimum: 0 }),
  /** Matches per variant tag (`folded`, `causal`, `gqa`, `swiglu`, …). */
  variants: Type.Record(Type.String(), Type.Integer({ minimum: 1 })),
  /** Node names of the first matches (at most 5). */
  locations: Type.Array(Type.Array(Type.String())),
});

export const ArchitectureSectionSchema = Type.Object(
  {
    family: Type.Unsafe<Family>(Type.Union(FAMILIES.map((f) => Type.Literal(f)))),
    /** Why the family was chosen, one finding per entry. */
    evidence: Type.Array(Type.String()),
    /** `scopes` when blocks come from exporter name scopes, `structure` when from residual spans. */
    blockSource: Type.Union([Type.Literal('scopes'), Type.Literal('structure')]),
    blocks: Type.Array(BlockSchema),
    /** Top-level nodes outside every block. */
    unscopedNodes: Type.Integer({ minimum: 0 }),
    /** Blocks left out of `blocks` to keep it bounded. */
    omittedBlocks: Type.Integer({ minimum: 0 }),
    repeats: Type.Array(RepeatSchema),
    /** Pattern name → number of matches (every detector listed, zeros included). */
    patterns: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
    patternDetails: Type.Array(PatternDetailSchema),
    transformer: Type.Union([TransformerSchema, Type.Null()]),
    notes: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export type ArchitectureSection = Static<typeof ArchitectureSectionSchema>;

export const architectureSectionDefinition: SectionDefinition = {
  key: 'architecture',
  title: 'Architecture',
  order: 150,
  schema: ArchitectureSectionSchema,
  views: [
    {
      kind: 'keyValue',
      fields: [
        { path: 'family', label: 'Family' },
        { path: 'transformer.layers', label: 'Layers', unit: 'count' },
        { path: 'transformer.hidden', label: 'Hidden size', unit: 'count' },
        { path: 'transformer.heads', label: 'Heads', unit: 'count' },
        { path: 'transformer.kvHeads', label: 'KV heads', unit: 'count' },
        { path: 'transformer.intermediate', label: 'MLP size', unit: 'count' },
        { path: 'transformer.vocab', label: 'Vocabulary', unit: 'count' },
        { path: 'transformer.tiedEmbeddings', label: 'Tied embeddings' },
        { path: 'transformer.kvCache', label: 'KV cache' },
      ],
    },
    { kind: 'table', title: 'Patterns', rows: 'patternDetails', columns: [{ path: 'name', label: 'Pattern' }, { path: 'count', label: 'Count', unit: 'count' }] },
    { kind: 'table', title: 'Repeated blocks', rows: 'repeats', columns: [{ path: 'kind', label: 'Block' }, { path: 'count', label: 'Count', unit: 'count' }, { path: 'stageCount', label: 'Stages', unit: 'count' }, { path: 'variants', label: 'Variants', unit: 'count' }] },
  ],
};
