/**
 * Builder-made models for the shape-arithmetic and control-flow families and the engine's contract:
 * expected shapes are worked by hand from the ONNX spec (the working is in each comment).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph, dims, type Dim, type Graph, type OpRegistry, readModel, type ValueType } from '@autodoc/core';
import { attrRef, ModelBuilder } from '@autodoc/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type InferShapesOptions, inferShapes } from './infer-shapes.js';
import { fullRegistry } from './op-packs.test.js';

let dir: string;
let registry: OpRegistry;
let count = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'autodoc-shapes-'));
  registry = await fullRegistry();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function infer(b: ModelBuilder, options: InferShapesOptions = {}) {
  const path = join(dir, `m${count++}.onnx`);
  writeFileSync(path, b.toBytes());
  const model = await readModel(path);
  const graph = buildGraph(model.graph, []);
  const result = await inferShapes(graph, model, registry, options);
  return { graph, result };
}

function shapeOf(graph: Graph, name: string): string[] | undefined {
  const t: ValueType | undefined = graph.values.get(name)?.type;
  return t && (t.kind === 'tensor' || t.kind === 'sparse_tensor') ? t.shape?.map((d) => dims.format(d)) : undefined;
}

function dimsOf(graph: Graph, name: string): readonly Dim[] | undefined {
  const t = graph.values.get(name)?.type;
  return t && t.kind === 'tensor' ? t.shape : undefined;
}

const ints = (name: string, b: ModelBuilder, values: number[], shape = [values.length]) => b.initializer(name, 'INT64', shape, { data: values });

describe('shape subgraphs exporters emit', () => {
  test('Shape → Gather → Unsqueeze → Concat → Reshape keeps batch and sequence symbolic', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', ['batch', 'seq', 32]);
    const [s] = b.node('Shape', [x], { outputs: ['s'] });
    const [n0] = b.node('Gather', [s, ints('i0', b, [0], [])], { outputs: ['n0'] });
    const [n1] = b.node('Gather', [s, ints('i1', b, [1], [])], { outputs: ['n1'] });
    const [u0] = b.node('Unsqueeze', [n0, ints('ax', b, [0])], { outputs: ['u0'] });
    const [u1] = b.node('Unsqueeze', [n1, 'ax'], { outputs: ['u1'] });
    const [target] = b.node('Concat', [u0, u1, ints('tail', b, [4, -1])], { attrs: { axis: 0 }, outputs: ['target'] });
    const [y] = b.node('Reshape', [x, target], { outputs: ['y'] });
    b.output(y);
    const { graph } = await infer(b);
    // Concat contents: [batch, seq, 4, -1]; -1 = (batch·seq·32) / (batch·seq·4) = 8.
    expect(graph.values.get('target')?.value?.map((d) => dims.format(d))).toEqual(['batch', 'seq', '4', '-1']);
    expect(shapeOf(graph, 'y')).toEqual(['batch', 'seq', '4', '8']);
    expect(shapeOf(graph, 'n1')).toEqual([]);
  });

  test('--dim bindings turn symbols into numbers everywhere', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', ['batch', 'seq', 32]);
    const [s] = b.node('Shape', [x], { outputs: ['s'] });
    const [y] = b.node('Reshape', [x, ints('t', b, [0, -1])], { outputs: ['y'] });
    b.output(y);
    b.output(s);
    const { graph } = await infer(b, { bindings: { batch: 4 } });
    // [0, -1]: dim 0 copied (batch = 4), -1 = 4·seq·32 / 4 = 32·seq.
    expect(shapeOf(graph, 'y')).toEqual(['4', '32*seq']);
    expect(graph.values.get('s')?.value?.map((d) => dims.format(d))).toEqual(['4', 'seq', '32']);
  });

  test('Slice with symbolic starts/ends from Shape is exact at every binding', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const past = b.input('past', 'FLOAT', [1, 'past']);
    const x = b.input('x', 'FLOAT', [1, 'seq']);
    const buffer = b.initializer('buffer', 'FLOAT', [1, 64]);
    const [sp] = b.node('Shape', [past]);
    const [sx] = b.node('Shape', [x]);
    const [start] = b.node('Slice', [sp, ints('one', b, [1]), ints('two', b, [2])]);
    const [len] = b.node('Slice', [sx, 'one', 'two']);
    const [end] = b.node('Add', [start, len]);
    const [y] = b.node('Slice', [buffer, start, end, 'one'], { outputs: ['y'] });
    b.output(y);
    const { graph } = await infer(b);
    const d = dimsOf(graph, 'y') as Dim[];
    expect(d[0]).toBe(1);
    // Length = min(past + seq, 64) − min(past, 64): past 5, seq 7 → 7; past 60, seq 10 → 64 − 60 = 4.
    expect(dims.evaluate(d[1], { past: 5, seq: 7 })).toBe(7);
    expect(dims.evaluate(d[1], { past: 60, seq: 10 })).toBe(4);
    expect(dims.evaluate(d[1], { past: 70, seq: 3 })).toBe(0);
  });

  test('Range with a symbolic limit, ConstantOfShape, Expand', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', ['batch', 'seq']);
    const [s] = b.node('Shape', [x]);
    const [n] = b.node('Gather', [s, ints('i1', b, [1], [])]);
    const [r] = b.node('Range', [ints('zero', b, [0], []), n, ints('step', b, [2], [])], { outputs: ['r'] });
    const [c] = b.node('ConstantOfShape', [s], { outputs: ['c'] });
    const [e] = b.node('Expand', [b.initializer('row', 'FLOAT', [1, 1]), s], { outputs: ['e'] });
    b.output(r);
    b.output(c);
    b.output(e);
    const { graph } = await infer(b);
    // Range(0, seq, 2) has ceil(seq / 2) elements: seq 7 → 4.
    expect(dims.evaluate((dimsOf(graph, 'r') as Dim[])[0], { seq: 7 })).toBe(4);
    expect(graph.values.get('r')?.type).toMatchObject({ dtype: 'INT64' });
    expect(shapeOf(graph, 'c')).toEqual(['batch', 'seq']);
    expect(graph.values.get('c')?.type).toMatchObject({ dtype: 'FLOAT' });
    expect(shapeOf(graph, 'e')).toEqual(['batch', 'seq']);
  });
});

describe('edge cases of the families', () => {
  test('small float initializers are read where they decide a shape (Resize scales), not where they only feed arithmetic', async () => {
    const b = new ModelBuilder({ opset: 13 });
    const x = b.input('x', 'FLOAT', [1, 3, 8, 8]);
    const scales = b.initializer('scales', 'FLOAT', [4], { data: [1, 1, 2, 0.5] });
    const [y] = b.node('Resize', [x, '', scales], { outputs: ['y'] });
    const c1 = b.initializer('c1', 'FLOAT', [2], { data: [1, 2] });
    const c2 = b.initializer('c2', 'FLOAT', [2], { data: [3, 4] });
    const [sum] = b.node('Add', [c1, c2], { outputs: ['sum'] });
    b.output(y);
    b.output(sum);
    const { graph } = await infer(b);
    // Resize: each output dim is floor(input dim × scale): 1, 3, 8·2 = 16, 8·0.5 = 4.
    expect(shapeOf(graph, 'y')).toEqual(['1', '3', '16', '4']);
    // Float weights and biases stay unread: Add's contents are not followed.
    expect(graph.values.get('sum')?.value).toBeUndefined();
    expect(shapeOf(graph, 'sum')).toEqual(['2']);
  });

  test('negative axes, rank 0, empty and zero-size tensors, allowzero', async () => {
    const b = new ModelBuilder({ opset: 18 });
    const x = b.input('x', 'FLOAT', ['batch', 3]);
    const scalar = b.input('scalar', 'FLOAT', []);
    const empty = b.input('empty', 'FLOAT', [0, 3]);
    b.node('Unsqueeze', [x, ints('m1', b, [-1])], { outputs: ['u'] });
    b.node('Squeeze', ['u', 'm1'], { outputs: ['sq'] });
    b.node('Shape', [scalar], { outputs: ['s0'] });
    b.node('Size', [empty], { outputs: ['n0'] });
    b.node('Concat', [empty, b.initializer('three', 'FLOAT', [2, 3])], { attrs: { axis: -2 }, outputs: ['cat'] });
    b.node('Reshape', [empty, ints('t30', b, [3, 0])], { attrs: { allowzero: 1 }, outputs: ['rz'] });
    b.node('ConstantOfShape', [ints('none', b, [], [0])], { outputs: ['c0'] });
    b.node('Split', [x], { attrs: { axis: -1, num_outputs: 2 }, outputs: ['p0', 'p1'] });
    b.node('Flatten', [b.initializer('cube', 'FLOAT', [2, 3, 4])], { attrs: { axis: -1 }, outputs: ['f'] });
    for (const o of ['sq', 's0', 'n0', 'cat', 'rz', 'c0', 'p0', 'p1', 'f']) b.output(o);
    const { graph, result } = await infer(b);
    expect(result.diagnostics).toEqual([]);
    expect(shapeOf(graph, 'u')).toEqual(['batch', '3', '1']);
    expect(shapeOf(graph, 'sq')).toEqual(['batch', '3']);
    // Shape of a scalar: INT64 [0] with no contents; Size of [0, 3] is 0.
    expect(shapeOf(graph, 's0')).toEqual(['0']);
    expect(graph.values.get('s0')?.value).toEqual([]);
    expect(graph.values.get('n0')?.value).toEqual([0]);
    expect(shapeOf(graph, 'cat')).toEqual(['2', '3']);
    // allowzero = 1: the 0 is a real zero-size dim, not "copy".
    expect(shapeOf(graph, 'rz')).toEqual(['3', '0']);
    expect(shapeOf(graph, 'c0')).toEqual([]);
    // num_outputs = 2 on 3: chunks of ceil(3/2) = 2, last 3 − 2 = 1.
    expect(shapeOf(graph, 'p0')).toEqual(['batch', '2']);
    expect(shapeOf(graph, 'p1')).toEqual(['batch', '1']);
    // Flatten axis −1 of [2, 3, 4] → [2·3, 4].
    expect(shapeOf(graph, 'f')).toEqual(['6', '4']);
  });

  test('opset 11 forms: axes as attributes, Slice bounds as inputs', async () => {
    const b = new ModelBuilder({ opset: 11 });
    const x = b.input('x', 'FLOAT', [2, 10, 'w']);
    b.node('Unsqueeze', [x], { attrs: { axes: [0, -1] }, outputs: ['u'] });
    // Slice steps −1 from the end (INT64_MAX clamps): axis 1 of 10 → 10 elements; axis 0 from 1: 1.
    b.node('Slice', [x, ints('st', b, [1, -1]), ints('en', b, [1000, -(2 ** 40)]), ints('ax', b, [0, 1]), ints('sp', b, [1, -1])], { outputs: ['s'] });
    b.output('u');
    b.output('s');
    const { graph } = await infer(b);
    expect(shapeOf(graph, 'u')).toEqual(['1', '2', '10', 'w', '1']);
    expect(shapeOf(graph, 's')).toEqual(['1', '10', 'w']);
  });
});

describe('control flow and functions', () => {
  test('If: the known branch when cond is known, else differing dims become a fresh symbol', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const cond = b.input('cond', 'BOOL', []);
    const branch = (cols: number) =>
      b.subgraph((g) => {
        const [c] = g.node('Constant', [], { attrs: { value: g.tensor('FLOAT', [2, cols]) }, outputs: [`k${cols}`] });
        g.output(c);
      });
    b.node('If', [cond], { attrs: { then_branch: branch(3), else_branch: branch(5) }, outputs: ['y'] });
    const [t] = b.node('Constant', [], { attrs: { value_int: 1 }, outputs: ['yes'] });
    b.node('If', [t], { attrs: { then_branch: branch(3), else_branch: branch(5) }, outputs: ['z'] });
    b.output('y');
    b.output('z');
    const { graph } = await infer(b);
    const y = dimsOf(graph, 'y') as Dim[];
    expect(y[0]).toBe(2);
    expect(typeof y[1]).not.toBe('number');
    expect(shapeOf(graph, 'z')).toEqual(['2', '3']);
  });

  test('Loop: scan outputs lead with the trip count (a number, or symbolic from Shape); growing carried dims become unknown', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', ['batch', 2]);
    const body = b.subgraph((g) => {
      g.input('i', 'INT64', []);
      g.input('c', 'BOOL', []);
      g.input('acc', 'FLOAT', [1]);
      g.input('grow', 'FLOAT', [null]);
      const [c2] = g.node('Identity', ['c'], { outputs: ['c_out'] });
      const [acc2] = g.node('Add', ['acc', 'acc'], { outputs: ['acc_out'] });
      const [grow2] = g.node('Concat', ['grow', 'grow'], { attrs: { axis: 0 }, outputs: ['grow_out'] });
      const [row] = g.node('Identity', ['x'], { outputs: ['row'] });
      g.output(c2);
      g.output(acc2);
      g.output(grow2);
      g.output(row);
    });
    const one = b.initializer('one', 'FLOAT', [1]);
    b.node('Loop', [ints('five', b, [5], []), '', one, one], { attrs: { body }, outputs: ['acc', 'grow', 'rows'] });
    const [s] = b.node('Shape', [x]);
    const [m] = b.node('Gather', [s, ints('i0', b, [0], [])]);
    b.node('Loop', [m, '', one, one], { attrs: { body }, outputs: ['acc2', 'grow2', 'rows2'] });
    for (const o of ['acc', 'grow', 'rows', 'acc2', 'grow2', 'rows2']) b.output(o);
    const { graph } = await infer(b);
    // M = 5 and no cond input: exactly 5 iterations; the body's scan output is x = [batch, 2].
    expect(shapeOf(graph, 'rows')).toEqual(['5', 'batch', '2']);
    expect(shapeOf(graph, 'rows2')).toEqual(['batch', 'batch', '2']);
    expect(shapeOf(graph, 'acc')).toEqual(['1']);
    // Concat doubles `grow` each iteration: its length after the loop is not a fixed number.
    const grow = dimsOf(graph, 'grow') as Dim[];
    expect(grow).toHaveLength(1);
    expect(typeof grow[0]).not.toBe('number');
  });

  test('Loop: a SequenceEmpty carried value that gets a [2, k] tensor inserted each iteration is a sequence of [2, k] elements', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', [2, 'k']);
    const u = b.input('u', 'FLOAT');
    const m = b.input('m', 'INT64', []);
    const [empty] = b.node('SequenceEmpty', [], { attrs: { dtype: 1 }, outputs: ['empty'] });
    const body = (inserted: string) =>
      b.subgraph((g) => {
        g.input('i', 'INT64', []);
        g.input('c', 'BOOL', []);
        g.input('seq', { kind: 'sequence', elem: { kind: 'tensor', dtype: 'FLOAT' } });
        g.node('Identity', ['c'], { outputs: ['c_out'] });
        g.node('SequenceInsert', ['seq', inserted], { outputs: ['seq_out'] });
        g.output('c_out');
        g.output('seq_out');
      });
    const keep = b.subgraph((g) => {
      g.input('i', 'INT64', []);
      g.input('c', 'BOOL', []);
      g.input('seq', { kind: 'sequence', elem: { kind: 'tensor', dtype: 'FLOAT' } });
      g.node('Identity', ['c'], { outputs: ['c_out'] });
      g.node('Identity', ['seq'], { outputs: ['seq_out'] });
      g.output('c_out');
      g.output('seq_out');
    });
    b.node('Loop', [m, '', empty], { attrs: { body: body(x) }, outputs: ['rows'] });
    b.node('Loop', [m, '', empty], { attrs: { body: body(u) }, outputs: ['anything'] });
    b.node('Loop', [m, '', empty], { attrs: { body: keep }, outputs: ['none'] });
    // An If with an empty branch: the join is the other branch's sequence.
    const cond = b.input('cond', 'BOOL', []);
    const thenBranch = b.subgraph((g) => {
      g.node('SequenceEmpty', [], { attrs: { dtype: 1 }, outputs: ['e'] });
      g.output('e');
    });
    const elseBranch = b.subgraph((g) => {
      g.node('SequenceConstruct', ['x', 'x'], { outputs: ['s'] });
      g.output('s');
    });
    b.node('If', [cond], { attrs: { then_branch: thenBranch, else_branch: elseBranch }, outputs: ['maybe'] });
    const [stacked] = b.node('ConcatFromSequence', ['rows'], { attrs: { axis: 0, new_axis: 1 }, outputs: ['stacked'] });
    for (const o of ['rows', 'anything', 'none', 'maybe', stacked]) b.output(o);
    const { graph } = await infer(b);
    const seqOf = (name: string) => graph.values.get(name)?.type as Extract<ValueType, { kind: 'sequence' }> | undefined;
    const elemShape = (name: string) => {
      const e = seqOf(name)?.elem;
      return e?.kind === 'tensor' ? e.shape?.map((d) => dims.format(d)) : undefined;
    };
    // First iteration: {} ∪ {[2, k]} = [2, k]; later ones insert [2, k] into a sequence of [2, k].
    expect(elemShape('rows')).toEqual(['2', 'k']);
    expect(seqOf('rows')?.empty).toBeUndefined();
    expect(shapeOf(graph, 'stacked')?.slice(1)).toEqual(['2', 'k']);
    // Inserted tensors of unknown rank: FLOAT elements, no shape, and the result is not claimed empty.
    expect(seqOf('anything')?.elem).toEqual({ kind: 'tensor', dtype: 'FLOAT', shape: undefined });
    expect(seqOf('anything')?.empty).toBeUndefined();
    // Nothing inserted: still provably empty.
    expect(seqOf('none')?.empty).toBe(true);
    expect(elemShape('maybe')).toEqual(['2', 'k']);
    expect(seqOf('maybe')?.empty).toBeUndefined();
  });

  test('Scan (opset 16): final state and scan outputs with the sequence length', async () => {
    const b = new ModelBuilder({ opset: 16 });
    const init = b.input('init', 'FLOAT', [2]);
    const xs = b.input('xs', 'FLOAT', ['steps', 2]);
    const body = b.subgraph((g) => {
      g.input('state', 'FLOAT', [2]);
      g.input('x', 'FLOAT', [2]);
      g.node('Add', ['state', 'x'], { outputs: ['next'] });
      g.node('Identity', ['next'], { outputs: ['out'] });
      g.output('next');
      g.output('out');
    });
    b.node('Scan', [init, xs], { attrs: { body, num_scan_inputs: 1 }, outputs: ['final', 'all'] });
    b.output('final');
    b.output('all');
    const { graph } = await infer(b);
    expect(shapeOf(graph, 'final')).toEqual(['2']);
    expect(shapeOf(graph, 'all')).toEqual(['steps', '2']);
  });

  test('model-local functions are inlined with their attribute references bound', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.opsetImport('custom', 1);
    b.function({
      name: 'Twice',
      domain: 'custom',
      inputs: ['X'],
      outputs: ['Y'],
      attributes: ['axis'],
      body: (f) => {
        f.node('Concat', ['X', 'X'], { attrs: { axis: attrRef('axis', 'INT') }, outputs: ['Y'] });
      },
    });
    const x = b.input('x', 'FLOAT', [2, 'n']);
    b.node('Twice', [x], { domain: 'custom', attrs: { axis: 1 }, outputs: ['y'] });
    b.node('Twice', [x], { domain: 'custom', attrs: { axis: 0 }, outputs: ['z'] });
    b.output('y');
    b.output('z');
    const { graph, result } = await infer(b);
    expect(result.diagnostics).toEqual([]);
    expect(shapeOf(graph, 'y')).toEqual(['2', '2*n']);
    expect(shapeOf(graph, 'z')).toEqual(['4', 'n']);
  });
});

describe('diagnostics', () => {
  test('unknown ops: one SHAPE_UNKNOWN_OP per type with a count, outputs unknown, inference continues', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.opsetImport('com.example', 1);
    const x = b.input('x', 'FLOAT', [2, 3]);
    b.node('Mystery', [x], { domain: 'com.example', outputs: ['m1'] });
    b.node('Mystery', ['m1'], { domain: 'com.example', outputs: ['m2'] });
    b.node('Reshape', ['m2', ints('t', b, [3, 2])], { outputs: ['r'] });
    b.node('Relu', ['m2'], { outputs: ['q'] });
    b.output('r');
    b.output('q');
    const { graph, result } = await infer(b);
    const unknown = result.diagnostics.filter((d) => d.code === 'SHAPE_UNKNOWN_OP');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ severity: 'warning', count: 2 });
    expect(unknown[0].message).toContain('com.example::Mystery');
    expect(shapeOf(graph, 'm2')).toBeUndefined();
    expect(shapeOf(graph, 'r')).toEqual(['3', '2']);
    expect(shapeOf(graph, 'q')).toBeUndefined();
  });

  test('a declared shape that conflicts: warning naming both; inferred wins unless trustModelShapes', async () => {
    const build = () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [2, 3]);
      b.node('Transpose', [x], { outputs: ['t'] });
      b.valueInfo('t', 'FLOAT', [7, 7]);
      b.node('Relu', ['t'], { outputs: ['y'] });
      b.output('y', 'FLOAT', ['rows', null]);
      return b;
    };
    const plain = await infer(build());
    const conflict = plain.result.diagnostics.find((d) => d.code === 'SHAPE_CONFLICT');
    expect(conflict?.message).toContain('[7, 7]');
    expect(conflict?.message).toContain('[3, 2]');
    expect(shapeOf(plain.graph, 't')).toEqual(['3', '2']);
    // A declared dim_param or unknown dim on the output is not a conflict: ours is kept.
    expect(shapeOf(plain.graph, 'y')).toEqual(['3', '2']);
    expect(plain.result.diagnostics).toHaveLength(1);
    const trusted = await infer(build(), { trustModelShapes: true });
    expect(shapeOf(trusted.graph, 't')).toEqual(['7', '7']);
  });

  test('inputs: dim_params stay named, unnamed dims get fresh unk__N names', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.input('x', 'FLOAT', ['batch', null, 3]);
    b.node('Relu', ['x'], { outputs: ['y'] });
    b.output('y');
    const { graph, result } = await infer(b);
    expect(shapeOf(graph, 'y')).toEqual(['batch', 'unk__0', '3']);
    expect(result.symbols.names()).toEqual(['batch', 'unk__0']);
  });
});
