import type { Dim, Node, Value } from '@autodoc/core';
import type { GraphView } from './graph-view.js';
import { structuralPaths } from './structural-blocks.js';

/** Largest number of boundary tensors kept per block (first inputs, last outputs). */
const MAX_BOUNDARY = 4;

/** Structure counters per block (subtree), filled while building and by pattern matches. */
export interface BlockFeatures {
  /** Convs with a 1×1 kernel (group 1). */
  conv1: number;
  /** Other non-depthwise Convs (k > 1). */
  convK: number;
  /** Depthwise Convs. */
  convDw: number;
  /** Weighted MatMul/Gemm. */
  dense: number;
  /** Pattern matches anchored in the block, by pattern name. */
  patterns: Map<string, number>;
}

/** A block while it is being built; turned into report JSON by block-json.ts. */
export interface BlockNode {
  readonly name: string;
  /** Slash-joined path from the top: `layer1/layer1.0`. */
  readonly path: string;
  readonly depth: number;
  readonly parent: BlockNode | undefined;
  /** Children in execution order (by their first node). */
  readonly children: BlockNode[];
  readonly childByName: Map<string, BlockNode>;
  /** Top-level graph nodes in the subtree. */
  nodeCount: number;
  firstIndex: number;
  lastIndex: number;
  /** Rolling hash of the subtree's op sequence with weight shapes: blocks that hash alike have the same signature. */
  exactHash: number;
  readonly inputs: Value[];
  readonly outputs: Value[];
  readonly features: BlockFeatures;
  /** A repeat unit: a numbered scope (`layer.3`, `layer1.0`) or a structural residual span. */
  readonly numbered: boolean;
  kind: string | undefined;
  params: number | undefined;
  macs: Dim | undefined;
  flops: Dim | undefined;
  outputBytes: Dim | undefined;
}

/** The block tree of one graph and where each node belongs. */
export interface BlockTree {
  /** Top-level blocks, in execution order. */
  readonly roots: BlockNode[];
  /** Every block, parents before children. */
  readonly all: BlockNode[];
  /** The deepest block of a top-level node (undefined for unscoped nodes and nodes of other graphs). */
  leafOf(node: Node | undefined): BlockNode | undefined;
  /** The report's `block` of each node: the repeat-unit level (`encoder/layer.3`), else the top scope. */
  unitOf(node: Node): string | undefined;
  /** `unitOf` of every top-level node, by node index. */
  readonly units: readonly (string | undefined)[];
  /** Nodes that belong to no block. */
  unscoped: number;
  /** Whether blocks come from exporter scopes or from the graph's structure. */
  readonly source: 'scopes' | 'structure';
  /** Levels below `maxDepth` folded into their ancestor. */
  truncatedDepth: boolean;
}

/** A scope segment that numbers a repeated module: `layer.3`, `layer1.0`, `h.11`, or a bare `3`. */
export const NUMBERED_SEGMENT = /^(?:.*\.\d+|\d+)$/;

/** Share of nodes that must carry a scope for scopes to define the blocks. */
const MIN_SCOPED_SHARE = 0.5;

/**
 * Builds the block tree in one pass over the top-level nodes (plus one pass for block boundaries):
 * from exporter name scopes when most nodes have one, otherwise from structure (residual spans).
 * Depth is capped at `maxDepth`; deeper scopes fold into their ancestor. Memory is one entry per
 * block plus two array slots per node.
 */
