/**
 * Numeric hostile inputs: negative and huge dims, products past int64, declared sizes that disagree
 * with the bytes, giant constant shapes. All are legal protobuf, so each must give a report (exit 0)
 * whose numbers are finite and non-negative (or strings / null), without allocating what is declared.
 */
import { ModelBuilder } from '@autodoc/core/testing';
import { tinyModel } from './base-models.js';
import { type HostileCase, report } from './types.js';
import { builderCase, bytesCase } from './write.js';
import { modelAround } from './wire.js';

const P62 = 2 ** 62;

/** A model where `op` consumes graph input x (of `shape`) plus constant INT64 inputs. */
function opModel(op: string, shape: (number | string)[], consts: (number | bigint)[][], attrs: Record<string, number | number[]> = {}, dtype: 'FLOAT' | 'INT64' = 'FLOAT'): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', dtype, shape);
  const ins = consts.map((values, i) => b.initializer(`c${i}`, 'INT64', [values.length], { data: values.map((v) => BigInt(v)) }));
  const [y] = b.node(op, [x, ...ins], { attrs });
  b.output(b.node('Relu', [y])[0]);
  return b;
}

/** A model that feeds a constant INT64 shape into `op` (ConstantOfShape, Range, …). */
function constModel(op: string, consts: (number | bigint)[][], attrs: Record<string, number> = {}, scalar = false): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  b.input('unused', 'FLOAT', [1]);
  const ins = consts.map((values, i) => b.initializer(`c${i}`, 'INT64', scalar ? [] : [values.length], { data: values.map((v) => BigInt(v)) }));
  const [y] = b.node(op, ins, { attrs });
  b.output(b.node('Relu', [y])[0]);
  return b;
}

