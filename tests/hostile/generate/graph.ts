/**
 * Graph-level hostile inputs: well-formed protobuf, but not a DAG in SSA form (→ exit 3), or odd in
 * ways the policy answers with a report (dangling names, unsorted nodes, unknown ops, prototype names).
 */
import { type GraphBuilder, ModelBuilder, ProtoWriter } from '@autodoc/core/testing';
import { tinyModel } from './base-models.js';
import { type HostileCase, error, report } from './types.js';
import { nestedChain } from './wire.js';
import { builderCase, bytesCase, concat } from './write.js';

/** Names that break code which indexes plain objects by name. */
export const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'];

/** If nested `depth` levels below the main graph (each then/else branch holds the next If). */
function nestedIf(depth: number): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', [2]);
  const [cond] = b.node('Constant', [], { attrs: { value: b.tensor('BOOL', [], [true]) } });
  // Built inside out, so no recursion: level k's branches are made from level k+1's.
  let inner: ((g: GraphBuilder) => string) | undefined;
  for (let level = depth; level >= 1; level--) {
    const next = inner;
    const name = `y${level}`;
    inner = (g: GraphBuilder) => {
      if (!next) return g.node('Relu', [x], { outputs: [name] })[0];
      const branch = b.subgraph((s) => s.output(next(s), 'FLOAT', [2]));
      const other = b.subgraph((s) => s.output(s.node('Identity', [x], { outputs: [`${name}_else`] })[0], 'FLOAT', [2]));
      return g.node('If', [cond], { attrs: { then_branch: branch, else_branch: other }, outputs: [name] })[0];
    };
  }
  b.output((inner as (g: GraphBuilder) => string)(b), 'FLOAT', [2]);
  return b;
}

function ssaCase(id: string, title: string, build: (b: ModelBuilder) => void, code = 'GRAPH_NOT_SSA'): HostileCase {
  return builderCase('graph', id, title, error(code), () => {
    const b = new ModelBuilder({ opset: 17 });
    build(b);
    return b;
  });
}