export function buildBlockTree(view: GraphView, maxDepth: number): BlockTree {
  const graph = view.graph;
  const useScopes = mostlyScoped(graph.nodes);
  const paths = useScopes ? undefined : structuralPaths(view);
  // By node index, not Maps keyed by node: two long-lived map entries per node cost more than the
  // tree itself on a large graph. A node of another graph (a body node consuming an outer value)
  // can share an index with a top-level node, hence the identity check.
  const nodes = graph.nodes;
  const leaves = new Array<BlockNode | undefined>(nodes.length).fill(undefined);
  const units = new Array<string | undefined>(nodes.length).fill(undefined);
  const tree: BlockTree = {
    roots: [],
    all: [],
    leafOf: (node) => (node && nodes[node.index] === node ? leaves[node.index] : undefined),
    unitOf: (node) => (nodes[node.index] === node ? units[node.index] : undefined),
    units,
    unscoped: 0,
    source: useScopes ? 'scopes' : 'structure',
    truncatedDepth: false,
  };
  const rootChildren = new Map<string, BlockNode>();
  // The hash of `domain:opType`, made once per op kind, not once per node.
  const opHashes = new Map<string, Map<string, number>>();
  const opHash = (node: Node): number => {
    let byOp = opHashes.get(node.domain);
    if (!byOp) opHashes.set(node.domain, (byOp = new Map()));
    let hash = byOp.get(node.opType);
    if (hash === undefined) byOp.set(node.opType, (hash = fnv(FNV_OFFSET, `${node.domain}:${node.opType}`)));
    return hash;
  };

  // Most nodes share their scope with their neighbours: split each distinct path once, and walk the
  // block maps only when the path changes from the node before (a run of one path keeps its blocks).
  const segmentsOf = new Map<string, string[]>();
  let lastPath: string | undefined;
  let enclosing: BlockNode[] = [];
  let unit: string | undefined;
  for (const node of graph.nodes) {
    const path = useScopes ? node.scope : (paths?.[node.index] ?? '');
    if (!path) {
      tree.unscoped++;
      continue;
    }
    if (path !== lastPath) {
      let segments = segmentsOf.get(path);
      if (!segments) {
        segments = path.split('/').filter((s) => s.length > 0);
        if (segments.length > maxDepth) {
          segments = segments.slice(0, maxDepth);
          tree.truncatedDepth = true;
        }
        segmentsOf.set(path, segments);
      }
      enclosing = [];
      unit = undefined;
      let parent: BlockNode | undefined;
      for (let d = 0; d < segments.length; d++) {
        const siblings = parent ? parent.childByName : rootChildren;
        let block = siblings.get(segments[d]);
        if (!block) {
          block = newBlock(segments[d], parent, d + 1, node.index);
          siblings.set(segments[d], block);
          if (parent) parent.children.push(block);
          else tree.roots.push(block);
          tree.all.push(block);
        }
        if (unit === undefined && block.numbered) unit = block.path;
        enclosing.push(block);
        parent = block;
      }
      unit ??= segments[0];
      lastPath = path;
    }
    // The node's signature is hashed once; each enclosing block chains it into its own hash.
    const signature = weightShapesHash(node, node.opType === 'Conv' ? fnv(opHash(node), convShape(view, node)) : opHash(node));
    const feature = featureOf(view, node);
    for (const block of enclosing) {
      block.nodeCount++;
      block.lastIndex = node.index;
      block.exactHash = chain(block.exactHash, signature);
      if (feature !== undefined) block.features[feature]++;
    }
    leaves[node.index] = enclosing[enclosing.length - 1];
    units[node.index] = unit;
  }
  collectBoundaries(view, tree);
  return tree;
}

/** Whether at least MIN_SCOPED_SHARE of the nodes carry a scope; stops reading scopes once that is decided. */
function mostlyScoped(nodes: readonly Node[]): boolean {
  const needed = Math.ceil(nodes.length * MIN_SCOPED_SHARE);
  let scoped = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i].scope) scoped++;
    if (scoped >= needed) return true;
    if (scoped + (nodes.length - 1 - i) < needed) return false;
  }
  return false;
}

function newBlock(name: string, parent: BlockNode | undefined, depth: number, index: number): BlockNode {
  return {
    name,
    path: parent ? `${parent.path}/${name}` : name,
    depth,
    parent,
    children: [],
    childByName: new Map(),
    nodeCount: 0,
    firstIndex: index,
    lastIndex: index,
    exactHash: FNV_OFFSET,
    inputs: [],
    outputs: [],
    features: { conv1: 0, convK: 0, convDw: 0, dense: 0, patterns: new Map() },
    numbered: NUMBERED_SEGMENT.test(name),
    kind: undefined,
    params: undefined,
    macs: undefined,
    flops: undefined,
    outputBytes: undefined,
  };
}

