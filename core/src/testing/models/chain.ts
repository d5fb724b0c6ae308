import { ModelBuilder } from '../model-builder.js';

/** Ops of {@link chain} that take the running value and the constant `c`; all others are unary. */
const BINARY = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'PRelu']);

/** Options of {@link chain}. */
export interface ChainOptions {
  /** Width w of the values (default 16). */
  width?: number;
  /** ai.onnx opset (default 17). */
  opset?: number;
}

/**
 * A synthetic chain of `n` nodes for benchmarks. Input `x` FLOAT `[batch, w]`, one initializer `c`
 * FLOAT `[w]` (seeded pseudo-random), node k (0-based) is `ops[k % ops.length]` named `n<k>` with
 * inputs `[t<k−1>, c]` for binary ops (Add, Sub, Mul, Div, Pow, Max, Min, PRelu) or `[t<k−1>]` for the
 * others (`t<−1>` is `x`), output `t<k>`; the last output is named `y` and is the graph output
 * FLOAT `[batch, w]`. With n = 0 the graph is a single `Identity` from `x` to `y`.
 *
 * Nodes are encoded straight into the graph's byte buffer as they are added (no node objects), so
 * n = 1,000,000 builds in about a second and tens of megabytes.
 */
export function chain(n: number, ops: readonly string[] = ['Add', 'Mul', 'Relu'], options: ChainOptions = {}): ModelBuilder {
  const w = options.width ?? 16;
  const b = new ModelBuilder({ opset: options.opset ?? 17, docString: `chain of ${n}` });
  b.input('x', 'FLOAT', ['batch', w]);
  b.initializer('c', 'FLOAT', [w], { seed: 1 });
  const binary = ops.map((op) => BINARY.has(op));
  const unaryIn = ['x'];
  const binaryIn = ['x', 'c'];
  const out = [''];
  const opts = { name: '', outputs: out };
  for (let k = 0; k < n; k++) {
    const prev = k === 0 ? 'x' : `t${k - 1}`;
    const j = k % ops.length;
    const inputs = binary[j] ? binaryIn : unaryIn;
    inputs[0] = prev;
    out[0] = k === n - 1 ? 'y' : `t${k}`;
    opts.name = `n${k}`;
    b.node(ops[j], inputs, opts);
  }
  if (n === 0) b.node('Identity', ['x'], { name: 'n0', outputs: ['y'] });
  b.output('y', 'FLOAT', ['batch', w]);
  return b;
}
