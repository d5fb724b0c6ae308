import { type AnalysisContext, countJson, dims, symbolicCount, tensorJson } from '@autodoc/core';
import type { BlockNode, BlockTree } from './block-tree.js';
import type { BlockJsonValue } from './architecture-section.js';

type Sum = InstanceType<typeof dims.DimSum>;

/**
 * Sums the per-node figures other plugins wrote into `ctx.layers` (params, MACs, FLOPs, output bytes)
 * into each node's deepest block, then rolls them up to the ancestors. Only top-level nodes count:
 * the cost of an If/Loop body is the owning node's figure.
 */
export function sumFigures(ctx: AnalysisContext, tree: BlockTree): void {
  // A leaf block can hold most of a graph's nodes: its totals run in DimSums, not one new
  // expression per node.
  const sums = new Map<BlockNode, { macs?: Sum; flops?: Sum; outputBytes?: Sum }>();
  let lastLeaf: BlockNode | undefined;
  let s: { macs?: Sum; flops?: Sum; outputBytes?: Sum } = {};
  for (const node of ctx.graph.nodes) {
    const leaf = tree.leafOf(node);
    if (!leaf) continue;
    const f = ctx.layers.get(node);
    if (!f) continue;
    if (f.params !== undefined) leaf.params = (leaf.params ?? 0) + f.params;
    // A leaf's nodes mostly follow each other: its sums are looked up once per run.
    if (leaf !== lastLeaf) {
      let found = sums.get(leaf);
      if (!found) sums.set(leaf, (found = {}));
      s = found;
      lastLeaf = leaf;
    }
    if (f.macs !== undefined) (s.macs ??= new dims.DimSum()).add(f.macs);
    if (f.flops !== undefined) (s.flops ??= new dims.DimSum()).add(f.flops);
    if (f.outputBytes !== undefined) (s.outputBytes ??= new dims.DimSum()).add(f.outputBytes);
  }
  for (const [leaf, s] of sums) {
    if (s.macs) leaf.macs = s.macs.value();
    if (s.flops) leaf.flops = s.flops.value();
    if (s.outputBytes) leaf.outputBytes = s.outputBytes.value();
  }
  // Children before parents: `all` lists parents first, so walk it backwards.
  for (let i = tree.all.length - 1; i >= 0; i--) {
    const b = tree.all[i];
    const p = b.parent;
    if (!p) continue;
    if (b.params !== undefined) p.params = (p.params ?? 0) + b.params;
    if (b.macs !== undefined) p.macs = p.macs === undefined ? b.macs : dims.add(p.macs, b.macs);
    if (b.flops !== undefined) p.flops = p.flops === undefined ? b.flops : dims.add(p.flops, b.flops);
    if (b.outputBytes !== undefined) p.outputBytes = p.outputBytes === undefined ? b.outputBytes : dims.add(p.outputBytes, b.outputBytes);
  }
}

/**
 * The report form of the tree: breadth-first up to `maxBlocks` blocks, so a huge graph gives a
 * bounded tree; a block whose children were cut says how many with `omittedChildren`.
 */
export function blocksJson(tree: BlockTree, maxBlocks: number, bindings: Readonly<Record<string, number>>): { blocks: BlockJsonValue[]; omitted: number } {
  const top: BlockJsonValue[] = [];
  const queue: { block: BlockNode; into: BlockJsonValue[] }[] = tree.roots.map((block) => ({ block, into: top }));
  let emitted = 0;
  let omitted = 0;
  const omittedBy = new Map<BlockJsonValue[], BlockJsonValue>();
  for (let i = 0; i < queue.length; i++) {
    const { block, into } = queue[i];
    if (emitted >= maxBlocks) {
      omitted++;
      const owner = omittedBy.get(into);
      if (owner) owner.omittedChildren = (owner.omittedChildren ?? 0) + 1;
      continue;
    }
    emitted++;
    const json = blockJson(block, bindings);
    into.push(json);
    omittedBy.set(json.children, json);
    for (const child of block.children) queue.push({ block: child, into: json.children });
  }
  return { blocks: top, omitted };
}

function blockJson(b: BlockNode, bindings: Readonly<Record<string, number>>): BlockJsonValue {
  const fig = (d: BlockNode['macs']) => (d === undefined ? null : symbolicCount(d, bindings));
  return {
    name: b.name,
    path: b.path,
    ...(b.kind ? { kind: b.kind } : {}),
    nodeCount: b.nodeCount,
    params: b.params === undefined ? null : countJson(b.params),
    macs: fig(b.macs),
    flops: fig(b.flops),
    outputBytes: fig(b.outputBytes),
    inputs: b.inputs.map((v) => tensorJson(v)),
    outputs: b.outputs.map((v) => tensorJson(v)),
    children: [],
  };
}