/** Kernel size and grouping of a Conv, so 1×1 and 3×3 blocks get different coarse signatures. */
function convShape(view: GraphView, node: Node): string {
  if (node.opType !== 'Conv') return '';
  const w = view.weight(node, 1);
  const group = view.attrInt(node, 'group', 1);
  return `[k${w ? w.dims.slice(2).join('x') : '?'}${group > 1 ? 'g' : ''}]`;
}

/** `hash` chained with the shapes of the node's initializer inputs (the weight shapes of the signature). */
function weightShapesHash(node: Node, hash: number): number {
  let h = hash;
  for (let i = 0, count = node.inputCount; i < count; i++) {
    const initializer = node.input(i)?.initializer;
    if (!initializer) continue;
    // A marker per initializer keeps (2,3)(4) apart from (2)(3,4).
    h = chain(h, INITIALIZER_MARK);
    for (const d of initializer.dims) h = chain(chain(h, d | 0), (d / 2 ** 32) | 0);
  }
  return h;
}

/** The structure counter a node adds to each enclosing block, if any. */
function featureOf(view: GraphView, node: Node): 'conv1' | 'convK' | 'convDw' | 'dense' | undefined {
  if (node.opType === 'Conv') {
    const w = view.weight(node, 1);
    const group = view.attrInt(node, 'group', 1);
    if (group > 1 && w && w.dims[1] === 1) return 'convDw';
    if (w?.dims.slice(2).every((k) => k === 1)) return 'conv1';
    return 'convK';
  }
  if ((node.opType === 'MatMul' || node.opType === 'Gemm') && view.isWeighted(node)) return 'dense';
  return undefined;
}

const FNV_OFFSET = 0x811c9dc5;
const INITIALIZER_MARK = 0x28;

/** FNV-1a step over one 32-bit number, chained: the order matters. */
function chain(hash: number, n: number): number {
  return Math.imul(hash ^ n, 0x01000193) >>> 0;
}

/** FNV-1a over a token, chained: the order of tokens matters. */
function fnv(hash: number, token: string): number {
  let h = hash ^ 0x2f;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** True when `leaf` lies inside `block` (or is it). */
function within(leaf: BlockNode | undefined, block: BlockNode): boolean {
  let b = leaf;
  while (b && b.depth > block.depth) b = b.parent;
  return b === block;
}

/**
 * First inputs and last outputs of every block: values crossing its boundary. A value produced
 * outside the block (or a graph input) and consumed inside is an input; one produced inside and
 * consumed outside (or a graph output) is an output. Constants are not inputs.
 *
 * One walk over the node inputs finds both sides of each crossing, so no consumer list is made:
 * a value read in another block than its producer's leaves the producer's blocks up to the first
 * one that holds the reader as well.
 */
function collectBoundaries(view: GraphView, tree: BlockTree): void {
  const graph = view.graph;
  const leaving = new Map<BlockNode, Set<Value>>();
  const leaves = (v: Value, from: BlockNode | undefined, to: BlockNode | undefined) => {
    for (let b = from; b && !within(to, b); b = b.parent) {
      let set = leaving.get(b);
      if (!set) leaving.set(b, (set = new Set()));
      set.add(v);
    }
  };
  for (const node of graph.nodes) {
    const leaf = tree.leafOf(node);
    for (let i = 0, count = node.inputCount; i < count; i++) {
      const v = node.input(i);
      if (!v) continue;
      const from = tree.leafOf(v.producer);
      // Made in the reader's own leaf block (most values): inside every block that encloses both.
      if (from === leaf) continue;
      leaves(v, from, leaf);
      if (!leaf || view.isConstant(v)) continue;
      for (let b: BlockNode | undefined = leaf; b && !within(from, b); b = b.parent) {
        if (b.inputs.length < MAX_BOUNDARY && !b.inputs.includes(v)) b.inputs.push(v);
      }
    }
  }
  for (const v of graph.outputs) leaves(v, tree.leafOf(v.producer), undefined);
  // The last outputs in the order they are made: by producer, then output slot.
  for (const [block, set] of leaving) {
    const made = [...set].map((v) => ({ v, at: (v.producer as Node).index, slot: (v.producer as Node).outputs.indexOf(v) }));
    made.sort((a, b) => a.at - b.at || a.slot - b.slot);
    for (const { v } of made.slice(-MAX_BOUNDARY)) block.outputs.push(v);
  }
}
