import { definePlugin, type Diagnostic, type Graph, Stage, tensorType } from '@autodoc/core';
import { AnalysisTester, ModelBuilder } from '@autodoc/core/testing';
import { describe, expect, it } from 'vitest';
import risks from './index.js';
import type { RisksOptions } from './options.js';

// Each rule on a model that has the risk and one that nearly does.

async function diagnostics(b: ModelBuilder, options: Partial<RisksOptions> = {}, extra: unknown[] = [], bindings: Record<string, number> = {}): Promise<Diagnostic[]> {
  const result = await new AnalysisTester({ plugins: [...(extra as never[]), [risks, options]] }).analyze(b, { bindings });
  return result.report.diagnostics.filter((d) => d.plugin === 'autodoc:risks') as Diagnostic[];
}
const codesOf = (list: Diagnostic[]) => list.map((d) => d.code);

/** Stands in for the Shapes stage: writes the given shapes onto values by name. */
function fakeShapes(shapes: Record<string, number[]>) {
  return definePlugin({
    name: 'test:shapes',
    setup: () => ({
      apply(host) {
        host.hooks.analyze.tapPromise({ name: 'test:shapes', stage: Stage.Shapes }, async (ctx) => {
          const g: Graph = ctx.graph;
          for (const [name, shape] of Object.entries(shapes)) {
            const v = g.values.get(name);
            if (v) v.type = tensorType('FLOAT', shape);
          }
        });
      },
    }),
  });
}

function linear(b: ModelBuilder, x: string, i: number, size = 8): string {
  return b.node('MatMul', [x, b.initializer(`w${i}`, 'FLOAT', [size, size])], { name: `mm${i}` })[0];
}

describe('RISK_DEEP_WITHOUT_SKIP', () => {
  const net = (skips: boolean) => {
    const b = new ModelBuilder({ opset: 17 });
    let x = b.input('x', 'FLOAT', [1, 8]);
    for (let i = 0; i < 6; i += 2) {
      const h = linear(b, b.node('Relu', [linear(b, x, i)])[0], i + 1);
      x = skips ? b.node('Add', [h, x])[0] : h;
    }
    b.output(x, 'FLOAT', [1, 8]);
    return b;
  };
  it('flags 6 stacked MatMuls over a limit of 3', async () => {
    const d = await diagnostics(net(false), { maxDepthWithoutSkip: 3 });
    expect(d.find((x) => x.code === 'RISK_DEEP_WITHOUT_SKIP')?.message).toContain('6 weighted layers');
  });
  it('a chain exactly as deep as the limit passes; one layer more is flagged', async () => {
    expect(codesOf(await diagnostics(net(false), { maxDepthWithoutSkip: 6 }))).not.toContain('RISK_DEEP_WITHOUT_SKIP');
    const d = await diagnostics(net(false), { maxDepthWithoutSkip: 5 });
    expect(d.find((x) => x.code === 'RISK_DEEP_WITHOUT_SKIP')?.message).toContain('6 weighted layers');
  });
  it('residual adds every 2 layers keep the chain short', async () => {
    expect(codesOf(await diagnostics(net(true), { maxDepthWithoutSkip: 3 }))).not.toContain('RISK_DEEP_WITHOUT_SKIP');
  });
});

describe('RISK_OVERSIZED_DENSE', () => {
  const model = (big: number) => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', [1, big]);
    const h = b.node('MatMul', [x, b.initializer('fc1', 'FLOAT', [big, 100])])[0];
    b.output(b.node('MatMul', [h, b.initializer('fc2', 'FLOAT', [100, 100])])[0], 'FLOAT', [1, 100]);
    return b;
  };
  it('flags a weight with 90% of the parameters (90,000 of 100,000)', async () => {
    const d = (await diagnostics(model(900), { denseMinParams: 0 })).filter((x) => x.code === 'RISK_OVERSIZED_DENSE');
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('(90.0%)');
  });
  it('equal halves stay under a 0.6 threshold', async () => {
    expect(codesOf(await diagnostics(model(100), { denseMinParams: 0, denseShareThreshold: 0.6 }))).not.toContain('RISK_OVERSIZED_DENSE');
  });
});

