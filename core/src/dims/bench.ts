/**
 * Microbenchmark (not a test): the number fast path of add/mul against plain arithmetic, and a
 * symbolic cost sum. Run after a build: `node core/dist/dims/bench.js`.
 */
import { pathToFileURL } from 'node:url';
import { add, mul, sum, sym } from './arith.js';
import { format } from './format.js';
import type { Dim } from './expr.js';

function time(label: string, fn: () => unknown): void {
  fn(); // warm up the JIT
  const start = performance.now();
  const result = fn();
  console.log(`${label.padEnd(34)} ${(performance.now() - start).toFixed(1).padStart(8)} ms   (${String(result).slice(0, 40)})`);
}

/** Runs the benchmark and prints one line per case. */
export function runBench(n = 10_000_000): void {
  time(`plain a*b + c, ${n}×`, () => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc = ((i & 1023) * 3 + acc) % 1000003;
    return acc;
  });
  time(`dims add(mul(a, b), c), ${n}×`, () => {
    let acc: Dim = 0;
    for (let i = 0; i < n; i++) acc = (add(mul(i & 1023, 3), acc) as number) % 1000003;
    return acc;
  });
  const batch = sym('batch');
  const seq = sym('sequence');
  time('symbolic sum of 100k node costs', () => {
    const costs: Dim[] = [];
    for (let i = 0; i < 100_000; i++) costs.push(mul(mul(batch, seq), 64 + (i % 7)));
    return format(sum(costs));
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) runBench();
