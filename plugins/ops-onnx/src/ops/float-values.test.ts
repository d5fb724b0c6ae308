/**
 * Contents of tiny float tensors through the elementwise ops, Cast and Range (OpTester), worked by
 * hand from the ONNX spec: Range's function body computes its trip count as
 * `Cast<INT64>(Relu(Ceil(Cast<FLOAT>(limit − start) / Cast<FLOAT>(delta))))`, Cast from float to an
 * integer type truncates toward zero.
 */
import { dims, type Dim, type OpDefinition } from '@autodoc/core';
import { OpTester, type TesterInput } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import { generalOps } from './index-general.js';
import { tensorOps } from './index-tensor.js';

const byType = new Map<string, OpDefinition>([...generalOps, ...tensorOps].map((d) => [d.opType, d]));
/** Output 0's contents (formatted) of `opType` at `opset`, or undefined when not known. */
function contentsOf(opType: string, inputs: TesterInput[], attrs: Record<string, unknown> = {}, opset = 21): (number | string)[] | undefined {
  const out = new OpTester(byType.get(opType)!).run(inputs, attrs, opset).outputs[0];
  return out?.value?.map((d: Dim) => (typeof d === 'number' ? d : dims.format(d)));
}
const f32 = (v: number) => ({ dtype: 'FLOAT', shape: [], value: [v] });
const vec = (dtype: string, v: (number | string)[]) => ({ dtype, shape: [v.length], value: v });

describe("Range's function body on float scalars", () => {
  it('start 1, limit 5, delta 2: (5 − 1) / 2 = 2 → Ceil 2 → Relu 2 → INT64 2 → BOOL 1', () => {
    const sub = contentsOf('Sub', [f32(5), f32(1)]);
    expect(sub).toEqual([4]);
    const div = contentsOf('Div', [f32(4), f32(2)]);
    expect(div).toEqual([2]);
    expect(contentsOf('Ceil', [f32(2)])).toEqual([2]);
    expect(contentsOf('Relu', [f32(2)])).toEqual([2]);
    expect(contentsOf('Cast', [f32(2)], { to: 7 })).toEqual([2]);
    expect(contentsOf('Cast', [{ dtype: 'INT64', shape: [], value: [2] }], { to: 9 })).toEqual([1]);
  });
  it('int32 negative delta 10 → 4 step −3: Sub in INT32 = −6, Cast FLOAT, ÷ −3 = 2', () => {
    expect(contentsOf('Sub', [{ dtype: 'INT32', shape: [], value: [4] }, { dtype: 'INT32', shape: [], value: [10] }])).toEqual([-6]);
    expect(contentsOf('Cast', [{ dtype: 'INT32', shape: [], value: [-6] }], { to: 1 })).toEqual([-6]);
    expect(contentsOf('Div', [f32(-6), f32(-3)])).toEqual([2]);
  });
  it('an empty range: Ceil((1 − 5) / 1) = −4, Relu → 0', () => {
    expect(contentsOf('Relu', [f32(-4)])).toEqual([0]);
  });
  it('FLOAT arithmetic rounds like the runtime: 2^24 + 1 = 2^24 (FLOAT), 2048 + 1 = 2048 (FLOAT16, tie to even)', () => {
    expect(contentsOf('Add', [f32(16777216), f32(1)])).toEqual([16777216]);
    expect(contentsOf('Add', [{ dtype: 'FLOAT16', shape: [], value: [2048] }, { dtype: 'FLOAT16', shape: [], value: [1] }])).toEqual([2048]);
    // The same sum in DOUBLE is exact.
    expect(contentsOf('Add', [{ dtype: 'DOUBLE', shape: [], value: [16777216] }, { dtype: 'DOUBLE', shape: [], value: [1] }])).toEqual([16777217]);
  });
  it('Where selects float elements by a BOOL condition', () => {
    expect(contentsOf('Where', [vec('BOOL', [1, 0]), vec('FLOAT', [1.5, 2.5]), vec('FLOAT', [3.5, 4.5])], {}, 16)).toEqual([1.5, 4.5]);
  });
  it('float contents are followed only for tiny tensors (≤ 64 elements), never with unknown or symbolic elements', () => {
    const ones = (k: number) => ({ dtype: 'FLOAT', shape: [k], value: Array.from({ length: k }, () => 1) });
    expect(contentsOf('Add', [ones(64), f32(1)])).toHaveLength(64);
    expect(contentsOf('Add', [ones(65), f32(1)])).toBeUndefined();
    expect(contentsOf('Add', [f32(1), { dtype: 'FLOAT', shape: [] }])).toBeUndefined();
    expect(contentsOf('Mul', [vec('FLOAT', ['seq']), f32(0.5)])).toBeUndefined();
  });
});

