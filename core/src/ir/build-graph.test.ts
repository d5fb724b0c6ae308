import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { OnnxGraph, OnnxNode } from '../onnx/types.js';
import { COLUMNS_FROM } from '../onnx/node-table.js';
import { onnxGraph, onnxNode } from '../testing/onnx-graph.js';
import { buildGraph } from './build-graph.js';

const node = (opType: string, inputs: string[], outputs: string[], attributes?: OnnxNode['attributes']): OnnxNode => onnxNode(opType, inputs, outputs, { attributes });
const graph = (nodes: OnnxNode[], inputs: string[], outputs: string[]): OnnxGraph => onnxGraph({ nodes, inputs, outputs });

describe('buildGraph consumer lists', () => {
  it('lists readers in execution order, a node once per input slot and consecutively, also after a re-sort', () => {
    // Unsorted file: Add(x, x) and Mul(a, x) must be sorted after the Relu that makes a.
    const g = buildGraph(graph([node('Mul', ['a', 'x'], ['m']), node('Add', ['x', 'x'], ['s']), node('Relu', ['x'], ['a'])], ['x'], ['m', 's']), []);
    const x = g.values.get('x');
    expect(x?.consumers.map((n) => n.opType)).toEqual(g.nodes.flatMap((n) => n.inputs.filter((v) => v === x).map(() => n.opType)));
    expect(x?.consumers.map((n) => n.index)).toEqual([...(x?.consumers.map((n) => n.index) ?? [])].sort((p, q) => p - q));
  });
});

describe('node and value links read one slot at a time', () => {
  // An unsorted file, an optional input left empty, a node reading one value twice, a node with two
  // outputs (one unused) and a value read by more nodes than a consumer list is kept for (256).
  const readers = Array.from({ length: 300 }, (_, i) => node('Neg', ['x'], [`n${i}`]));
  const g = buildGraph(
    graph([node('Add', ['a', 'a'], ['s']), node('Split', ['x', ''], ['a', 'b']), node('Clip', ['s', '', 'x'], ['c']), ...readers], ['x'], ['c', 'n0']),
    [],
  );

  it('input(i), output(i) and their counts give what the inputs and outputs lists give', () => {
    expect(g.nodes.map((n) => n.opType).slice(0, 3)).toEqual(['Split', 'Add', 'Clip']);
    for (const n of g.nodes) {
      expect(n.inputCount).toBe(n.inputs.length);
      expect(n.outputCount).toBe(n.outputs.length);
      expect(Array.from({ length: n.inputCount }, (_, i) => n.input(i))).toEqual(n.inputs);
      expect(Array.from({ length: n.outputCount }, (_, i) => n.output(i))).toEqual(n.outputs);
    }
    const clip = g.nodes[2];
    expect([clip.inputCount, clip.input(0)?.name, clip.input(1), clip.input(2)?.name]).toEqual([3, 's', undefined, 'x']);
    // Past the last slot, or before the first: no value, not the next node's.
    expect([clip.input(3), clip.input(-1), g.nodes[0].output(2)]).toEqual([undefined, undefined, undefined]);
  });

  it('consumer(i) and consumerCount give what the consumers list gives, for short and kept lists', () => {
    for (const v of g.values.values()) {
      expect(v.consumerCount).toBe(v.consumers.length);
      expect(Array.from({ length: v.consumerCount }, (_, i) => v.consumer(i))).toEqual(v.consumers);
      expect(v.consumer(v.consumerCount)).toBeUndefined();
    }
    // x: Split, Clip (slot 2) and the 300 Negs; a: Add twice; b: nobody.
    expect([g.values.get('x')?.consumerCount, g.values.get('a')?.consumerCount, g.values.get('b')?.consumerCount]).toEqual([302, 2, 0]);
    expect(g.values.get('a')?.consumer(1)).toBe(g.nodes[1]);
  });
});

