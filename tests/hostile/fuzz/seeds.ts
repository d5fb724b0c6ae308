/**
 * Seed models for the mutation fuzzer: small, but covering the message types and features the
 * reader and the analyses handle (subgraphs, functions, typed and sparse tensors, external data,
 * attention blocks, convolutions). Built once per campaign with the project's ModelBuilder.
 */
import { ModelBuilder, chain, gptDecoder, tinyCnn, transformerEncoder } from '@autodoc/core/testing';
import { richModel } from '../generate/base-models.js';

/** One seed: its bytes, and whether it expects `w.bin` (16+ bytes) beside it. */
export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function externalSeed(): Uint8Array {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', ['n', 4]);
  const w = b.initializer('w', 'FLOAT', [4, 4], { external: { location: 'w.bin', offset: 0, write: false } });
  const s = b.initializer('s', 'INT64', [2], { data: [-1, 2], field: 'int64_data' });
  const [m] = b.node('MatMul', [x, w]);
  const [r] = b.node('Reshape', [m, s]);
  b.output(b.node('Softmax', [r], { attrs: { axis: -1 } })[0]);
  return b.toBytes();
}

function controlFlowSeed(): Uint8Array {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', ['n', 3]);
  const [trip] = b.node('Constant', [], { attrs: { value: b.tensor('INT64', [], [4]) } });
  const [cond] = b.node('Constant', [], { attrs: { value: b.tensor('BOOL', [], [true]) } });
  const body = b.subgraph((g) => {
    g.input('i', 'INT64', []);
    g.input('c', 'BOOL', []);
    const acc = g.input('acc', 'FLOAT', ['n', 3]);
    const [co] = g.node('Identity', ['c'], { outputs: ['c_out'] });
    const [a2] = g.node('Add', [acc, x], { outputs: ['acc_out'] });
    g.output(co, 'BOOL', []);
    g.output(a2, 'FLOAT', ['n', 3]);
  });
  const [l] = b.node('Loop', [trip, cond, x], { attrs: { body } });
  const scanBody = b.subgraph((g) => {
    const s = g.input('state', 'FLOAT', [3]);
    const e = g.input('elem', 'FLOAT', [3]);
    const [o] = g.node('Add', [s, e], { outputs: ['state_out'] });
    const [y] = g.node('Mul', [o, e], { outputs: ['scan_out'] });
    g.output(o, 'FLOAT', [3]);
    g.output(y, 'FLOAT', [3]);
  });
  const init = b.initializer('init', 'FLOAT', [3], { data: [0, 0, 0] });
  const [, ys] = b.node('Scan', [init, l], { attrs: { body: scanBody, num_scan_inputs: 1 }, outputs: 2 });
  b.sparseInitializer('sp', 'FLOAT', [3], { values: [1], indices: [2] });
  b.output(b.node('Add', [ys, 'sp'])[0]);
  return b.toBytes();
}

/** Every seed, built once. */
export function seeds(): Seed[] {
  return [
    { name: 'rich', bytes: richModel().toBytes() },
    { name: 'external', bytes: externalSeed() },
    { name: 'control-flow', bytes: controlFlowSeed() },
    { name: 'cnn', bytes: tinyCnn().toBytes() },
    { name: 'encoder', bytes: transformerEncoder({ layers: 1, hidden: 16, heads: 2, intermediate: 32, vocab: 50, maxPositions: 16, opset: 17 }).toBytes() },
    { name: 'decoder', bytes: gptDecoder({ layers: 1, hidden: 16, heads: 2, kvHeads: 1, vocab: 50, maxPositions: 16, intermediate: 32, kvCache: true }).toBytes() },
    { name: 'chain', bytes: chain(20).toBytes() },
  ];
}
