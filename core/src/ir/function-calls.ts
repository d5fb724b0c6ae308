import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { OnnxFunction, OnnxNode } from '../onnx/types.js';

/** (domain, name, overload) of a function or of the node that calls it; '' domain is 'ai.onnx'. */
function key(domain: string, name: string, overload: string | undefined): string {
  return `${domain === '' ? 'ai.onnx' : domain}\u0000${name}\u0000${overload ?? ''}`;
}

/** Every node of a function body, including nodes of graphs held in its attributes; iterative. */
function* bodyNodes(fn: OnnxFunction): Generator<OnnxNode> {
  const stack: OnnxNode[] = [...fn.nodes];
  while (stack.length > 0) {
    const node = stack.pop() as OnnxNode;
    yield node;
    for (const a of node.attributes) {
      if (a.g) stack.push(...a.g.nodes);
      for (const g of a.graphs ?? []) stack.push(...g.nodes);
    }
  }
}

/**
 * Refuses model-local functions that call themselves, directly or through others (ONNX functions
 * must expand to a finite graph). The call graph is walked with an explicit stack, so a long chain
 * of functions cannot overflow. Throws FUNCTION_RECURSIVE naming the cycle.
 */
export function checkFunctionRecursion(functions: readonly OnnxFunction[]): void {
  if (functions.length === 0) return;
  const index = new Map<string, number>();
  functions.forEach((fn, i) => {
    if (!index.has(key(fn.domain, fn.name, fn.overload))) index.set(key(fn.domain, fn.name, fn.overload), i);
  });
  const callees = functions.map((fn) => {
    const out = new Set<number>();
    for (const node of bodyNodes(fn)) {
      const target = index.get(key(node.domain, node.opType, node.overload));
      if (target !== undefined) out.add(target);
    }
    return [...out];
  });
  // Iterative DFS with colours: 0 unvisited, 1 on the current path, 2 done.
  const colour = new Uint8Array(functions.length);
  for (let start = 0; start < functions.length; start++) {
    if (colour[start] !== 0) continue;
    const path: number[] = [start];
    const next: number[] = [0];
    colour[start] = 1;
    while (path.length > 0) {
      const top = path[path.length - 1];
      const k = next[next.length - 1]++;
      if (k >= callees[top].length) {
        colour[top] = 2;
        path.pop();
        next.pop();
        continue;
      }
      const c = callees[top][k];
      if (colour[c] === 1) {
        const cycle = [...path.slice(path.indexOf(c)), c].map((i) => functions[i].name.slice(0, 60)).slice(0, 12);
        throw new AutodocError(
          'FUNCTION_RECURSIVE',
          `Model-local functions call themselves recursively: ${cycle.join(' -> ')}.`,
          'ONNX functions must expand to a finite graph; re-export the model without recursive functions.',
        );
      }
      if (colour[c] === 0) {
        colour[c] = 1;
        path.push(c);
        next.push(0);
      }
    }
  }
}
