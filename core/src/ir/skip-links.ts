import { graphOfConstantTest } from './constant-values.js';
import type { Graph, Node, Value } from './graph.js';

/** How far back a residual branch is searched (nodes); a transformer sublayer is ~60 nodes. */
const BRANCH_SEARCH_LIMIT = 400;

/**
 * Merges with more data inputs than this are not searched: every input is tried as the shortcut
 * against every other as the branch, and a Sum of 50,000 bias Adds of one tensor took 270 s. Dense
 * connections stay well below it (DenseNet-264's widest Concat has 65 inputs).
 */
export const MAX_MERGE_INPUTS = 128;

/** Ops a projection shortcut is made of (ResNet downsample: 1×1 Conv + BN; pooling shortcuts; a bias Add). */
const SHORTCUT_OPS = new Set(['Conv', 'BatchNormalization', 'MatMul', 'Gemm', 'AveragePool', 'MaxPool', 'Pad', 'Add']);

/** Ops that count as work on a residual branch (a branch of only Relu is not a block). */
const WORK_OPS = new Set(['Conv', 'ConvTranspose', 'MatMul', 'Gemm', 'Attention', 'MultiHeadAttention', 'GroupQueryAttention', 'LSTM', 'GRU', 'RNN', 'Einsum']);

/** A merge of a skip path into a branch that started from the same tensor. */
export interface SkipLink {
  /** The Add/Sum/Concat node where the paths meet. */
  readonly merge: Node;
  /** The merge input that is the shortcut. */
  readonly skip: Value;
  /** The merge input that went through the branch. */
  readonly branch: Value;
  /** The tensor both paths start from. */
  readonly source: Value;
  /** `identity` when the shortcut is the source itself, `projection` when it went through a Conv/MatMul/pool. */
  readonly kind: 'identity' | 'projection';
}

/**
 * The skip connection a merge node (Add, Sum, Concat) closes, if any: one data input (the shortcut,
 * or a short projection of a tensor) is reached again walking back from another input, through
 * real work (Conv, MatMul, attention). Constant inputs (biases, masks; `isConstant`, usually
 * {@link constantTest}) never count. Later inputs are tried as the shortcut first (exporters write
 * `Add(branch, shortcut)`). A merge of more than {@link MAX_MERGE_INPUTS} data inputs is not
 * searched (undefined).
 *
 * @example
 * ```ts
 * const link = skipLinkOf(node, constantTest(ctx.graph));
 * if (link?.kind === 'projection') …
 * ```
 */
export function skipLinkOf(merge: Node, isConstant: (v: Value | undefined) => boolean): SkipLink | undefined {
  const memo = memoOf(isConstant, merge);
  if (!memo) return findSkipLink(merge, isConstant);
  const known = memo[merge.index];
  if (known !== UNSEEN) return known ?? undefined;
  const link = findSkipLink(merge, isConstant);
  memo[merge.index] = link ?? null;
  return link;
}

const UNSEEN = Symbol('not searched yet');
type LinkMemo = (SkipLink | null | typeof UNSEEN)[];

/**
 * Links found so far, by node index, for each graph asked with its {@link constantTest}: patterns
 * and risks ask about every Add of a graph, four times or more, and each search may walk 400 nodes
 * back. Another constant test, or a node of another graph, is searched every time.
 */
const memos = new WeakMap<Graph, LinkMemo>();

function memoOf(isConstant: (v: Value | undefined) => boolean, merge: Node): LinkMemo | undefined {
  const graph = graphOfConstantTest(isConstant);
  if (!graph || graph.nodes[merge.index] !== merge) return undefined;
  let memo = memos.get(graph);
  if (!memo) memos.set(graph, (memo = new Array(graph.nodes.length).fill(UNSEEN)));
  return memo;
}

function findSkipLink(merge: Node, isConstant: (v: Value | undefined) => boolean): SkipLink | undefined {
  // A skip and a branch are two different data inputs (a bias Add has one): most merges are
  // answered without making the input list.
  let dataInputs = 0;
  for (let i = 0, count = merge.inputCount; i < count; i++) {
    const v = merge.input(i);
    if (v !== undefined && !isConstant(v)) dataInputs++;
  }
  if (dataInputs < 2 || dataInputs > MAX_MERGE_INPUTS) return undefined;
  const data = merge.inputs.filter((v): v is Value => v !== undefined && !isConstant(v));
  for (let s = data.length - 1; s >= 0; s--) {
    const skip = data[s];
    const sources = shortcutSources(skip, isConstant);
    if (!mayBeShared(sources)) continue;
    for (let b = 0; b < data.length; b++) {
      const branch = data[b];
      if (branch === skip) continue;
      const source = searchBranch(branch, sources, isConstant);
      if (source) return { merge, skip, branch, source, kind: source === skip ? 'identity' : 'projection' };
    }
  }
  return undefined;
}

/** The shortcut value itself, and the inputs of up to 3 shortcut ops behind it. */
function shortcutSources(skip: Value, isConstant: (v: Value | undefined) => boolean): Set<Value> {
  const out = new Set<Value>([skip]);
  let v: Value | undefined = skip;
  for (let i = 0; i < 3 && v; i++) {
    const p: Node | undefined = v.producer;
    if (!p || !SHORTCUT_OPS.has(p.opType)) break;
    // An Add on the shortcut is only a bias add (constant operand), never another merge.
    if (p.opType === 'Add' && !p.inputs.some((x) => isConstant(x))) break;
    v = p.inputs.find((x) => x !== undefined && !isConstant(x));
    if (v) out.add(v);
  }
  return out;
}

/**
 * Whether a branch could reach a source at all: a source the branch reads is also read by the
 * shortcut (the merge, or the next shortcut op), so one of them has two consumers at least. The
 * attention-mask Add of every transformer layer fails this test and skips a 400-node search.
 */
function mayBeShared(sources: ReadonlySet<Value>): boolean {
  for (const v of sources) if (v.consumerCount >= 2) return true;
  return false;
}

/** Breadth-first search back from `branch` for a value in `sources`, requiring work on the way. */
function searchBranch(branch: Value, sources: ReadonlySet<Value>, isConstant: (v: Value | undefined) => boolean): Value | undefined {
  const start = branch.producer;
  if (!start) return undefined;
  const seen = new Set<Node>([start]);
  const queue: Node[] = [start];
  let work = false;
  for (let i = 0; i < queue.length && i < BRANCH_SEARCH_LIMIT; i++) {
    const node = queue[i];
    if (WORK_OPS.has(node.opType) || node.domain !== 'ai.onnx') work = true;
    // Shape/Size read only the shape of their input, not its values: no data flows through them.
    if (node.opType === 'Shape' || node.opType === 'Size') continue;
    for (const input of node.inputs) {
      if (!input || isConstant(input)) continue;
      if (sources.has(input)) {
        if (work) return input;
        continue;
      }
      const p = input.producer;
      if (p && !seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return undefined;
}
