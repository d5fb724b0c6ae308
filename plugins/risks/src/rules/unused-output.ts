import type { Node, Value } from '@autodoc/core';
import { listNames, usedValues } from '../graph-utils.js';
import { defineRule } from '../rule.js';

export default defineRule({
  code: 'RISK_UNUSED_OUTPUT',
  severity: 'info',
  summary: 'Nodes none of whose outputs are used (dead code).',
  why: 'Dead nodes cost load time and, in runtimes that do not prune them, compute and memory; they often mean a head or branch was left behind at export.',
  hint: 'Remove them (onnxsim, onnxoptimizer eliminate_deadend), or make the output a graph output if it is wanted.',
  options: [],
  check({ ctx, graph }) {
    const used = usedValues(graph, ctx.allNodes());
    // An omitted optional output ('' in the file) is an undefined slot.
    const dead = graph.nodes.filter((n) => n.outputCount > 0 && !anyUsed(n, used));
    if (dead.length === 0) return [];
    return [{ node: dead[0], message: `${dead.length} node(s) produce outputs nobody reads: ${listNames(dead.map((n) => n.name))}.` }];
  },
});

/** Whether some output of `node` is used (an output left empty is not). */
function anyUsed(node: Node, used: { has(value: Value): boolean }): boolean {
  for (let i = 0, count = node.outputCount; i < count; i++) {
    const v = node.output(i);
    if (v !== undefined && used.has(v)) return true;
  }
  return false;
}
