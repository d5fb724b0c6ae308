/**
 * Model-local functions (FunctionProto) inlined for inference: a call's body becomes a graph whose
 * attribute references (`ref_attr_name`) are replaced by the caller's attributes or the function's
 * defaults. The body is built per call, so each call sees its own attribute values.
 */
import { buildGraph, type Diagnostic, type Graph, type Node, type OnnxAttribute, type OnnxFunction, type OnnxGraph, type OnnxNode } from '@autodoc/core';

/** Key of a function or node by domain and name. */
export function functionKey(domain: string, name: string): string {
  return `${domain}\u0000${name}`;
}

/** Functions by (domain, name); the domain is normalised like node domains ('' = ai.onnx). */
export function functionTable(functions: readonly OnnxFunction[]): Map<string, OnnxFunction> {
  const table = new Map<string, OnnxFunction>();
  for (const f of functions) table.set(functionKey(f.domain || 'ai.onnx', f.name), f);
  return table;
}

/** The attributes of a body node with references resolved against the call site. */
function bindAttributes(raw: OnnxNode, call: Node, fn: OnnxFunction): OnnxAttribute[] {
  if (!raw.attributes.some((a) => a.refAttrName)) return raw.attributes;
  const out: OnnxAttribute[] = [];
  for (const a of raw.attributes) {
    if (!a.refAttrName) {
      out.push(a);
      continue;
    }
    const given = call.attributes.get(a.refAttrName) ?? fn.attributeProtos.find((p) => p.name === a.refAttrName);
    // An unset reference without a default means the attribute is absent in the body.
    if (given) out.push({ ...given, name: a.name, refAttrName: undefined });
  }
  return out;
}

/** The body of `fn` as called by `call`, as a graph of its own (no outer scope). */
export function functionBody(fn: OnnxFunction, call: Node): { graph: Graph; warnings: Diagnostic[] } {
  const source: OnnxGraph = {
    name: `${fn.name}`,
    docString: '',
    nodes: fn.nodes.map((n) => ({ ...n, attributes: bindAttributes(n, call, fn) })),
    inputs: fn.inputs.map((name) => ({ name, docString: '' })),
    outputs: fn.outputs.map((name) => ({ name, docString: '' })),
    valueInfo: fn.valueInfo,
    initializers: [],
    sparseInitializers: [],
  };
  const warnings: Diagnostic[] = [];
  return { graph: buildGraph(source, warnings), warnings };
}
