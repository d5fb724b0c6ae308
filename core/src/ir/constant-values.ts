import type { Graph, Value } from './graph.js';

const constantsOf = new WeakMap<Graph, ReadonlySet<Value>>();

/**
 * A test for the constants of `graph`: initializers, Constant outputs, and values computed only from
 * those. Shape and Size outputs are not (they read a shape, which inputs can change), nor outputs of
 * ops without inputs (random generators). One forward pass over the sorted nodes, cached per graph:
 * several plugins ask about every value, and walking producers back from each value on demand cost
 * a deep stack and a memo entry per value of a million-node chain.
 *
 * @example
 * ```ts
 * const isConstant = constantTest(ctx.graph);
 * const dataInputs = node.inputs.filter((v) => v !== undefined && !isConstant(v));
 * ```
 */
export function constantTest(graph: Graph): (v: Value | undefined) => boolean {
  let constants = constantsOf.get(graph);
  if (!constants) constantsOf.set(graph, (constants = collectConstants(graph)));
  const set = constants;
  return (v) => v !== undefined && (v.kind === 'initializer' || (v.kind === 'intermediate' && set.has(v)));
}

function collectConstants(graph: Graph): Set<Value> {
  const constants = new Set<Value>();
  for (const node of graph.nodes) {
    let constant = node.opType === 'Constant';
    if (!constant && node.opType !== 'Shape' && node.opType !== 'Size') {
      let any = false;
      constant = true;
      for (const v of node.inputs) {
        if (!v) continue;
        any = true;
        if (v.kind !== 'initializer' && !constants.has(v)) {
          constant = false;
          break;
        }
      }
      constant &&= any;
    }
    if (constant) for (const o of node.outputs) if (o) constants.add(o);
  }
  return constants;
}