export function numberCases(): HostileCase[] {
  const n = (id: string, title: string, build: () => ModelBuilder, codes: string[] = [], cli = true) => builderCase('numbers', id, title, report(...codes), build, { cli });
  const cases: HostileCase[] = [
    n('input-negative-dim', 'a graph input of shape [-5, 4]', () => opModel('Relu', [-5, 4], [])),
    n('input-dim-2^62', 'a graph input of shape [2^62, 4]', () => opModel('Relu', [P62, 4], [])),
    n('matmul-int64-overflow', 'MatMul on [2^62, 2^62, 16] × [16, 16]: MACs past 2^64', () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [P62, P62, 16]);
      const w = b.initializer('w', 'FLOAT', [16, 16]);
      b.output(b.node('MatMul', [x, w])[0]);
      return b;
    }),
    n('initializer-negative-dim', 'an initializer with dims [-1, 4]', () => tinyModel((b, x) => b.node('Add', [x, b.initializer('w', 'FLOAT', [-1, 4], { noData: true })])[0]), ['DIM_NEGATIVE']),
    n('initializer-int64-min-dim', 'an initializer dim of -2^63', () => minDim(), ['DIM_OUT_OF_RANGE']),
    n('initializer-dims-2^62', 'an initializer of [2^62, 2^62] (dims past 2^53) with no data', () => tinyModel((b, x) => b.node('Add', [x, b.initializer('w', 'FLOAT', [P62, P62], { noData: true })])[0]), ['DIM_OUT_OF_RANGE']),
    n('initializer-2^80', 'an initializer of [2^40, 2^40] (2^80 elements) with 16 bytes', () => tinyModel((b, x) => b.node('Add', [x, b.initializer('w', 'FLOAT', [2 ** 40, 2 ** 40], { rawBytes: new Uint8Array(16) })])[0]), ['ELEMENT_COUNT_OUT_OF_RANGE', 'TENSOR_DATA_SIZE_MISMATCH']),
    n('raw-too-short', 'FLOAT [1000, 1000] with 12 bytes of raw_data', () => tinyModel((b, x) => b.node('Add', [x, b.initializer('w', 'FLOAT', [1000, 1000], { rawBytes: new Uint8Array(12) })])[0]), ['TENSOR_DATA_SIZE_MISMATCH']),
    n('raw-too-long', 'FLOAT [4] with 1 MiB of raw_data', () => tinyModel((b, x) => b.node('Add', [x, b.initializer('w', 'FLOAT', [4], { rawBytes: new Uint8Array(1 << 20) })])[0]), ['TENSOR_DATA_SIZE_MISMATCH']),
    n('no-data', 'FLOAT [4, 4] initializer with no data at all', () => tinyModel((b, x) => b.node('MatMul', [x, b.initializer('w', 'FLOAT', [4, 4], { noData: true })])[0]), ['TENSOR_DATA_SIZE_MISMATCH']),
    n('shape-const-short', 'Reshape whose INT64 shape [2] holds 3 bytes', () =>
      tinyModel((b, x) => b.node('Reshape', [x, b.initializer('s', 'INT64', [2], { rawBytes: new Uint8Array(3) })])[0]),
      ['TENSOR_DATA_SIZE_MISMATCH'],
    ),
    n('string-1e9', 'a 1e9-element STRING initializer with 2 strings, read by Shape and Gather', () => {
      const b = new ModelBuilder({ opset: 17 });
      b.input('i', 'INT64', [1]);
      const s = b.initializer('s', 'STRING', [1e9], { data: ['a', 'b'] as unknown as string[] });
      const [shape] = b.node('Shape', [s]);
      const [g] = b.node('Gather', [s, 'i']);
      b.output(shape);
      b.output(g);
      return b;
    }),
    n('constant-string-1e9', 'a Constant holding a 1e9-element STRING tensor', () => {
      const b = new ModelBuilder({ opset: 17 });
      b.input('u', 'FLOAT', [1]);
      const [c] = b.node('Constant', [], { attrs: { value: b.tensor('STRING', [1e9], ['x'] as unknown as string[]) } });
      b.output(b.node('Identity', [c])[0]);
      return b;
    }),
    n('constant-of-shape-2^44', 'ConstantOfShape of [2^44]', () => constModel('ConstantOfShape', [[2 ** 44]])),
    n('constant-of-shape-2^124', 'ConstantOfShape of [2^62, 2^62]', () => constModel('ConstantOfShape', [[P62, P62]])),
    n('constant-of-shape-negative', 'ConstantOfShape of [-3, 4]', () => constModel('ConstantOfShape', [[-3, 4]])),
    n('range-2^60', 'Range(0, 2^60, 1)', () => constModel('Range', [[0], [2 ** 60], [1]], {}, true)),
    n('range-step-0', 'Range with step 0', () => constModel('Range', [[0], [10], [0]], {}, true)),
    n('expand-2^40', 'Expand to [2^40, 2^40]', () => opModel('Expand', [1, 1], [[2 ** 40, 2 ** 40]])),
    n('tile-2^40', 'Tile by [2^40, 2^40]', () => opModel('Tile', [2, 2], [[2 ** 40, 2 ** 40]])),
    n('reshape-two-minus-one', 'Reshape to [-1, -1]', () => opModel('Reshape', [4, 4], [[-1, -1]])),
    n('reshape-zero-mismatch', 'Reshape [4, 4] to [0, 0, 7]', () => opModel('Reshape', [4, 4], [[0, 0, 7]])),
    n('reshape-int64-max', 'Reshape to [INT64_MAX]', () => opModel('Reshape', [4, 4], [[(1n << 63n) - 1n]])),
    n('pad-2^62', 'Pad by 2^62 on each side', () => opModel('Pad', [2, 2], [[P62, P62, P62, P62]])),
    n('slice-int64-extremes', 'Slice with INT64 min/max starts and ends, step -1', () => opModel('Slice', [8, 8], [[(1n << 63n) - 1n], [-(1n << 63n)], [0], [-1]])),
    n('topk-2^62', 'TopK with k = 2^62', () => opModel('TopK', [8], [[P62]])),
    n('onehot-2^50', 'OneHot with depth 2^50', () => opModel('OneHot', [8], [[2 ** 50], [0, 1]], {}, 'INT64')),
    n('conv-kernel-huge', 'Conv with a [1, 1, 2^40, 2^40] kernel and strides 0', () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [1, 1, 8, 8]);
      const w = b.initializer('w', 'FLOAT', [1, 1, 2 ** 40, 2 ** 40], { noData: true });
      b.output(b.node('Conv', [x, w], { attrs: { strides: [0, 0], pads: [P62, 0, 0, -5], dilations: [2 ** 40, 0] } })[0]);
      return b;
    }),
    n('resize-scale-1e30', 'Resize with scales 1e30 and NaN', () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [1, 1, 4, 4]);
      const s = b.initializer('s', 'FLOAT', [4], { data: [1, 1, 1e30, Number.NaN] });
      b.output(b.node('Resize', [x, '', s])[0]);
      return b;
    }),
    n('axis-huge', 'Softmax/Concat/Gather with axis 2^62 and -2^62', () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [2, 3]);
      const [s] = b.node('Softmax', [x], { attrs: { axis: P62 } });
      const [c] = b.node('Concat', [s, x], { attrs: { axis: -P62 } });
      b.output(b.node('Flatten', [c], { attrs: { axis: P62 } })[0]);
      return b;
    }),
    bytesCase('numbers', 'unknown-dtypes', 'initializers and Casts of data types 0, 27, 999 and -1', report(), () => unknownDtypes(), { cli: true }),
    n('rank-10000', 'a graph input of rank 10,000', () => opModel('Relu', new Array<number>(10_000).fill(1), []), ['SHAPE_RANK_LIMIT']),
    // Fuzz seed 20261126 #70156: an encoder whose position-embedding initializer had 70,001 dims of 97;
    // its element count (a 139,000-digit number) took 17 s to multiply and print, in every plugin.
    n('rank-70000-of-97', 'an initializer of rank 70,000 (every dim 97) feeding Add', () =>
      tinyModel((b, x) => b.node('Add', [x, b.initializer('w', 'FLOAT', new Array<number>(70_000).fill(97), { noData: true })])[0]),
      ['SHAPE_RANK_LIMIT'],
    ),
    n('matmul-2^31', 'MatMul of [2^31, 2^31] × [2^31, 2^31] weights', () => {
      const b = new ModelBuilder({ opset: 17 });
      const x = b.input('x', 'FLOAT', [2 ** 31, 2 ** 31]);
      const w = b.initializer('w', 'FLOAT', [2 ** 31, 2 ** 31], { noData: true });
      b.output(b.node('MatMul', [x, w])[0]);
      return b;
    }),
  ];
  return cases;
}

