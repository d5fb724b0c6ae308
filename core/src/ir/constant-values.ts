import type { Graph, Value } from './graph.js';

const testOf = new WeakMap<Graph, (v: Value | undefined) => boolean>();

/**
 * A test for the constants of `graph`: initializers, Constant outputs, and values computed only from
 * those. Shape and Size outputs are not (they read a shape, which inputs can change), nor outputs of
 * ops without inputs (random generators). One forward pass over the sorted nodes, cached per graph:
 * several plugins ask about every value, and walking producers back from each value on demand cost
 * a deep stack and a memo entry per value of a million-node chain. The same function is returned
 * for a graph each time, so results derived from it (such as {@link skipLinkOf}'s) can be kept by it.
 *
 * @example
 * ```ts
 * const isConstant = constantTest(ctx.graph);
 * const dataInputs = node.inputs.filter((v) => v !== undefined && !isConstant(v));
 * ```
 */
export function constantTest(graph: Graph): (v: Value | undefined) => boolean {
  let test = testOf.get(graph);
  if (!test) {
    const set = collectConstants(graph);
    test = (v) => v !== undefined && (v.kind === 'initializer' || (v.kind === 'intermediate' && set.has(v)));
    testOf.set(graph, test);
    graphOfTest.set(test, graph);
  }
  return test;
}

const graphOfTest = new WeakMap<(v: Value | undefined) => boolean, Graph>();

/** The graph whose {@link constantTest} `test` is (undefined for any other function). */
export function graphOfConstantTest(test: (v: Value | undefined) => boolean): Graph | undefined {
  return graphOfTest.get(test);
}

function collectConstants(graph: Graph): Set<Value> {
  const constants = new Set<Value>();
  for (const node of graph.nodes) {
    let constant = node.opType === 'Constant';
    if (!constant && node.opType !== 'Shape' && node.opType !== 'Size') {
      let any = false;
      constant = true;
      for (let i = 0, count = node.inputCount; i < count; i++) {
        const v = node.input(i);
        if (!v) continue;
        any = true;
        if (v.kind !== 'initializer' && !constants.has(v)) {
          constant = false;
          break;
        }
      }
      constant &&= any;
    }
    if (!constant) continue;
    for (let i = 0, count = node.outputCount; i < count; i++) {
      const o = node.output(i);
      if (o) constants.add(o);
    }
  }
  return constants;
}
