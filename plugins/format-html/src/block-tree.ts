/**
 * The block tree: exporter name scopes (`encoder/layer.0/attention`) folded into nested
 * `<details>` elements with node count, parameters and FLOPs per subtree. Native `<details>` needs
 * no script, so it collapses under the strict CSP and prints (top levels open).
 */
import type { LayerRow } from '@autodoc/core';
import { escapeHtml } from './escape-html.js';
import { formatCount } from '@autodoc/core';

interface TreeNode {
  readonly name: string;
  nodes: number;
  params: number;
  flops: number;
  /** False when a FLOPs figure in the subtree is symbolic (unbound). */
  flopsKnown: boolean;
  readonly children: Map<string, TreeNode>;
}

const MAX_CHILDREN = 40;
const MAX_ENTRIES = 1500;

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0);

function newNode(name: string): TreeNode {
  return { name, nodes: 0, params: 0, flops: 0, flopsKnown: true, children: new Map() };
}

/** Folds layers into a tree by block path. */
export function buildBlockTree(layers: readonly LayerRow[]): TreeNode {
  const root = newNode('model');
  for (const l of layers) {
    const parts = l.block ? l.block.split('/').filter(Boolean) : [];
    const params = num(l.params);
    const flops = num(l.flops);
    const known = l.flops !== null || l.flopsExpression === undefined;
    let cur = root;
    const visit = (n: TreeNode) => {
      n.nodes++;
      n.params += params;
      n.flops += flops;
      if (!known) n.flopsKnown = false;
    };
    visit(cur);
    for (const p of parts) {
      let next = cur.children.get(p);
      if (!next) {
        next = newNode(p);
        cur.children.set(p, next);
      }
      visit(next);
      cur = next;
    }
  }
  return root;
}

function stats(n: TreeNode): string {
  const flops = n.flopsKnown ? `${formatCount(n.flops).text} FLOPs` : 'FLOPs symbolic';
  return `<span class="stats">${n.nodes} node${n.nodes === 1 ? '' : 's'} · ${formatCount(n.params).text} params · ${flops}</span>`;
}

/** The tree as nested `<details>`; capped so a 100k-node model stays a readable size. */
export function blockTreeHtml(layers: readonly LayerRow[]): string {
  const root = buildBlockTree(layers);
  if (root.children.size === 0) return '';
  let budget = MAX_ENTRIES;
  const render = (n: TreeNode, depth: number): string => {
    budget--;
    const label = `<span class="block-name">${escapeHtml(n.name)}</span> ${stats(n)}`;
    if (n.children.size === 0) return `<div class="leaf">${label}</div>`;
    const kids = [...n.children.values()].sort((a, b) => b.flops - a.flops || b.nodes - a.nodes);
    const parts: string[] = [];
    for (const [i, k] of kids.entries()) {
      if (i >= MAX_CHILDREN || budget <= 0) {
        parts.push(`<div class="leaf more">… ${kids.length - i} more blocks</div>`);
        break;
      }
      parts.push(render(k, depth + 1));
    }
    return `<details${depth < 2 ? ' open' : ''}><summary>${label}</summary>${parts.join('')}</details>`;
  };
  return `<div class="tree">${render(root, 0)}</div>`;
}