describe('buildGraph node sources', () => {
  it("a node's source is its file node, also after a re-sort, and the same object on every access", () => {
    const source = graph([node('Sigmoid', ['b'], ['c']), node('Neg', ['a', ''], ['b']), node('Relu', ['x'], ['a'])], ['x'], ['c']);
    const g = buildGraph(source, []);
    expect(g.nodes.map((n) => n.source.opType)).toEqual(['Relu', 'Neg', 'Sigmoid']);
    expect(g.nodes[1].source).toEqual(source.nodes[1]);
    expect(g.nodes[1].source).toBe(g.nodes[1].source);
    // An optional input left empty is no value; its name in the file is ''.
    expect(g.nodes[1].inputs).toEqual([g.values.get('a'), undefined]);
    expect(g.nodes[1].source.inputs).toEqual(['a', '']);
  });
});

describe('buildGraph warnings (issue #9)', () => {
  it('re-sorts unsorted nodes with one GRAPH_UNSORTED warning; sorted input gives none', () => {
    const warnings: Diagnostic[] = [];
    // c = Sigmoid(b), b = Neg(a), a = Relu(x): file order is the reverse of execution order.
    const g = buildGraph(graph([node('Sigmoid', ['b'], ['c']), node('Neg', ['a'], ['b']), node('Relu', ['x'], ['a'])], ['x'], ['c']), warnings);
    expect(g.nodes.map((n) => n.opType)).toEqual(['Relu', 'Neg', 'Sigmoid']);
    expect(warnings.map((w) => w.code)).toEqual(['GRAPH_UNSORTED']);
    const none: Diagnostic[] = [];
    buildGraph(graph([node('Relu', ['x'], ['a']), node('Neg', ['a'], ['b'])], ['x'], ['b']), none);
    expect(none).toEqual([]);
  });
  it('an output nothing defines is GRAPH_UNDEFINED_OUTPUT; a body output from the outer scope is fine', () => {
    const warnings: Diagnostic[] = [];
    buildGraph(graph([node('Relu', ['x'], ['y'])], ['x'], ['y', 'ghost', 'phantom']), warnings);
    expect(warnings).toEqual([expect.objectContaining({ code: 'GRAPH_UNDEFINED_OUTPUT', count: 2 })]);
    // An If branch returning the outer value x: defined in the enclosing graph, no warning.
    const branch = graph([], [], ['x']);
    const ok: Diagnostic[] = [];
    buildGraph(graph([node('If', ['x'], ['z'], [{ name: 'then_branch', type: 'GRAPH', g: branch }])], ['x'], ['z']), ok);
    expect(ok).toEqual([]);
  });
  it('a file-order pass that meets a forward reference falls back to sorting, so cycles and duplicates still fail', () => {
    const cycle = graph([node('Relu', ['b'], ['a']), node('Neg', ['a'], ['b'])], [], ['b']);
    expect(() => buildGraph(cycle, [])).toThrow(expect.objectContaining({ code: 'GRAPH_CYCLE' }));
    const selfLoop = graph([node('Relu', ['a'], ['a'])], [], ['a']);
    expect(() => buildGraph(selfLoop, [])).toThrow(expect.objectContaining({ code: 'GRAPH_CYCLE' }));
    const twice = graph([node('Relu', ['x'], ['a']), node('Neg', ['x'], ['a'])], ['x'], ['a']);
    expect(() => buildGraph(twice, [])).toThrow(expect.objectContaining({ code: 'GRAPH_NOT_SSA' }));
    // Sorted on the second try: the consumer links and undefined-name warnings come from the sorted pass only.
    const warnings: Diagnostic[] = [];
    const g = buildGraph(graph([node('Neg', ['a', 'ghost'], ['b']), node('Relu', ['x'], ['a'])], ['x'], ['b']), warnings);
    expect(g.nodes.map((n) => n.opType)).toEqual(['Relu', 'Neg']);
    expect(g.values.get('a')?.producer?.opType).toBe('Relu');
    expect(g.values.get('a')?.consumers.map((n) => n.opType)).toEqual(['Neg']);
    expect(warnings.map((w) => [w.code, w.count])).toEqual([['GRAPH_UNSORTED', undefined], ['GRAPH_UNDEFINED_INPUT', 1]]);
  });
});

