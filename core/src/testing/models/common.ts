/**
 * Helpers shared by the canned models: PyTorch-style node naming, shared constants, layers.
 */
import type { GraphBuilder } from '../model-builder-graph.js';
import type { TensorOptions } from '../model-builder-tensor.js';

/**
 * Names nodes the way the PyTorch exporter does inside one module scope: the first `MatMul` is
 * `<scope>/MatMul`, the next `<scope>/MatMul_1`, and so on.
 */
export class Namer {
  private readonly counts = new Map<string, number>();
  constructor(readonly scope: string) {}

  /** The next node name for `opType` in this scope. */
  name(opType: string): string {
    const n = this.counts.get(opType) ?? 0;
    this.counts.set(opType, n + 1);
    return n === 0 ? `${this.scope}/${opType}` : `${this.scope}/${opType}_${n}`;
  }
}

/** Small constant tensors, one initializer per distinct value, named after their contents. */
export class ConstPool {
  private readonly made = new Set<string>();
  constructor(private readonly b: GraphBuilder) {}

  private add(name: string, make: () => void): string {
    if (!this.made.has(name)) {
      this.made.add(name);
      make();
    }
    return name;
  }

  /** An INT64 scalar (`scalar`) or 1-D tensor. */
  i64(values: readonly number[], scalar = false): string {
    const name = `const_i64_${scalar ? 's' : ''}${values.join('_')}`;
    return this.add(name, () =>
      this.b.initializer(name, 'INT64', scalar ? [] : [values.length], { data: values.map((v) => BigInt(v)) }),
    );
  }

  /** A FLOAT scalar. */
  f32(value: number): string {
    const name = `const_f32_${value}`;
    return this.add(name, () => this.b.initializer(name, 'FLOAT', [], { data: [value] }));
  }
}

/** Weight contents: zeros by default (streamed), seeded pseudo-random when a seed is given. */
export function weightOptions(seed: number | undefined, salt: number): TensorOptions {
  return seed === undefined ? {} : { seed: seed * 1000 + salt };
}

/** Context for layer helpers. */
export interface LayerContext {
  b: GraphBuilder;
  c: ConstPool;
  opset: number;
  seed?: number;
  /** Counter to vary seeds between weights. */
  salt: { n: number };
}

/** A float weight initializer (zeros or seeded). */
export function weight(ctx: LayerContext, name: string, dims: number[]): string {
  return ctx.b.initializer(name, 'FLOAT', dims, weightOptions(ctx.seed, ctx.salt.n++));
}

/** A LayerNorm scale (ones) or bias (zeros) — real values, so a seeded model stays well-behaved. */
export function normParam(ctx: LayerContext, name: string, size: number, value: 0 | 1): string {
  return ctx.b.initializer(name, 'FLOAT', [size], value === 0 ? {} : { data: new Float32Array(size).fill(1) });
}

/**
 * LayerNorm over the last axis with parameters `<param>.weight`/`<param>.bias`: one
 * LayerNormalization node at opset ≥ 17 (`<scope>/LayerNormalization`), else PyTorch's 9-node
 * decomposition ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add.
 */
export function layerNorm(ctx: LayerContext, x: string, scope: string, param: string, hidden: number, eps: number, output?: string): string {
  const { b, c } = ctx;
  const gamma = normParam(ctx, `${param}.weight`, hidden, 1);
  const beta = normParam(ctx, `${param}.bias`, hidden, 0);
  const n = new Namer(scope);
  const outputs = output === undefined ? undefined : [output];
  if (ctx.opset >= 17) {
    return b.node('LayerNormalization', [x, gamma, beta], { name: n.name('LayerNormalization'), attrs: { axis: -1, epsilon: { float: eps } }, outputs })[0];
  }
  const [mean] = b.node('ReduceMean', [x], { name: n.name('ReduceMean'), attrs: { axes: [-1], keepdims: 1 } });
  const [d] = b.node('Sub', [x, mean], { name: n.name('Sub') });
  const [sq] = b.node('Pow', [d, c.f32(2)], { name: n.name('Pow') });
  const [v] = b.node('ReduceMean', [sq], { name: n.name('ReduceMean'), attrs: { axes: [-1], keepdims: 1 } });
  const [ve] = b.node('Add', [v, c.f32(eps)], { name: n.name('Add') });
  const [sd] = b.node('Sqrt', [ve], { name: n.name('Sqrt') });
  const [xn] = b.node('Div', [d, sd], { name: n.name('Div') });
  const [sc] = b.node('Mul', [xn, gamma], { name: n.name('Mul') });
  return b.node('Add', [sc, beta], { name: n.name('Add'), outputs })[0];
}

/** `x @ W + b` as MatMul + Add named `<scope>/MatMul`, `<scope>/Add`; W is `[in, out]`. */
export function linear(ctx: LayerContext, x: string, scope: string, param: string, inDim: number, outDim: number): string {
  const w = weight(ctx, `${param}.weight`, [inDim, outDim]);
  const bias = weight(ctx, `${param}.bias`, [outDim]);
  const [m] = ctx.b.node('MatMul', [x, w], { name: `${scope}/MatMul` });
  return ctx.b.node('Add', [m, bias], { name: `${scope}/Add` })[0];
}
