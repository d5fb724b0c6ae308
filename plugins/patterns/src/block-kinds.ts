import { compareText } from '@autodoc/core';
import type { BlockNode, BlockTree } from './block-tree.js';

/** A group of blocks with the same structure. */
export interface RepeatGroup {
  readonly kind: string;
  readonly count: number;
  /** Block paths, in execution order (at most 64 listed). */
  readonly blocks: string[];
  /** Distinct parent blocks (stages), at most 64 listed. */
  readonly parents: string[];
  readonly stageCount: number;
  /** Distinct exact signatures (op sequence + weight shapes) among the blocks. */
  readonly variants: number;
}

const MAX_LISTED = 64;

/**
 * Names a block from its structure (never from its scope name alone):
 * - `TransformerLayer`: one attention and one MLP; `TransformerDecoderLayer`: two attentions (self +
 *   cross) and one MLP;
 * - `InvertedResidual`: one MobileNetV2 inverted residual;
 * - `BasicBlock`: one residual add over two k×k Convs (plus an optional 1×1 projection shortcut);
 * - `Bottleneck`: one residual add over 1×1 → k×k → 1×1 Convs (plus an optional projection);
 * - `AttentionBlock` / `MLPBlock`: one attention or one MLP alone (structural spans of transformers).
 */
export function kindOf(block: BlockNode): string | undefined {
  const f = block.features;
  const p = (name: string) => f.patterns.get(name) ?? 0;
  const attention = p('attention');
  const mlp = p('mlp');
  const residual = p('residual-add');
  if (mlp === 1 && attention === 1) return 'TransformerLayer';
  if (mlp === 1 && attention === 2) return 'TransformerDecoderLayer';
  if (p('inverted-residual') === 1 && attention === 0) return 'InvertedResidual';
  if (residual === 1 && f.convDw === 0 && f.convK === 2 && f.conv1 <= 1 && attention === 0) return 'BasicBlock';
  if (residual === 1 && f.convDw === 0 && f.convK === 1 && f.conv1 >= 2 && f.conv1 <= 3 && attention === 0) return 'Bottleneck';
  if (attention === 1 && mlp === 0 && f.convK + f.conv1 === 0) return 'AttentionBlock';
  if (mlp === 1 && attention === 0 && f.convK + f.conv1 === 0) return 'MLPBlock';
  return undefined;
}

/** The scope name with its trailing index replaced: `layer.3` → `layer.N`, `3` → `N`. */
export function namePattern(name: string): string {
  return name.replace(/\d+$/, 'N');
}

/**
 * Groups numbered blocks (repeat units) that repeat: blocks of the same structural kind form one group
 * whatever their widths (ResNet's BasicBlocks in four stages); blocks without a kind group by scope
 * pattern and exact signature. A group whose every block sits inside a block of another group is
 * implied by it and left out.
 */
export function findRepeats(tree: BlockTree): RepeatGroup[] {
  const groups = new Map<string, BlockNode[]>();
  for (const block of tree.all) {
    if (!block.numbered) continue;
    const key = block.kind ?? `${namePattern(block.name)}#${block.exactHash}`;
    const list = groups.get(key);
    if (list) list.push(block);
    else groups.set(key, [block]);
  }
  const repeated = [...groups.values()].filter((g) => g.length >= 2);
  const members = new Map<BlockNode, BlockNode[]>();
  for (const g of repeated) for (const b of g) members.set(b, g);
  const out: RepeatGroup[] = [];
  for (const g of repeated) {
    const implied = g.every((b) => {
      for (let a = b.parent; a; a = a.parent) if (members.has(a) && members.get(a) !== g) return true;
      return false;
    });
    if (implied) continue;
    const sorted = [...g].sort((a, b) => a.firstIndex - b.firstIndex);
    const parents = [...new Set(sorted.map((b) => b.parent?.path ?? ''))];
    out.push({
      kind: sorted[0].kind ?? namePattern(sorted[0].name),
      count: sorted.length,
      blocks: sorted.slice(0, MAX_LISTED).map((b) => b.path),
      parents: parents.slice(0, MAX_LISTED),
      stageCount: parents.length,
      variants: new Set(sorted.map((b) => b.exactHash)).size,
    });
  }
  return out.sort((a, b) => b.count - a.count || compareText(a.kind, b.kind));
}
