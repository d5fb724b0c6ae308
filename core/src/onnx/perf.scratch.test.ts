import { open, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { ModelBuilder } from '../testing/model-builder.js';
import { readModel } from './read-model.js';

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 128) { out.push((n % 128) | 0x80); n = Math.floor(n / 128); }
  out.push(n);
  return out;
}
function tag(f: number, w: number) { return varint(f * 8 + w); }
function str(f: number, s: string) { const b = [...Buffer.from(s)]; return [...tag(f, 2), ...varint(b.length), ...b]; }

it('perf: fake gpt2-medium 1.6 GB sparse', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'onnx-perf-'));
  const file = path.join(dir, 'gpt2m.onnx');
  // Layout: tensors (header + hole) in the graph; a few thousand nodes first.
  const nodes: number[][] = [];
  for (let i = 0; i < 3000; i++) {
    const body = [...str(1, `/h.${i}/in_${i}`), ...str(1, `h.${i}.weight`), ...str(2, `/h.${i}/out_${i}`), ...str(3, `/h.${i}/MatMul_${i}`), ...str(4, 'MatMul')];
    nodes.push([...tag(1, 2), ...varint(body.length), ...body]);
  }
  const tensors: { head: number[]; hole: number }[] = [];
  let total = 0;
  for (let i = 0; total < 1.6e9; i++) {
    const dims = i % 4 === 0 ? [4096, 1024] : i % 4 === 1 ? [1024, 1024] : i % 4 === 2 ? [1024, 3072] : [1024];
    const bytes = dims.reduce((a, b) => a * b, 1) * 4;
    const pre = [...dims.flatMap((d) => [...tag(1, 0), ...varint(d)]), ...tag(2, 0), 1, ...str(8, `h.${i}.weight`), ...tag(9, 2), ...varint(bytes)];
    const tlen = pre.length + bytes;
    tensors.push({ head: [...tag(5, 2), ...varint(tlen), ...pre], hole: bytes });
    total += bytes;
  }
  const nodeBytes = nodes.reduce((a, n) => a + n.length, 0);
  const graphLen = nodeBytes + tensors.reduce((a, t) => a + t.head.length + t.hole, 0);
  const modelHead = [...tag(1, 0), 8, ...tag(8, 2), 2, ...tag(2, 0), 17, ...tag(7, 2), ...varint(graphLen)];
  const fh = await open(file, 'w');
  let pos = 0;
  const w = async (b: number[]) => { await fh.write(Buffer.from(b), 0, b.length, pos); pos += b.length; };
  await w(modelHead);
  await w(nodes.flat());
  for (const t of tensors) { await w(t.head); pos += t.hole; }
  await fh.truncate(pos);
  await fh.close();
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const m = await readModel(file);
    console.log(`gpt2m-like ${(pos / 1e9).toFixed(2)} GB, ${m.graph.initializers.length} inits, ${m.graph.nodes.length} nodes: ${(performance.now() - t0).toFixed(1)} ms`);
  }
  await rm(dir, { recursive: true });
}, 120_000);

it('perf: 1M-node chain', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'onnx-perf-'));
  const file = path.join(dir, 'chain.onnx');
  const b = new ModelBuilder({ opset: 17 });
  let x = b.input('x', 'FLOAT', ['batch', 16]);
  for (let i = 0; i < 1_000_000; i++) [x] = b.node(i % 2 ? 'Relu' : 'Sigmoid', [x]);
  b.output(x, 'FLOAT', ['batch', 16]);
  await b.write(file);
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const m = await readModel(file);
    console.log(`chain ${m.fileBytes} bytes, ${m.graph.nodes.length} nodes: ${(performance.now() - t0).toFixed(1)} ms`);
  }
  await rm(dir, { recursive: true });
}, 120_000);