export function graphCases(): HostileCase[] {
  const g = (id: string, title: string, expect: ReturnType<typeof report>, build: () => ModelBuilder, cli = true) => builderCase('graph', id, title, expect, build, { cli });
  return [
    ssaCase('cycle-2', 'two nodes feeding each other', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.node('Add', ['x', 'b'], { outputs: ['a'] });
      b.node('Relu', ['a'], { outputs: ['b'] });
      b.output('b', 'FLOAT', [4]);
    }, 'GRAPH_CYCLE'),
    ssaCase('cycle-self', 'a node consuming its own output', (b) => {
      b.node('Relu', ['a'], { outputs: ['a'] });
      b.output('a', 'FLOAT', [4]);
    }, 'GRAPH_CYCLE'),
    ssaCase('cycle-10k', 'a 10,000-node cycle', (b) => {
      b.input('x', 'FLOAT', [4]);
      for (let i = 0; i < 10_000; i++) b.node('Relu', [`t${(i + 9_999) % 10_000}`], { outputs: [`t${i}`] });
      b.output('t0', 'FLOAT', [4]);
    }, 'GRAPH_CYCLE'),
    ssaCase('cycle-in-branch', 'a cycle inside an If branch', (b) => {
      const [cond] = b.node('Constant', [], { attrs: { value: b.tensor('BOOL', [], [true]) } });
      const body = b.subgraph((s) => {
        s.node('Neg', ['q'], { outputs: ['p'] });
        s.node('Neg', ['p'], { outputs: ['q'] });
        s.output('q', 'FLOAT', [1]);
      });
      const [y] = b.node('If', [cond], { attrs: { then_branch: body, else_branch: body } });
      b.output(y, 'FLOAT', [1]);
    }, 'GRAPH_CYCLE'),
    ssaCase('two-producers', 'two nodes produce the same tensor', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.node('Relu', ['x'], { outputs: ['y'] });
      b.node('Neg', ['x'], { outputs: ['y'] });
      b.output('y', 'FLOAT', [4]);
    }),
    ssaCase('duplicate-initializer', 'the same initializer name twice', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.initializer('w', 'FLOAT', [4]);
      b.initializer('w', 'FLOAT', [4]);
      b.output(b.node('Add', ['x', 'w'])[0], 'FLOAT', [4]);
    }),
    ssaCase('output-shadows-input', 'a node output named like a graph input', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.node('Relu', ['x'], { outputs: ['x'] });
      b.output('x', 'FLOAT', [4]);
    }),
    ssaCase('output-shadows-initializer', 'a node output named like an initializer', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.initializer('w', 'FLOAT', [4]);
      b.node('Relu', ['x'], { outputs: ['w'] });
      b.output('w', 'FLOAT', [4]);
    }),
    ssaCase('duplicate-input', 'the same graph input twice', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.input('x', 'FLOAT', [4]);
      b.output(b.node('Relu', ['x'])[0], 'FLOAT', [4]);
    }),
    ssaCase('same-output-twice', 'a node listing one output name twice', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.node('Split', ['x'], { outputs: ['y', 'y'], attrs: { axis: 0 } });
      b.output('y', 'FLOAT', [2]);
    }),
    ssaCase('function-recursive', 'a model-local function that calls itself', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.function({ name: 'Loopy', domain: 'local', inputs: ['X'], outputs: ['Y'], body: (f) => void f.node('Loopy', ['X'], { domain: 'local', outputs: ['Y'] }) });
      b.output(b.node('Loopy', ['x'], { domain: 'local' })[0], 'FLOAT', [4]);
    }, 'FUNCTION_RECURSIVE'),
    ssaCase('function-mutual', 'two functions that call each other', (b) => {
      b.input('x', 'FLOAT', [4]);
      b.function({ name: 'Ping', domain: 'local', inputs: ['X'], outputs: ['Y'], body: (f) => void f.node('Pong', ['X'], { domain: 'local', outputs: ['Y'] }) });
      b.function({ name: 'Pong', domain: 'local', inputs: ['X'], outputs: ['Y'], body: (f) => void f.node('Ping', ['X'], { domain: 'local', outputs: ['Y'] }) });
      b.output(b.node('Ping', ['x'], { domain: 'local' })[0], 'FLOAT', [4]);
    }, 'FUNCTION_RECURSIVE'),
    g('function-chain', 'a function calling another (not recursive)', report(), () => {
      const b = new ModelBuilder({ opset: 17 });
      b.input('x', 'FLOAT', [4]);
      b.function({ name: 'Outer', domain: 'local', inputs: ['X'], outputs: ['Y'], body: (f) => void f.node('Inner', ['X'], { domain: 'local', outputs: ['Y'] }) });
      b.function({ name: 'Inner', domain: 'local', inputs: ['X'], outputs: ['Y'], body: (f) => void f.node('Relu', ['X'], { outputs: ['Y'] }) });
      b.output(b.node('Outer', ['x'], { domain: 'local' })[0], 'FLOAT', [4]);
      return b;
    }),
    g('dangling-input', 'a node reads a tensor nothing defines', report('GRAPH_UNDEFINED_INPUT'), () => tinyModel((b, x) => b.node('Add', [x, 'ghost'])[0])),
    g('dangling-output', 'a graph output nothing produces', report('GRAPH_UNDEFINED_OUTPUT'), () => {
      const b = tinyModel();
      b.output('nowhere', 'FLOAT', [1]);
      return b;
    }),
    g('unsorted', 'nodes in reverse order (re-sorted)', report('GRAPH_UNSORTED'), () => {
      const b = new ModelBuilder({ opset: 17 });
      b.input('x', 'FLOAT', [1, 4]);
      b.node('Sigmoid', ['b'], { outputs: ['c'] });
      b.node('Neg', ['a'], { outputs: ['b'] });
      b.node('Relu', ['x'], { outputs: ['a'] });
      b.output('c', 'FLOAT', [1, 4]);
      return b;
    }),
    g('duplicate-node-names', 'two nodes with the same name (names are labels, not tensors)', report(), () =>
      tinyModel((b, x) => b.node('Neg', [b.node('Relu', [x], { name: 'same', outputs: ['r'] })[0]], { name: 'same', outputs: ['n'] })[0]),
    ),
    g('initializer-also-input', 'IR 3 style: an initializer listed among the inputs too', report(), () => {
      const b = new ModelBuilder({ opset: 8 });
      b.input('x', 'FLOAT', [4]);
      b.input('w', 'FLOAT', [4]);
      b.initializer('w', 'FLOAT', [4]);
      b.output(b.node('Add', ['x', 'w'])[0], 'FLOAT', [4]);
      return b;
    }),
    g('proto-names', '__proto__/constructor/… as tensor, node, op, domain, attribute, metadata and dim names', report(), () => protoNames(), true),
    g('if-depth-32', 'If nested 32 levels (the limit)', report(), () => nestedIf(32)),
    g('if-depth-33', 'If nested 33 levels (one past the limit)', error('RESOURCE_LIMIT'), () => nestedIf(33)),
    bytesCase('graph', 'subgraph-depth-10k', '10,000-deep subgraph nesting with op types and names', error('RESOURCE_LIMIT'), () =>
      concat([0x08, 0x08], nestedChain([7], 1, nestedChain([1, 5, 6], 30_000, new ProtoWriter().message(1, (n) => n.string(4, 'Relu')).finish()))),
    ),
    g('if-branch-arity', 'If whose branches have 2 and 1 outputs, the node 1', report(), () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [2]);
      const [cond] = b.node('Constant', [], { attrs: { value: b.tensor('BOOL', [], [true]) } });
      const two = b.subgraph((s) => {
        s.output(s.node('Relu', [x], { outputs: ['t1'] })[0], 'FLOAT', [2]);
        s.output(s.node('Neg', [x], { outputs: ['t2'] })[0], 'FLOAT', [2]);
      });
      const one = b.subgraph((s) => s.output(s.node('Sigmoid', [x], { outputs: ['e1'] })[0], 'INT64', [7, 7]));
      b.output(b.node('If', [cond], { attrs: { then_branch: two, else_branch: one } })[0]);
      return b;
    }),
    g('if-no-else', 'If without else_branch, then_branch an INT', report(), () => {
      const b = new ModelBuilder({ opset: 17 });
      b.input('x', 'FLOAT', [2]);
      const [cond] = b.node('Constant', [], { attrs: { value: b.tensor('BOOL', [], [true]) } });
      b.output(b.node('If', [cond], { attrs: { then_branch: 3 } })[0]);
      return b;
    }),
    g('loop-bad-body', 'Loop whose body takes 1 input (needs 2 + carried) and returns nothing', report(), () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [2]);
      const [n] = b.node('Constant', [], { attrs: { value: b.tensor('INT64', [], [3]) } });
      const body = b.subgraph((s) => {
        s.input('i', 'INT64', []);
        s.node('Relu', ['i'], { outputs: ['unused'] });
      });
      b.output(b.node('Loop', [n, '', x], { attrs: { body }, outputs: 3 })[0]);
      return b;
    }),
    g('loop-no-body', 'Loop and Scan without a body attribute', report(), () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [2]);
      const [l] = b.node('Loop', ['', '', x]);
      b.output(b.node('Scan', [l], { attrs: { num_scan_inputs: 2 } })[0]);
      return b;
    }),
    g('scan-inputs-2^40', 'Scan declaring num_scan_inputs = 2^40 with one input', report(), () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [2]);
      const body = b.subgraph((s) => s.output(s.node('Identity', [s.input('s', 'FLOAT', [])], { outputs: ['o'] })[0]));
      b.output(b.node('Scan', [x], { attrs: { body, num_scan_inputs: 2 ** 40 } })[0]);
      return b;
    }),
    g('unknown-op', 'unknown ops in unknown domains', report('*'), () => {
      const b = new ModelBuilder({ opset: 17, opsetImports: { 'com.evil': 1 } });
      const x = b.input('x', 'FLOAT', [1, 4]);
      const [y] = b.node('Frobnicate', [x], { domain: 'com.evil' });
      const [z] = b.node('NoSuchOp', [y]);
      b.output(b.node('Mystery', [z], { domain: 'never.imported' })[0]);
      return b;
    }),
    g('future-versions', 'ir_version 99 and ai.onnx opset 999', report(), () => future()),
    g('no-ir-no-opset', 'neither ir_version nor opset_import', report('*'), () => noVersions()),
    g('negative-versions', 'negative ir_version and opset versions', report(), () => {
      const b = new ModelBuilder({ opset: -5, irVersion: -1 });
      const x = b.input('x', 'FLOAT', [1, 4]);
      b.output(b.node('Relu', [x])[0], 'FLOAT', [1, 4]);
      return b;
    }),
    g('empty-op-type', 'a node with an empty op type and 10,000 empty optional inputs', report(), () => tinyModel((b, x) => b.node('', [x, ...new Array<string>(10_000).fill('')])[0])),
    g('many-outputs', 'a node with 10,000 outputs', report(), () => tinyModel((b, x) => b.node('Split', [x], { outputs: 10_000, attrs: { axis: 1 } })[0])),
    // Shapes whose work once grew faster than the graph (minutes, gigabytes); each now takes ~1 s.
    g('wide-sum', 'a Sum of 20,000 bias Adds of one input (every pair of inputs a skip-link candidate)', report(), () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', ['batch', 4]);
      const c = b.initializer('c', 'FLOAT', [4], { seed: 1 });
      const terms = Array.from({ length: 20_000 }, (_, i) => b.node('Add', [x, c], { name: `a${i}`, outputs: [`a${i}`] })[0]);
      b.output(b.node('Sum', terms, { name: 'sum', outputs: ['y'] })[0], 'FLOAT', ['batch', 4]);
      return b;
    }, false),
    g('distinct-dims-broadcast', 'an Add chain over 5,000 inputs of distinct symbolic dims (max of ever more symbols)', report('DIM_EXPRESSION_LIMIT'), () => {
      const b = new ModelBuilder({ opset: 17 });
      let t = b.input('x0', 'FLOAT', ['d0', 4]);
      for (let i = 1; i < 5_000; i++) t = b.node('Add', [t, b.input(`x${i}`, 'FLOAT', [`d${i}`, 4])], { name: `a${i}`, outputs: [`a${i}`] })[0];
      b.output(t, 'FLOAT', [null, 4]);
      return b;
    }, false),
    g('distinct-dims-concat', 'a Concat chain over 3,000 inputs of distinct symbolic dims (sums of ever more symbols)', report('DIM_EXPRESSION_LIMIT'), () => {
      const b = new ModelBuilder({ opset: 17 });
      let t = b.input('x0', 'FLOAT', ['d0', 4]);
      for (let i = 1; i < 3_000; i++) t = b.node('Concat', [t, b.input(`x${i}`, 'FLOAT', [`d${i}`, 4])], { name: `c${i}`, outputs: [`c${i}`], attrs: { axis: 0 } })[0];
      b.output(t, 'FLOAT', [null, 4]);
      return b;
    }, false),
    g('chain-200k', 'a 200,000-node Relu chain', report(), () => {
      const b = new ModelBuilder({ opset: 17 });
      let t = b.input('x', 'FLOAT', ['n', 8]);
      for (let i = 0; i < 200_000; i++) t = b.node('Relu', [t], { name: `r${i}`, outputs: [`t${i}`] })[0];
      b.output(t, 'FLOAT', ['n', 8]);
      return b;
    }, false),
  ].map((c) =>
    c.id === 'chain-200k'
      ? { ...c, scale: true }
      : c,
  );
}