describe('graph paths', () => {
  it('are unique even when control-flow nodes share a name', () => {
    const named = (name: string, n: OnnxNode): OnnxNode => ({ ...n, name });
    const branch = () => graph([node('Relu', ['x'], ['r'])], [], ['r']);
    const ifNode = (out: string) => node('If', ['c'], [out], [{ name: 'then_branch', type: 'GRAPH', g: branch() }, { name: 'else_branch', type: 'GRAPH', g: branch() }]);
    const g = buildGraph(graph([named('cond', ifNode('y1')), named('cond', ifNode('y2')), named('other', ifNode('y3'))], ['c', 'x'], ['y1', 'y2', 'y3']), []);
    const paths = g.nodes.flatMap((n) => [...n.subgraphs.values()].map((body) => body.path));
    expect(paths).toEqual([
      'main/cond/then_branch',
      'main/cond/else_branch',
      'main/cond#1/then_branch',
      'main/cond#1/else_branch',
      'main/other/then_branch',
      'main/other/else_branch',
    ]);
    expect(g.nodes[1].subgraphs.get('then_branch')?.nodes[0].graphPath).toBe('main/cond#1/then_branch');
  });
});

/**
 * Graphs of COLUMNS_FROM nodes or more are linked by name bytes (ValueIndex), smaller ones by
 * strings: every case runs in both forms, the large one padded with Identity nodes reading `x`.
 */