describe('dynamic dims', () => {
  const model = (dims: (string | number | null)[]) => {
    const b = new ModelBuilder({ opset: 17 });
    b.output(b.node('Relu', [b.input('x', 'FLOAT', dims)])[0]);
    return b;
  };
  it('RISK_DYNAMIC_DIM_UNBOUNDED for an unbound named dim, not once bound', async () => {
    expect(codesOf(await diagnostics(model(['batch', 3])))).toContain('RISK_DYNAMIC_DIM_UNBOUNDED');
    expect(codesOf(await diagnostics(model(['batch', 3]), {}, [], { batch: 1 }))).not.toContain('RISK_DYNAMIC_DIM_UNBOUNDED');
  });
  it('RISK_DYNAMIC_DIM_UNNAMED for a dim with neither value nor name, not for fixed dims', async () => {
    const d = await diagnostics(model([null, 3]));
    expect(d.find((x) => x.code === 'RISK_DYNAMIC_DIM_UNNAMED')?.message).toContain('axis 0');
    expect(codesOf(await diagnostics(model([1, 3])))).not.toContain('RISK_DYNAMIC_DIM_UNNAMED');
  });
});

describe('non-standard residuals', () => {
  const residual = (merge: 'Add' | 'Concat') => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', [1, 8]);
    const h = b.node('MatMul', [b.node('Relu', [x])[0], b.initializer('w', 'FLOAT', [8, 8])], { outputs: ['h'] })[0];
    b.output(b.node(merge, [h, x], { name: 'merge', ...(merge === 'Concat' ? { attrs: { axis: 1 } } : {}) })[0]);
    return b;
  };
  it('RISK_RESIDUAL_SHAPE_MISMATCH when the shortcut broadcasts, not when shapes match', async () => {
    const mismatch = await diagnostics(residual('Add'), {}, [fakeShapes({ x: [1, 1], h: [1, 8] })]);
    expect(mismatch.find((d) => d.code === 'RISK_RESIDUAL_SHAPE_MISMATCH')?.message).toBe('Residual merge adds shortcut [1, 1] to branch [1, 8].');
    expect(codesOf(await diagnostics(residual('Add'), {}, [fakeShapes({ x: [1, 8], h: [1, 8] })]))).not.toContain('RISK_RESIDUAL_SHAPE_MISMATCH');
  });
  it('RISK_CONCAT_RESIDUAL for Concat(x, f(x)), not for a residual Add', async () => {
    expect(codesOf(await diagnostics(residual('Concat')))).toContain('RISK_CONCAT_RESIDUAL');
    expect(codesOf(await diagnostics(residual('Add')))).not.toContain('RISK_CONCAT_RESIDUAL');
  });
});