function minDim(): ModelBuilder {
  const b = new ModelBuilder({ opset: 17 });
  const x = b.input('x', 'FLOAT', [4]);
  b.initializer('w', 'FLOAT', [-(2 ** 63), 4], { noData: true });
  b.output(b.node('Add', [x, 'w'])[0]);
  return b;
}

/** Initializers and Casts with data type codes onnx.proto does not define (raw writer: the builder refuses them). */
function unknownDtypes(): Uint8Array {
  const codes = [0, 27, 999, -1];
  return modelAround((g) => {
    let prev = 'x';
    codes.forEach((code, i) => {
      g.message(1, (n) => n.string(1, prev).string(2, `c${i}`).string(4, 'Cast').message(5, (a) => a.string(1, 'to').varint(3, code).varint(20, 2)));
      g.message(1, (n) => n.string(1, `c${i}`).string(1, `w${i}`).string(2, `a${i}`).string(4, 'Add'));
      prev = `a${i}`;
    });
    codes.forEach((code, i) => {
      g.message(5, (t) => t.varint(1, 4).varint(2, code).string(8, `w${i}`).bytes(9, new Uint8Array(16)));
    });
    g.message(11, (v) => v.string(1, 'x').message(2, (t) => t.message(1, (tt) => tt.varint(1, 1).message(2, (s) => s.message(1, (d) => d.varint(1, 4))))));
    g.message(12, (v) => v.string(1, prev));
  }).finish();
}