describe.each([
  ['node objects', (nodes: OnnxNode[]) => nodes],
  ['columns', (nodes: OnnxNode[]) => [...nodes, ...Array.from({ length: COLUMNS_FROM }, (_, i) => node('Identity', ['x'], [`pad${i}`]))]],
])('buildGraph over %s', (_form, pad) => {
  it('links non-ASCII and prefix-sharing names, re-sorts, and reports undefined names', () => {
    const warnings: Diagnostic[] = [];
    const g = buildGraph(graph(pad([node('Neg', ['é', 'ghost', ''], ['Ã©']), node('Relu', ['x'], ['é']), node('Sigmoid', ['Ã©'], ['é2'])]), ['x'], ['é2']), warnings);
    expect(g.nodes.slice(0, 3).map((n) => n.opType)).toEqual(['Relu', 'Neg', 'Sigmoid']);
    expect(g.values.get('é')?.producer?.opType).toBe('Relu');
    expect(g.values.get('Ã©')?.consumers.map((n) => n.opType)).toEqual(['Sigmoid']);
    expect(g.nodes[1].inputs.map((v) => v?.name)).toEqual(['é', 'ghost', undefined]);
    expect(g.outputs[0].producer?.opType).toBe('Sigmoid');
    expect(warnings.map((w) => w.code)).toEqual(['GRAPH_UNSORTED', 'GRAPH_UNDEFINED_INPUT']);
  });
  it('fails on a name produced twice and on a cycle', () => {
    expect(() => buildGraph(graph(pad([node('Relu', ['x'], ['a']), node('Neg', ['x'], ['a'])]), ['x'], ['a']), [])).toThrow(expect.objectContaining({ code: 'GRAPH_NOT_SSA' }));
    expect(() => buildGraph(graph(pad([node('Relu', ['x'], ['x'])]), ['x'], []), [])).toThrow(expect.objectContaining({ code: 'GRAPH_NOT_SSA' }));
    expect(() => buildGraph(graph(pad([node('Relu', ['b'], ['a']), node('Neg', ['a'], ['b'])]), ['x'], ['b']), [])).toThrow(expect.objectContaining({ code: 'GRAPH_CYCLE' }));
  });
  it('a body links the values of the enclosing graph it reads', () => {
    const body = graph(pad([node('Add', ['x', 'outer'], ['r'])]), [], ['r']);
    const g = buildGraph(graph([node('Relu', ['x'], ['outer']), node('If', ['x'], ['y'], [{ name: 'then_branch', type: 'GRAPH', g: body }])], ['x'], ['y']), []);
    const inner = g.nodes[1].subgraphs.get('then_branch');
    const read = inner?.nodes[0].inputs[1];
    expect(read?.kind).toBe('outer');
    expect(inner?.values.get('x')?.kind).toBe('outer');
    expect(g.values.get('outer')?.consumers.map((n) => n.opType)).toEqual([]);
  });
  it('links every input, output, producer and consumer to the same value and node objects', () => {
    // Split with its middle output left empty; Add reads one value in two slots.
    const g = buildGraph(graph(pad([node('Split', ['x'], ['p', '', 'q']), node('Add', ['p', 'p'], ['s']), node('Mul', ['q', 's'], ['m'])]), ['x'], ['m', 'dangling']), []);
    const [split, add, mul] = g.nodes;
    expect(split.outputs.map((v) => v?.name)).toEqual(['p', undefined, 'q']);
    expect(add.inputs).toEqual([g.values.get('p'), g.values.get('p')]);
    expect(g.values.get('p')?.consumers).toEqual([add, add]);
    expect(g.values.get('s')?.producer).toBe(add);
    expect(mul.inputs[1]).toBe(add.outputs[0]);
    // Lists are made per access: equal members, not the same array; changing one changes nothing.
    expect(add.inputs).not.toBe(add.inputs);
    (add.inputs as unknown[]).length = 0;
    expect(add.inputs).toHaveLength(2);
    // Every value is at its number in Graph.values; one defined after the nodes (an undefined output) has no consumers.
    for (const v of g.values.values()) expect(v.consumers.every((n) => n.inputs.includes(v))).toBe(true);
    expect(g.values.get('dangling')?.consumers).toEqual([]);
  });
  it('a value read by hundreds of nodes gives one kept, frozen consumer list', () => {
    const readers = Array.from({ length: 300 }, (_, i) => node('Relu', ['x'], [`r${i}`]));
    const g = buildGraph(graph(pad(readers), ['x'], ['r0']), []);
    const x = g.values.get('x');
    expect(x?.consumers).toBe(x?.consumers);
    expect(Object.isFrozen(x?.consumers)).toBe(true);
    expect(x?.consumers.filter((n) => n.opType === 'Relu')).toHaveLength(300);
    expect(x?.consumers.map((n) => n.index)).toEqual(g.nodes.filter((n) => n.inputs.includes(x)).map((n) => n.index));
  });
  it('names nodes as the file does (or OpType_index), with their scope, and gives values their declared types', () => {
    const named = (opType: string, inputs: string[], outputs: string[], name: string) => onnxNode(opType, inputs, outputs, { name });
    const f32 = (shape: number[]) => ({ kind: 'tensor', elemType: 1, shape }) as const;
    const source: OnnxGraph = {
      ...graph(pad([named('Relu', ['x'], ['/enc/a'], '/enc/layer.0/Relu'), node('Neg', ['/enc/a'], ['b']), named('Abs', ['b'], ['c'], 'top')]), ['x'], ['c']),
      valueInfo: [
        { name: '/enc/a', docString: '', type: f32([2]) },
        { name: 'c', docString: '', type: f32([9]) },
      ],
    };
    source.outputs[0] = { name: 'c', docString: '', type: f32([3]) };
    const g = buildGraph(source, []);
    expect(g.nodes.slice(0, 3).map((n) => [n.name, n.scope])).toEqual([
      ['/enc/layer.0/Relu', 'enc/layer.0'],
      ['Neg_1', ''],
      ['top', ''],
    ]);
    expect(g.nodes[0].outputs[0]?.name).toBe('/enc/a');
    // value_info declares; a graph output's own type overrides value_info's; undeclared stays undefined.
    expect(g.values.get('/enc/a')?.declared).toEqual(f32([2]));
    expect(g.values.get('c')?.declared).toEqual(f32([3]));
    expect(g.values.get('b')?.declared).toBeUndefined();
  });
  it('a graph with no "/" in any name gives every node the empty scope; one such name anywhere does not change the others', () => {
    const plain = buildGraph(graph(pad([onnxNode('Relu', ['x'], ['a'], { name: 'layer.0.relu' }), node('Neg', ['a'], ['b'])]), ['x'], ['b']), []);
    expect(plain.nodes.map((n) => n.scope).every((s) => s === '')).toBe(true);
    const slashedValue = buildGraph(graph(pad([onnxNode('Relu', ['x'], ['/a'], { name: 'plain' }), onnxNode('Neg', ['/a'], ['b'], { name: 'enc/Neg' })]), ['x'], ['b']), []);
    expect(slashedValue.nodes.slice(0, 2).map((n) => n.scope)).toEqual(['', 'enc']);
  });
  it("a value's type and contents written through one handle are read through every other; facts stay per value", () => {
    const g = buildGraph(graph(pad([node('Shape', ['x'], ['s']), node('Relu', ['x'], ['r'])]), ['x'], ['r']), []);
    const [shape, relu] = g.nodes;
    const s = shape.outputs[0];
    if (!s) throw new Error('no output');
    s.type = { kind: 'tensor', dtype: 'INT64', shape: [2] };
    s.value = [3, 'batch'];
    expect(g.values.get('s')?.type).toEqual({ kind: 'tensor', dtype: 'INT64', shape: [2] });
    expect(relu.inputs[0]?.consumers[0].outputs[0]?.value).toEqual([3, 'batch']);
    expect(relu.outputs[0]?.type).toBeUndefined();
    expect(relu.outputs[0]?.value).toBeUndefined();
    s.value = undefined;
    expect(g.values.get('s')?.value).toBeUndefined();
    expect([g.values.get('x')?.kind, s.kind, s.producer, s.initializer]).toEqual(['input', 'intermediate', shape, undefined]);
  });
  it('a producer must be a node of the same graph; attributes and bodies are the same maps on every read', () => {
    const body = graph([node('Identity', ['x'], ['r'])], [], ['r']);
    const g = buildGraph(graph(pad([node('If', ['x'], ['y'], [{ name: 'then_branch', type: 'GRAPH', g: body }]), node('Relu', ['x'], ['z'])]), ['x'], ['y']), []);
    const [ifNode, relu] = g.nodes;
    const inner = ifNode.subgraphs.get('then_branch');
    expect(ifNode.subgraphs).toBe(ifNode.subgraphs);
    expect(ifNode.attributes).toBe(ifNode.attributes);
    expect(ifNode.attributes.get('then_branch')?.type).toBe('GRAPH');
    expect(relu.attributes.size).toBe(0);
    expect(relu.subgraphs.size).toBe(0);
    const z = relu.outputs[0];
    if (!z || !inner) throw new Error('no output or body');
    expect(() => {
      z.producer = inner.nodes[0];
    }).toThrow('a node of another graph');
    z.producer = undefined;
    expect(g.values.get('z')?.producer).toBeUndefined();
    z.producer = relu;
    expect(g.values.get('z')?.producer).toBe(relu);
  });
  it('an IR < 4 input that repeats an initializer keeps the initializer, with the declared type, in place', () => {
    const withInit: OnnxGraph = {
      ...graph(pad([node('Add', ['x', 'w'], ['y'])]), ['w', 'x'], ['y']),
      initializers: [{ name: 'w', dataType: 1, dims: [2], dataLocation: 'inline' } as unknown as OnnxGraph['initializers'][number]],
    };
    withInit.inputs[0] = { name: 'w', docString: '', type: { kind: 'tensor', elemType: 1, shape: [2] } } as OnnxGraph['inputs'][number];
    const g = buildGraph(withInit, []);
    expect(g.inputs.map((v) => v.name)).toEqual(['x']);
    expect(g.initializers[0].declared).toEqual({ kind: 'tensor', elemType: 1, shape: [2] });
    expect(g.values.get('w')).toBe(g.initializers[0]);
    expect(g.nodes[0].inputs[1]).toBe(g.initializers[0]);
    expect([...g.values.keys()].slice(0, 3)).toEqual(['w', 'x', 'y']);
  });
});
