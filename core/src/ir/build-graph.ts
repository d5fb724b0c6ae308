import { AutodocError } from '../diagnostics/autodoc-error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_SUBGRAPH_DEPTH } from '../onnx/decoder.js';
import { nodeTableOf } from '../onnx/msg-graph.js';
import type { OnnxGraph, OnnxType } from '../onnx/types.js';
import type { Graph, Node, Value } from './graph.js';
import { GraphLinks } from './graph-links.js';
import { IrNode, type NodeOrigin, rowAt } from './ir-node.js';
import { IrValue } from './ir-value.js';
import { NodeFacts } from './node-facts.js';
import { RecentOutputs } from './recent-outputs.js';
import { topologicalOrder } from './topological-order.js';
import { ValueFacts } from './value-facts.js';
import { ValueIndex } from './value-index.js';

/** `define`'s default: the type from the graph's value_info or outputs. */
const FROM_VALUE_INFO = Symbol('from value_info');

/** Called every this many nodes: the run's budget may stop a build that would exhaust the heap. */
const CHECK_EVERY = 0x4000;

/**
 * Builds the IR of a graph and, iteratively, of every subgraph below it. Enforces SSA (each name
 * defined once) and acyclicity, which are errors; sorts unsorted nodes and reports names used but
 * never defined, which are warnings. `check` (the run budget's) is called every 16,384 nodes
 * (~8 MB) and may throw: a million nodes take ~500 MB, too much to allocate between two checks
 * near a heap limit.
 */
export function buildGraph(source: OnnxGraph, warnings: Diagnostic[], check?: (stage: string) => void): Graph {
  return buildOne(source, undefined, 'main', 0, warnings, check);
}

/**
 * Exporters write nodes in execution order, so the build first trusts the file order and links names
 * in one pass. Only when a node turns out to produce a name an earlier node already used (the file is
 * unsorted, or cyclic) does it start over with a topological sort, which also reports cycles and
 * duplicate producers. The sorted case thus costs one name table, not two.
 */