describe('RISK_OP_UNSUPPORTED', () => {
  const model = (opset: number, op: string, extra: Record<string, number> = {}) => {
    const b = new ModelBuilder({ opset, opsetImports: extra });
    const x = b.input('x', 'FLOAT', [4]);
    if (op === 'Where') b.output(b.node('Where', [b.input('c', 'BOOL', [4]), x, x])[0]);
    else b.output(b.node(op, [x], op === 'FusedGemm' ? { domain: 'com.microsoft' } : {})[0]);
    return b;
  };
  it('TensorRT: Unique is marked N in the ONNX-TensorRT matrix; Relu is fine', async () => {
    const d = await diagnostics(model(13, 'Unique'), { runtimes: ['tensorrt'] });
    expect(d.find((x) => x.code === 'RISK_OP_UNSUPPORTED')?.message).toMatch(/^TensorRT: Unique \(1 node, first Unique_0\)/);
    expect(codesOf(await diagnostics(model(13, 'Relu'), { runtimes: ['tensorrt'] }))).not.toContain('RISK_OP_UNSUPPORTED');
  });
  it('TFLite via onnx-tensorflow: Where is unsupported at opset 16, fine at 13', async () => {
    expect(codesOf(await diagnostics(model(16, 'Where'), { runtimes: ['tflite'] }))).toContain('RISK_OP_UNSUPPORTED');
    expect(codesOf(await diagnostics(model(13, 'Where'), { runtimes: ['tflite'] }))).not.toContain('RISK_OP_UNSUPPORTED');
  });
  it('CoreML EP: Softsign is not listed; ORT Mobile: a com.microsoft op outside its config', async () => {
    expect(codesOf(await diagnostics(model(13, 'Softsign'), { runtimes: ['coreml'] }))).toContain('RISK_OP_UNSUPPORTED');
    expect(codesOf(await diagnostics(model(13, 'Sigmoid'), { runtimes: ['coreml'] }))).not.toContain('RISK_OP_UNSUPPORTED');
    const d = await diagnostics(model(13, 'FusedGemm', { 'com.microsoft': 1 }), { runtimes: ['ort-mobile'] });
    expect(codesOf(d)).not.toContain('RISK_OP_UNSUPPORTED'); // FusedGemm is in the mobile config
    expect(codesOf(await diagnostics(model(13, 'Softsign'), { runtimes: ['ort-mobile'] }))).toContain('RISK_OP_UNSUPPORTED');
  });
});

describe('RISK_FP16_OVERFLOW', () => {
  const exp = (shifted: boolean, dtype: 'FLOAT' | 'FLOAT16' = 'FLOAT') => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', dtype, [4, 8]);
    const arg = shifted ? b.node('Sub', [x, b.node('ReduceMax', [x], { attrs: { axes: [-1], keepdims: 1 } })[0]])[0] : x;
    b.output(b.node('Exp', [arg], { name: 'exp' })[0]);
    return b;
  };
  it('flags Exp without max subtraction: info for an fp32 model, warning for an fp16 one', async () => {
    expect((await diagnostics(exp(false))).find((d) => d.code === 'RISK_FP16_OVERFLOW')?.severity).toBe('info');
    expect((await diagnostics(exp(false, 'FLOAT16'))).find((d) => d.code === 'RISK_FP16_OVERFLOW')?.severity).toBe('warning');
  });
  it('Exp(x − max(x)) is safe', async () => {
    expect(codesOf(await diagnostics(exp(true)))).not.toContain('RISK_FP16_OVERFLOW');
  });
  it('flags a ReduceSum over 65,536 elements (shapes known), not one over 64', async () => {
    const model = (n: number) => {
      const b = new ModelBuilder({ opset: 17 });
      b.output(b.node('ReduceSum', [b.input('x', 'FLOAT', [n, n])], { attrs: { keepdims: 0 } })[0]);
      return b;
    };
    // No axes: every axis is reduced, 256 × 256 = 65,536 elements.
    expect(codesOf(await diagnostics(model(256), {}, [fakeShapes({ x: [256, 256] })]))).toContain('RISK_FP16_OVERFLOW');
    expect(codesOf(await diagnostics(model(8), {}, [fakeShapes({ x: [8, 8] })]))).not.toContain('RISK_FP16_OVERFLOW');
  });
});

describe('RISK_HUGE_CONSTANT', () => {
  const model = (elements: number) => {
    const b = new ModelBuilder({ opset: 17 });
    const c = b.node('Constant', [], { name: 'big', attrs: { value: b.tensor('FLOAT', [elements]) } })[0];
    b.output(b.node('Add', [b.input('x', 'FLOAT', [elements]), c])[0]);
    return b;
  };
  it('flags a 1.1 MiB Constant node (300,000 floats = 1,200,000 bytes ≥ 1 MiB), not a 4 KB one', async () => {
    expect((await diagnostics(model(300_000))).find((d) => d.code === 'RISK_HUGE_CONSTANT')?.message).toBe('Constant big holds 1.1 MiB ([300000]) inside the graph.');
    expect(codesOf(await diagnostics(model(1000)))).not.toContain('RISK_HUGE_CONSTANT');
  });
  it('flags an initializer over hugeInitializerBytes', async () => {
    const b = new ModelBuilder({ opset: 17 });
    b.output(b.node('MatMul', [b.input('x', 'FLOAT', [1, 100]), b.initializer('w', 'FLOAT', [100, 100])])[0]);
    expect(codesOf(await diagnostics(b, { hugeInitializerBytes: 40_000 }))).toContain('RISK_HUGE_CONSTANT');
    expect(codesOf(await diagnostics(b, { hugeInitializerBytes: 40_001 }))).not.toContain('RISK_HUGE_CONSTANT');
  });
});