describe('Cast contents', () => {
  it('float → integer truncates toward zero: [2.7, −2.7, −0.5] → [2, −2, 0]', () => {
    expect(contentsOf('Cast', [vec('DOUBLE', [2.7, -2.7, -0.5])], { to: 7 })).toEqual([2, -2, 0]);
  });
  it('a number outside a narrower integer type is unknown (UINT8 300); INT8 −128 fits; INT64 keeps INT64_MAX', () => {
    expect(contentsOf('Cast', [vec('INT64', [300])], { to: 2 })).toBeUndefined();
    expect(contentsOf('Cast', [vec('INT64', [-128])], { to: 3 })).toEqual([-128]);
    expect(contentsOf('Cast', [vec('INT64', [2 ** 63])], { to: 7 })).toEqual([2 ** 63]);
  });
  it('to a float type rounds to its format: DOUBLE 0.1 → FLOAT 13421773·2^-27; 2049 → FLOAT16 2048; FLOAT8 unknown', () => {
    expect(contentsOf('Cast', [vec('DOUBLE', [0.1])], { to: 1 })).toEqual([13421773 * 2 ** -27]);
    expect(contentsOf('Cast', [vec('INT64', [2049])], { to: 10 })).toEqual([2048]);
    expect(contentsOf('Cast', [vec('INT64', [1])], { to: 17 })).toBeUndefined();
  });
  it('a symbolic dim survives INT64 → FLOAT → INT64 (Shape-derived arithmetic), not → FLOAT16', () => {
    expect(contentsOf('Cast', [vec('FLOAT', ['seq'])], { to: 7 })).toEqual(['seq']);
    expect(contentsOf('Cast', [vec('INT64', ['seq'])], { to: 1 })).toEqual(['seq']);
    expect(contentsOf('Cast', [vec('INT64', ['seq'])], { to: 10 })).toBeUndefined();
  });
});

describe('Range on floats', () => {
  const r = (dtype: string, start: number, limit: number, delta: number) =>
    new OpTester(byType.get('Range')!).run([start, limit, delta].map((v) => ({ dtype, shape: [], value: [v] })), {}, 11).outputs[0];
  it('0 to 2 by 0.5 (all exact in FLOAT): 4 elements [0, 0.5, 1, 1.5]', () => {
    const out = r('FLOAT', 0, 2, 0.5);
    expect(out?.kind === 'tensor' ? out.shape : undefined).toEqual([4]);
    expect(out?.value).toEqual([0, 0.5, 1, 1.5]);
  });
  it('0 to 1 by 0.1: ceil(1 / 0.1) = 10 elements; 0.1 is not a FLOAT, so the contents stay unknown', () => {
    const out = r('FLOAT', 0, 1, 0.1);
    expect(out?.kind === 'tensor' ? out.shape : undefined).toEqual([10]);
    expect(out?.value).toBeUndefined();
  });
  it('FLOAT16 elements beyond 2048 are not exact: contents unknown, count known (2046 to 2050 by 1 → 4 elements, the last 2049)', () => {
    const out = r('FLOAT16', 2046, 2050, 1);
    expect(out?.kind === 'tensor' ? out.shape : undefined).toEqual([4]);
    expect(out?.value).toBeUndefined(); // 2049 is not a FLOAT16
  });
});