function buildOne(source: OnnxGraph, parent: Graph | undefined, path: string, depth: number, warnings: Diagnostic[], check: ((stage: string) => void) | undefined, sortFirst = false): Graph {
  if (depth > MAX_SUBGRAPH_DEPTH) {
    throw new AutodocError('RESOURCE_LIMIT', `Subgraphs are nested deeper than ${MAX_SUBGRAPH_DEPTH} levels at ${path}.`, 'The model is malformed or hostile; real models nest If/Loop a few levels at most.');
  }
  const table = nodeTableOf(source);
  const values = new ValueIndex(source.initializers.length + source.sparseInitializers.length + source.inputs.length + table.length);
  const declared = new Map<string, OnnxType | undefined>();
  for (const vi of source.valueInfo) declared.set(vi.name, vi.type);
  for (const vi of source.outputs) declared.set(vi.name, vi.type);

  let inputSlots = 0;
  let outputSlots = 0;
  for (let row = 0; row < table.length; row++) {
    inputSlots += table.inputCount(row);
    outputSlots += table.outputCount(row);
  }
  // The execution order is known once inputs and initializers are defined (below).
  const origin: { table: NodeOrigin['table']; rows: NodeOrigin['rows'] } = { table, rows: undefined };
  const links = new GraphLinks(values, origin, path, table.length, inputSlots, outputSlots);
  const facts = new ValueFacts(links, source.initializers.length + source.sparseInitializers.length + source.inputs.length + outputSlots);
  const nodeFacts = new NodeFacts(links);

  /**
   * Adds a value under `name`; `declaredType` replaces the value_info/output type when given (inputs,
   * outer names). Its facts go to the number it will have, which a refused name leaves to the next.
   */
  const define = (name: string, kind: Value['kind'], producer?: Node, initializer?: Value['initializer'], declaredType: OnnxType | undefined | typeof FROM_VALUE_INFO = FROM_VALUE_INFO): IrValue => {
    facts.define(values.size, name, kind, declaredType === FROM_VALUE_INFO ? declared.get(name) : declaredType, initializer, producer);
    const v = new IrValue(facts, values.size);
    if (!values.add(v)) throw definedTwice(name, path);
    return v;
  };

  const initializers: Value[] = [];
  for (const t of source.initializers) initializers.push(define(t.name, 'initializer', undefined, t));
  for (const s of source.sparseInitializers) initializers.push(define(s.values.name, 'initializer', undefined, s.values));
  const inputs: Value[] = [];
  for (const vi of source.inputs) {
    // IR < 4 lists initializers among the inputs too; the initializer wins, declared type kept.
    const existing = values.get(vi.name);
    if (existing?.kind === 'initializer') {
      (existing as IrValue).declared = vi.type;
      continue;
    }
    inputs.push(define(vi.name, 'input', undefined, undefined, vi.type));
  }

  const rows = sortFirst ? topologicalOrder(source.nodes, values, path) : undefined;
  origin.rows = rows;
  if (rows?.some((row, i) => row !== i)) {
    warnings.push({
      code: 'GRAPH_UNSORTED',
      severity: 'warning',
      message: `The nodes of ${path} are not in topological order; they were re-sorted.`,
      hint: 'ONNX requires nodes in execution order; runtimes may reject this model. Re-export it or sort it with onnx tools.',
    });
  }
  const graph: { -readonly [K in keyof Graph]: Graph[K] } = { name: source.name, path, nodes: links.nodes, values, inputs, outputs: [], initializers, parent };
  const undefinedNames = new Set<string>();
  /** Names used before any definition in this graph (outer, undefined, or produced later). */
  const forwardCandidates = new Set<string>();
  // Columnar tables give names as bytes: inputs are linked without making a string for each.
  const names = table.columns;
  const nameBytes = names?.bytes;
  // Only columnar (large) graphs: a model of many one-node bodies would pay for one per body.
  const recent = names ? new RecentOutputs() : undefined;
  for (let i = 0; i < table.length; i++) {
    const row = rowAt(origin, i);
    if ((i & (CHECK_EVERY - 1)) === CHECK_EVERY - 1) check?.('building the graph');
    const inputCount = table.inputCount(row);
    const outputCount = table.outputCount(row);
    const node = new IrNode(i, table.kind(row), nodeFacts);
    const attributes = table.attributes(row);
    if (attributes.length > 0) nodeFacts.setAttributes(i, attributes);
    links.addNode(node);
    for (let k = 0; k < inputCount; k++) {
      let v: IrValue | undefined;
      if (names) {
        const slot = names.inputSlot(row, k);
        const start = names.slotStart(slot);
        const end = names.slotEnd(slot);
        if (start === end) {
          links.addInput(undefined);
          continue;
        }
        v = (recent?.find(nameBytes as Buffer, start, end) ?? values.getBytes(nameBytes as Buffer, start, end)) as IrValue | undefined;
      } else {
        const input = table.input(row, k);
        if (input === '') {
          links.addInput(undefined);
          continue;
        }
        v = values.get(input) as IrValue | undefined;
      }
      if (!v) {
        const input = table.input(row, k);
        const outer = lookupOuter(parent, input);
        if (!outer) undefinedNames.add(input);
        v = define(input, 'outer', undefined, undefined, outer?.declared);
        forwardCandidates.add(input);
      }
      links.addInput(v.number);
    }
    for (let k = 0; k < outputCount; k++) {
      let taken: Value | undefined;
      let output: string;
      if (names) {
        const slot = names.outputSlot(row, k);
        const start = names.slotStart(slot);
        const end = names.slotEnd(slot);
        if (start === end) {
          links.addOutput(undefined);
          continue;
        }
        facts.define(values.size, undefined, 'intermediate', undefined, undefined, node);
        const v = new IrValue(facts, values.size);
        taken = values.addBytes(v, nameBytes as Buffer, start, end);
        if (!taken) {
          recent?.add(v, start, end);
          links.addOutput(v.number);
          continue;
        }
        output = table.output(row, k);
      } else {
        output = table.output(row, k);
        if (output === '') {
          links.addOutput(undefined);
          continue;
        }
        taken = values.get(output);
        if (!taken) {
          links.addOutput(define(output, 'intermediate', node).number);
          continue;
        }
      }
      // A name an earlier node used before this one produces it: the file order is not an execution order.
      if (!sortFirst && forwardCandidates.has(output)) return buildOne(source, parent, path, depth, warnings, check, true);
      throw definedTwice(output, path);
    }
  }
  links.linkConsumers();
  if (names) {
    // A columnar graph's node outputs were added by their bytes, with no string and no declared
    // type: the types value_info and the graph outputs declare are looked up by name once here
    // (looking each output's name up in them would make a string per value).
    for (const [name, type] of declared) {
      const v = values.get(name) as IrValue | undefined;
      if (v?.kind === 'intermediate') v.declared = type;
    }
  }
  const undefinedOutputs: string[] = [];
  graph.outputs = source.outputs.map((vi) => {
    const known = values.get(vi.name);
    if (known) return known;
    // A body may return a value of an enclosing scope; a name defined nowhere is a dangling output.
    if (!lookupOuter(parent, vi.name)) undefinedOutputs.push(vi.name);
    return define(vi.name, 'outer', undefined, undefined, vi.type);
  });
  if (undefinedOutputs.length > 0) {
    warnings.push({
      code: 'GRAPH_UNDEFINED_OUTPUT',
      severity: 'warning',
      message: `${undefinedOutputs.length} output(s) of ${path} name tensors nothing defines, e.g. "${clip(undefinedOutputs[0])}".`,
      hint: 'Their shapes are unknown; the model will not run as is. Check the exporter.',
      count: undefinedOutputs.length,
    });
  }
  if (undefinedNames.size > 0) {
    warnings.push({
      code: 'GRAPH_UNDEFINED_INPUT',
      severity: 'warning',
      message: `${undefinedNames.size} tensor(s) used in ${path} but never defined, e.g. "${clip(first(undefinedNames))}".`,
      hint: 'Their shapes are unknown; the model will not run as is. Check the exporter or add them as graph inputs.',
      count: undefinedNames.size,
    });
  }
  // A body's path names its owner; node names need not be unique, so a second owner with a name
  // already used gets its index too: paths identify graphs (layer rows and plugins key by them).
  const owners = new Set<string>();
  for (const node of links.nodes) {
    let owner: string | undefined;
    for (const attr of table.attributes(rowAt(origin, node.index))) {
      const bodies = attr.g ? [attr.g] : attr.graphs ?? [];
      bodies.forEach((body, k) => {
        if (owner === undefined) {
          owner = owners.has(node.name) ? `${node.name}#${node.index}` : node.name;
          owners.add(owner);
        }
        const key = attr.graphs ? `${attr.name}[${k}]` : attr.name;
        nodeFacts.addSubgraph(node.index, key, buildOne(body, graph, `${path}/${owner}/${key}`, depth + 1, warnings, check));
      });
    }
  }
  return graph;
}

function definedTwice(name: string, path: string): AutodocError {
  return new AutodocError('GRAPH_NOT_SSA', `Tensor "${clip(name)}" is defined twice in graph ${path}.`, 'Each tensor name must be produced once (graph input, initializer or node output); re-export the model.');
}

function lookupOuter(graph: Graph | undefined, name: string): Value | undefined {
  for (let g = graph; g; g = g.parent) {
    const v = g.values.get(name);
    if (v) return v;
  }
  return undefined;
}

function first<T>(set: Set<T>): T {
  return set.values().next().value as T;
}

function clip(name: string): string {
  return name.length > 80 ? `${name.slice(0, 77)}...` : name;
}
