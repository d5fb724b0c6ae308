/**
 * Well-formed models the hostile cases start from, built with the project's ModelBuilder.
 */
import { ModelBuilder } from '@autodoc/core/testing';

/**
 * A small model that exercises most of onnx.proto: initializers (raw and typed), a Constant with a
 * tensor attribute, attributes of several types, an If with two branches, value_info, metadata and a
 * model-local function. Field order: ir_version, producer, graph, opset_import, metadata, functions.
 */
export function richModel(): ModelBuilder {
  const b = new ModelBuilder({ opset: 17, producerName: 'hostile-base', metadata: { author: 'autodoc', license: 'none' } });
  const x = b.input('x', 'FLOAT', ['batch', 4]);
  const w = b.initializer('w', 'FLOAT', [4, 4], { seed: 1 });
  const shape = b.initializer('shape', 'INT64', [2], { data: [-1, 4], field: 'int64_data' });
  const [c] = b.node('Constant', [], { attrs: { value: b.tensor('FLOAT', [4], [1, 2, 3, 4]) } });
  const [m] = b.node('MatMul', [x, w]);
  const [a] = b.node('Add', [m, c]);
  const [r] = b.node('Reshape', [a, shape]);
  const [cond] = b.node('Constant', [], { attrs: { value: b.tensor('BOOL', [], [true]) } });
  const thenBranch = b.subgraph((g) => {
    const [y] = g.node('Relu', [r]);
    g.output(y, 'FLOAT', ['batch', 4]);
  });
  const elseBranch = b.subgraph((g) => {
    const [y] = g.node('Sigmoid', [r]);
    g.output(y, 'FLOAT', ['batch', 4]);
  });
  const [iff] = b.node('If', [cond], { attrs: { then_branch: thenBranch, else_branch: elseBranch } });
  const [t] = b.node('Transpose', [iff], { attrs: { perm: [1, 0] } });
  const [s] = b.node('Softmax', [t], { attrs: { axis: -1 } });
  b.valueInfo(m, 'FLOAT', ['batch', 4]);
  b.function({
    name: 'Double',
    domain: 'local',
    inputs: ['X'],
    outputs: ['Y'],
    body: (f) => {
      f.node('Add', ['X', 'X'], { outputs: ['Y'] });
    },
  });
  const [d] = b.node('Double', [s], { domain: 'local' });
  b.output(d, 'FLOAT', [4, 'batch']);
  return b;
}

/** A one-node model (Relu) with an optional tweak before encoding. */
export function tinyModel(tweak?: (b: ModelBuilder, x: string) => string): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', [1, 4]);
  const y = tweak ? tweak(b, x) : b.node('Relu', [x])[0];
  b.output(y, 'FLOAT', [1, 4]);
  return b;
}
