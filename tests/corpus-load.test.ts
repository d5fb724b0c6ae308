import path from 'node:path';
import { type ConfiguredPlugin, analyzeModel, defaultRunOptions, resolvePlugins } from '@autodoc/core';
import { corpus, readCorpusJson } from '@autodoc/core/testing';
import recommended from '@autodoc/preset-recommended';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

// Issue #3 acceptance: every model of the shared ONNX conformance corpus yields a schema-valid report
// (the pipeline validates before returning) whose node counts, inputs, outputs and opset imports equal
// what the corpus recorded from the files independently.
interface IoRecord {
  name: string;
}
interface NodeTest {
  model: string;
  nodes: number;
  nodesIncludingSubgraphs?: number;
  irVersion: number;
  opsetImports: Record<string, number>;
  inputs: IoRecord[];
  outputs: IoRecord[];
}
interface LightTest {
  model: string;
  nodes: number;
  initializers: number;
  opHistogram: Record<string, number>;
}

const dir = corpus();
let plugins: ConfiguredPlugin[];
beforeAll(async () => {
  plugins = await resolvePlugins({ presets: [recommended] }, process.cwd());
});

async function analyze(file: string) {
  return (await analyzeModel(path.join(dir as string, file), plugins, {}, defaultRunOptions({ summary: true }))).report;
}

describe.skipIf(!dir)('shared corpus through the library API', () => {
  it('node tests: counts, inputs, outputs and opsets equal the recorded facts', async () => {
    const tests = readCorpusJson<Record<string, NodeTest>>('node-tests.json');
    const failures: string[] = [];
    for (const [name, t] of Object.entries(tests)) {
      try {
        const report = await analyze(t.model);
        const graph = report.graph as { nodeCount: number; nodeCountWithSubgraphs: number };
        const problems = [
          graph.nodeCount !== t.nodes && `nodes ${graph.nodeCount} ≠ ${t.nodes}`,
          graph.nodeCountWithSubgraphs !== (t.nodesIncludingSubgraphs ?? t.nodes) && `nodes incl. subgraphs ${graph.nodeCountWithSubgraphs}`,
          report.model.irVersion !== t.irVersion && `irVersion ${report.model.irVersion}`,
          JSON.stringify(report.model.inputs.map((i) => i.name)) !== JSON.stringify(t.inputs.map((i) => i.name)) && 'inputs differ',
          JSON.stringify(report.model.outputs.map((o) => o.name)) !== JSON.stringify(t.outputs.map((o) => o.name)) && 'outputs differ',
          JSON.stringify(sortKeys(report.model.opsetImports)) !== JSON.stringify(sortKeys(t.opsetImports)) && 'opsets differ',
        ].filter(Boolean);
        if (problems.length) failures.push(`${name}: ${problems.join(', ')}`);
      } catch (error) {
        failures.push(`${name}: threw ${(error as Error).message}`);
      }
    }
    console.log(`corpus node tests: ${Object.keys(tests).length - failures.length}/${Object.keys(tests).length} loaded with matching facts`);
    expect(failures).toEqual([]);
  });

  it('light models: node and initializer counts and op histograms', async () => {
    const tests = readCorpusJson<Record<string, LightTest>>('light-tests.json');
    for (const t of Object.values(tests)) {
      const report = await analyze(t.model);
      const graph = report.graph as { nodeCount: number; initializerCount: number; opHistogram: Record<string, number> };
      expect(graph.nodeCount, t.model).toBe(t.nodes);
      expect(graph.initializerCount, t.model).toBe(t.initializers);
      expect(graph.opHistogram, t.model).toEqual(t.opHistogram);
    }
  });

  it('a sample through the CLI prints a valid report', () => {
    const tests = readCorpusJson<Record<string, NodeTest>>('node-tests.json');
    const names = ['test_reshape_extended_dims', 'test_conv_with_strides_padding', 'test_if', 'test_loop11', 'test_lstm_defaults'].filter((n) => n in tests);
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) {
      const run = runCli(['analyze', path.join(dir as string, tests[name].model), '--json']);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout).graph.nodeCount).toBe(tests[name].nodes);
    }
  });
});

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
