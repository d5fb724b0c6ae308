import { composeReportSchema, LAZY_ROWS_MIN, pendingRows, resolvePlugins, type SectionDefinition, validateAgainst } from '@autodoc/core';
import { AnalysisTester, chain, writtenJson } from '@autodoc/core/testing';
import recommended from '@autodoc/preset-recommended';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// A model past LAZY_ROWS_MIN keeps `layers[]` and `graph.tensors[]` as their sources: the JSON writer
// spells them from the graph and the figure columns, and only a reader makes the rows.
describe('long report tables, through the recommended preset', () => {
  it('are written from their sources byte for byte as the made rows stringify, and the made rows are schema-valid', async () => {
    const n = LAZY_ROWS_MIN + 1000;
    const { report } = await new AnalysisTester({ plugins: [], config: { presets: [recommended] } }).analyze(chain(n), { bindings: { batch: 2 } });
    const graph = report.graph as object;
    expect(pendingRows(report, 'layers')).toBeDefined();
    expect(pendingRows(graph, 'tensors')).toBeDefined();
    const json = await writtenJson(report);
    expect(pendingRows(report, 'layers')).toBeDefined();

    // Read now: the rows are made, frozen, and what the schema allows.
    const layers = report.layers ?? [];
    const tensors = (graph as { tensors: unknown[] }).tensors;
    expect(layers).toHaveLength(n);
    expect(tensors).toHaveLength(n);
    expect(Object.isFrozen(layers) && Object.isFrozen(layers[0]) && Object.isFrozen(layers[0].inputs)).toBe(true);
    expect(json).toBe(JSON.stringify(report));

    // Every chain node is worked out by hand: width 16, batch bound to 2; Add and Mul read the constant `c`.
    const k = 4;
    expect(layers[k]).toMatchObject({ name: `n${k}`, opType: 'Mul', inputs: [`t${k - 1}`, 'c'], outputs: [`t${k}`], flops: 32, outputBytes: 128 });
    expect(tensors[k]).toEqual({ name: `t${k}`, dtype: 'FLOAT', shape: [2, 16] });

    const plugins = await resolvePlugins({ presets: [recommended] }, repoRoot);
    const sections: SectionDefinition[] = plugins.flatMap(({ plugin, options }) => [...(plugin.setup(options).sections ?? [])]);
    expect(validateAgainst(composeReportSchema(sections), report)).toEqual([]);
  }, 60_000);
});