function future(): ModelBuilder {
  const b = new ModelBuilder({ opset: 999, irVersion: 99, opsetImports: { 'ai.onnx.ml': 99 } });
  const x = b.input('x', 'FLOAT', [1, 4]);
  b.output(b.node('Relu', [x])[0], 'FLOAT', [1, 4]);
  return b;
}

function noVersions(): ModelBuilder {
  // The builder always writes ir_version and the default opset; strip them by re-encoding the graph.
  const inner = tinyModel();
  return { toBytes: () => new ProtoWriter().raw(graphField(inner.toBytes())).finish() } as unknown as ModelBuilder;
}

/** The bytes of field 7 (graph, key included) of an encoded ModelProto. */
export function graphField(model: Uint8Array): Uint8Array {
  let p = 0;
  const rd = () => {
    let v = 0;
    let s = 0;
    for (;;) {
      const x = model[p++];
      v += (x & 0x7f) * 2 ** s;
      s += 7;
      if (x < 0x80) return v;
    }
  };
  while (p < model.length) {
    const start = p;
    const key = rd();
    const w = key & 7;
    if (w === 0) rd();
    else if (w === 2) {
      const len = rd(); // not `p += rd()`: that would add to the value of p before rd() moved it
      p += len;
    }
    else p += w === 1 ? 8 : 4;
    if (key >>> 3 === 7) return model.subarray(start, p);
  }
  throw new Error('no graph field');
}

function protoNames(): ModelBuilder {
  const entries = (xs: [string, unknown][]) => Object.fromEntries(xs);
  const b = new ModelBuilder({
    opset: 17,
    opsetImports: entries([['__proto__', 1], ['constructor', 1]]) as Record<string, number>,
    metadata: entries(PROTO_NAMES.map((n) => [n, n])) as Record<string, string>,
  });
  let t = b.input('__proto__', 'FLOAT', ['constructor', 4]);
  b.initializer('hasOwnProperty', 'FLOAT', [4]);
  const outs = ['constructor', 'prototype', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'propertyIsEnumerable'];
  outs.forEach((out, i) => {
    t = b.node('Add', [t, 'hasOwnProperty'], { name: PROTO_NAMES[i], outputs: [out] })[0];
  });
  const attrs = entries([['__proto__', 1], ['constructor', 'x']]) as Record<string, number | string>;
  const [u] = b.node('__proto__', [t], { domain: 'constructor', name: 'valueOf', attrs, outputs: ['toLocaleString'] });
  const [v] = b.node('constructor', [u], { domain: '__proto__', outputs: ['__lookupGetter__'] });
  b.output(v, 'FLOAT', ['constructor', 4]);
  return b;
}
