/** The engine checks the run's budget while it walks, so a huge graph cannot outrun `--timeout`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutodocError, buildGraph, readModel } from '@autodoc/core';
import { chain } from '@autodoc/core/testing';
import { afterAll, expect, test } from 'vitest';
import { inferShapes } from './infer-shapes.js';
import { fullRegistry } from './op-packs.test.js';

const dir = mkdtempSync(join(tmpdir(), 'autodoc-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a 10,000-node walk checks the budget every 4,096 nodes, and a spent budget stops it with its coded error', async () => {
  const path = join(dir, 'chain.onnx');
  writeFileSync(path, chain(10_000).toBytes());
  const model = await readModel(path);
  const ops = await fullRegistry();
  const where: string[] = [];
  await inferShapes(buildGraph(model.graph, []), model, ops, { checkBudget: (w) => where.push(w) });
  expect(where).toEqual(['inferring shapes', 'inferring shapes']); // after nodes 4,096 and 8,192

  const spent = () => {
    throw new AutodocError('RESOURCE_LIMIT', 'The analysis ran past its time budget.', 'Raise --timeout.');
  };
  await expect(inferShapes(buildGraph(model.graph, []), model, ops, { checkBudget: spent })).rejects.toMatchObject({ code: 'RESOURCE_LIMIT' });
});
