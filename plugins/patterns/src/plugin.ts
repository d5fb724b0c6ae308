import { type AnalysisContext, definePlugin, type Graph, Stage, type Static, Type } from '@autodoc/core';
import { type ArchitectureSection, architectureSectionDefinition, MAX_TREE_DEPTH } from './architecture-section.js';
import { blocksJson, sumFigures } from './block-json.js';
import { findRepeats, kindOf } from './block-kinds.js';
import { type BlockTree, buildBlockTree } from './block-tree.js';
import type { PatternMatch } from './detectors/detector.js';
import { selectDetectors } from './detectors/index.js';
import { classifyFamily } from './family.js';
import { createGraphView, graphViewOf } from './graph-view.js';
import { transformerFacts } from './transformer-facts.js';

export const PatternsOptionsSchema = Type.Object(
  {
    /** Deepest scope level kept in the block tree; deeper scopes fold into their ancestor. */
    maxDepth: Type.Integer({ minimum: 1, maximum: MAX_TREE_DEPTH }),
    /** Most blocks written to `architecture.blocks` (breadth-first); the rest are counted as omitted. */
    maxBlocks: Type.Integer({ minimum: 1, maximum: 100_000 }),
    /** Detectors to run (default: all). */
    detectors: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type PatternsOptions = Static<typeof PatternsOptionsSchema>;

/** Location lists kept per pattern in `patternDetails`. */
const MAX_LOCATIONS = 5;

/** The tree built at Stage.Structure, handed to the Patterns tap of the same run. */
const trees = new WeakMap<AnalysisContext, BlockTree>();

/**
 * Block tree (Stage.Structure: sets each node's `block` so counts can be summed by block), then
 * patterns, repeats, transformer facts and the model family (Stage.Patterns), into `architecture`.
 */
export default definePlugin<PatternsOptions>({
  name: 'autodoc:patterns',
  description: 'Block tree, architecture patterns and model family.',
  optionsSchema: PatternsOptionsSchema,
  defaults: { maxDepth: 6, maxBlocks: 500 },
  setup: (options) => ({
    sections: [architectureSectionDefinition],
    apply(host) {
      host.hooks.analyze.tapPromise({ name: 'autodoc:patterns', stage: Stage.Structure }, async (ctx) => {
        const tree = buildBlockTree(graphViewOf(ctx.graph, ctx.opset('') ?? 0), options.maxDepth);
        trees.set(ctx, tree);
        ctx.layers.setBlocks(ctx.graph, tree.units);
        if (ctx.allNodes().length === ctx.graph.nodes.length) return;
        // Nodes of If/Loop/Scan bodies belong to the block of the node that owns the body.
        for (const node of ctx.graph.nodes) {
          const block = tree.unitOf(node);
          if (block === undefined || node.subgraphs.size === 0) continue;
          const bodies: Graph[] = [...node.subgraphs.values()];
          while (bodies.length > 0) {
            const body = bodies.pop() as Graph;
            for (const inner of body.nodes) {
              ctx.layers.set(inner, { block });
              bodies.push(...inner.subgraphs.values());
            }
          }
        }
      });

      host.hooks.analyze.tapPromise({ name: 'autodoc:patterns', stage: Stage.Patterns }, async (ctx) => {
        const tree = trees.get(ctx) ?? buildBlockTree(graphViewOf(ctx.graph, ctx.opset('') ?? 0), options.maxDepth);
        const view = await createGraphView(ctx);
        const matches = new Map<string, PatternMatch[]>();
        for (const detector of selectDetectors(options.detectors)) matches.set(detector.name, detector.detect(view));

        for (const [name, list] of matches) {
          for (const m of list) {
            for (let b = tree.leafOf(m.anchor); b; b = b.parent) b.features.patterns.set(name, (b.features.patterns.get(name) ?? 0) + 1);
          }
        }
        for (const block of tree.all) block.kind = kindOf(block);
        sumFigures(ctx, tree);

        const transformer = transformerFacts(view, tree, matches);
        const { family, evidence } = classifyFamily(view, matches, transformer);
        const { blocks, omitted } = blocksJson(tree, options.maxBlocks, ctx.options.bindings);
        const notes: string[] = [];
        if (tree.source === 'structure') notes.push('The model has no exporter name scopes: blocks are residual spans (residual.N) and the runs between them (segment.N).');
        if (tree.truncatedDepth) notes.push(`Scopes deeper than ${options.maxDepth} levels are folded into their ancestor (option maxDepth).`);
        if (omitted > 0) notes.push(`${omitted} blocks are left out of the tree (option maxBlocks = ${options.maxBlocks}).`);

        const section: ArchitectureSection = {
          family,
          evidence,
          blockSource: tree.source,
          blocks,
          unscopedNodes: tree.unscoped,
          omittedBlocks: omitted,
          repeats: findRepeats(tree),
          patterns: Object.fromEntries([...matches].map(([name, list]) => [name, list.length])),
          patternDetails: [...matches].map(([name, list]) => ({ name, count: list.length, variants: variantCounts(list), locations: list.slice(0, MAX_LOCATIONS).map((m) => [...m.nodes]) })),
          transformer,
          notes,
        };
        ctx.setSection('architecture', section);
      });
    },
  }),
});

function variantCounts(list: readonly PatternMatch[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of list) for (const t of m.tags) out[t] = (out[t] ?? 0) + 1;
  return out;
}