describe('unused initializers and outputs', () => {
  const model = (dead: boolean) => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', [4]);
    if (dead) {
      b.initializer('orphan', 'FLOAT', [10]);
      b.node('Sigmoid', [x], { name: 'dead' });
    }
    b.output(b.node('Relu', [x])[0]);
    return b;
  };
  it('reports the unused initializer (40 bytes) and the dead node', async () => {
    const d = await diagnostics(model(true));
    expect(d.find((x) => x.code === 'RISK_UNUSED_INITIALIZER')?.message).toBe('1 initializer(s) (40 bytes) are never used: orphan.');
    expect(d.find((x) => x.code === 'RISK_UNUSED_OUTPUT')?.node?.name).toBe('dead');
  });
  it('reports nothing for a clean graph', async () => {
    const codes = codesOf(await diagnostics(model(false)));
    expect(codes).not.toContain('RISK_UNUSED_INITIALIZER');
    expect(codes).not.toContain('RISK_UNUSED_OUTPUT');
  });
  it('counts an initializer read only inside an If branch (by name from the body) as used', async () => {
    const b = new ModelBuilder({ opset: 17 });
    const x = b.input('x', 'FLOAT', [4]);
    const cond = b.input('c', 'BOOL', []);
    b.initializer('bias', 'FLOAT', [4]);
    const branch = (op: string) =>
      b.subgraph((g) => {
        g.node(op, ['x', 'bias'], { outputs: [`${op}_out`] });
        g.output(`${op}_out`, 'FLOAT', [4]);
      });
    const [y] = b.node('If', [cond], { attrs: { then_branch: branch('Add'), else_branch: branch('Sub') }, outputs: ['y'] });
    b.output(y);
    void x;
    const codes = codesOf(await diagnostics(b));
    expect(codes).not.toContain('RISK_UNUSED_INITIALIZER');
    expect(codes).not.toContain('RISK_UNUSED_OUTPUT');
  });
});

describe('opset range and severity overrides', () => {
  const model = (opset: number) => {
    const b = new ModelBuilder({ opset });
    b.output(b.node('Relu', [b.input('x', 'FLOAT', [4])])[0]);
    return b;
  };
  it('RISK_OPSET_TOO_OLD below minOpset, RISK_OPSET_TOO_NEW above maxOpset, neither in range', async () => {
    expect(codesOf(await diagnostics(model(9)))).toContain('RISK_OPSET_TOO_OLD');
    expect(codesOf(await diagnostics(model(23)))).toContain('RISK_OPSET_TOO_NEW');
    const ok = codesOf(await diagnostics(model(17)));
    expect(ok).not.toContain('RISK_OPSET_TOO_OLD');
    expect(ok).not.toContain('RISK_OPSET_TOO_NEW');
  });
  it('a severity override promotes a code to error (for --fail-on error) or turns it off', async () => {
    expect((await diagnostics(model(9), { severity: { RISK_OPSET_TOO_OLD: 'error' } })).find((d) => d.code === 'RISK_OPSET_TOO_OLD')?.severity).toBe('error');
    expect(codesOf(await diagnostics(model(9), { severity: { RISK_OPSET_TOO_OLD: 'off' } }))).not.toContain('RISK_OPSET_TOO_OLD');
  });
});
