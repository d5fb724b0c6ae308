/**
 * The symbolic corpus (../shared/corpus/symbolic/*.json) holds shapes of torch exports as expression
 * strings fitted to what ONNX Runtime produced, with the concrete shapes at two bindings. Every string
 * must parse and evaluate to the recorded dims.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { add, evaluate, format, mul, numel, parse, provablyEqual, slidingWindowOutput, sum, sym, type Dim } from './index.js';

const dir = fileURLToPath(new URL('../../../../shared/corpus/symbolic/', import.meta.url));
const hasCorpus = existsSync(dir);
if (!hasCorpus) console.warn(`corpus absent: ${dir} not found, symbolic corpus tests skipped`);

type Entry = number | string | null;
interface Tensor {
  shape?: Entry[] | null;
  concrete?: Entry[] | null;
  concreteAlt?: Entry[] | null;
  value?: Entry[] | null;
  concreteValue?: Entry[] | null;
}
interface ModelFile {
  binding: Record<string, number>;
  bindingAlt: Record<string, number>;
  fitBindings: Record<string, number>[];
  tensors: Record<string, Tensor>;
  macs: { total: number };
}

const files = hasCorpus ? readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json') : [];
const load = (f: string): ModelFile => JSON.parse(readFileSync(`${dir}${f}`, 'utf8'));

describe.skipIf(!hasCorpus)('symbolic corpus expressions', () => {
  it('has model files', () => expect(files.length).toBeGreaterThanOrEqual(6));

  it.each(files)('%s: every shape and value string parses and evaluates to the concrete dims', (f) => {
    const model = load(f);
    let checked = 0;
    const check = (exprs: Entry[] | null | undefined, concrete: Entry[] | null | undefined, binding: Record<string, number>) => {
      if (!exprs || !concrete) return;
      expect(concrete.length).toBe(exprs.length);
      exprs.forEach((e, i) => {
        if (typeof e !== 'string') return;
        const d = parse(e);
        expect(evaluate(d, binding), `${f}: ${e} at ${JSON.stringify(binding)}`).toBe(concrete[i]);
        expect(evaluate(parse(format(d)), binding)).toBe(concrete[i]);
        checked++;
      });
    };
    for (const t of Object.values(model.tensors)) {
      check(t.shape, t.concrete, model.binding);
      check(t.shape, t.concreteAlt, model.bindingAlt);
      check(t.value, t.concreteValue, model.binding);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('parses the expressions the corpus is known to contain', () => {
    expect(format(parse('sequence + past_sequence'))).toBe('past_sequence + sequence');
    expect(format(parse('floor((height + 1)/2)'))).toBe('floor((height + 1)/2)');
    expect(format(parse('floor((height - 1)/8)'))).toBe('floor((height - 1)/8)');
  });
});

describe.skipIf(!hasCorpus)('tiny_cnn_dynhw built with dims arithmetic', () => {
  // The model (corpus README): stem Conv k3 s2 p1 (weight [16,3,3,3]), MaxPool, depthwise k3 p1 and
  // pointwise convs that keep the size, then /down/Conv k3 s2 p0 (weight [32,16,3,3]), GAP, Gemm 32→10.
  // Sizes from macs.perNode at height 33: 33 → 17 → 9 → 9 → 4; a MaxPool k3 s2 p1 gives 17 → 9.
  const spatial = (size: Dim) => {
    const stem = slidingWindowOutput({ size, kernel: 3, stride: 2, padBegin: 1, padEnd: 1 });
    const pool = slidingWindowOutput({ size: stem, kernel: 3, stride: 2, padBegin: 1, padEnd: 1 });
    const down = slidingWindowOutput({ size: pool, kernel: 3, stride: 2 });
    return { stem, pool, down };
  };

  it('gives spatial dims provably equal to the fitted expressions and equal at every fit binding', () => {
    const model = load('tiny_cnn_dynhw.json');
    const h = spatial(sym('height'));
    const expected = {
      stem: model.tensors['/stem/stem.0/Conv_output_0'].shape?.[2],
      pool: model.tensors['/pool/MaxPool_output_0'].shape?.[2],
      down: model.tensors['/down/Conv_output_0'].shape?.[2],
    };
    for (const k of ['stem', 'pool', 'down'] as const) {
      const fitted = parse(String(expected[k]));
      expect(provablyEqual(h[k], fitted), `${k}: ${format(h[k])} vs ${expected[k]}`).toBe(true);
      for (const b of model.fitBindings) expect(evaluate(h[k], b)).toBe(evaluate(fitted, b));
    }
    // The rules' own forms: stacked floors collapse (see floor.test.ts).
    expect(format(h.pool)).toBe('floor((height - 1)/4) + 1');
    expect(format(h.down)).toBe('floor((height - 1)/8)');
  });

  it('totals the MACs symbolically and matches the corpus at its binding', () => {
    const model = load('tiny_cnn_dynhw.json');
    const batch = sym('batch');
    const H = spatial(sym('height'));
    const W = spatial(sym('width'));
    // MACs = |Y| × C_in/group × kernel (corpus README); Gemm = |Y| × K.
    const macs = sum([
      mul(numel([batch, 16, H.stem, W.stem]), 3 * 3 * 3), // stem conv, weight [16,3,3,3]
      mul(numel([batch, 16, H.pool, W.pool]), 1 * 3 * 3), // depthwise, weight [16,1,3,3]
      mul(numel([batch, 16, H.pool, W.pool]), 16), // pointwise, weight [16,16,1,1]
      mul(numel([batch, 32, H.down, W.down]), 16 * 3 * 3), // down, weight [32,16,3,3]
      mul(numel([batch, 10]), 32), // fc Gemm [2,32]×[32,10]
    ]);
    expect(evaluate(macs, model.binding)).toBe(model.macs.total);
    expect(evaluate(add(macs, 0), { batch: 2, height: 33, width: 47 })).toBe(model.macs.total);
  });
});
