import path from 'node:path';
import type { AutodocConfig } from '../config/define-config.js';
import type { ConfiguredPlugin } from '../config/resolve-plugins.js';
import { createDiagnosticSink } from '../diagnostics/sink.js';
import { buildGraph } from '../ir/build-graph.js';
import type { Graph, Node } from '../ir/graph.js';
import { readModel, readTensorValues } from '../onnx/index.js';
import type { OnnxModel } from '../onnx/types.js';
import type { AnalysisContext, ModelSource } from '../plugin/contexts.js';
import { assembleReport } from '../report/assemble-report.js';
import { LayerTable } from '../report/layer-table.js';
import type { Report } from '../report/report-types.js';
import { bindBatch } from './bind-batch.js';
import { checkLimits } from './limits.js';
import { type PreparedRun, prepareRun } from './prepare-run.js';
import type { RunOptions } from './run-options.js';

export interface AnalysisResult {
  readonly report: Report;
  readonly run: PreparedRun;
  readonly options: RunOptions;
}

/**
 * One analysis: load (converters first, else the ONNX reader) → build the graph → staged analyze →
 * finalize → validate + freeze. Formats render from the returned report (see renderReport).
 */
export async function analyzeModel(modelPath: string, plugins: readonly ConfiguredPlugin[], config: AutodocConfig, requested: RunOptions): Promise<AnalysisResult> {
  let options = requested;
  const run = prepareRun(plugins, config);
  const diagnostics = createDiagnosticSink();
  try {
    const loaded: ModelSource | undefined = await run.hooks.load.promise({ path: modelPath, options, diagnostics });
    const model: OnnxModel = loaded?.model ?? (await readModel(modelPath, { allowExternalRoots: [...options.allowExternalRoots], maxFileBytes: options.maxFileBytes }));
    for (const w of model.warnings) diagnostics.add(w);
    const warnings: typeof model.warnings = [];
    const graph = buildGraph(model.graph, warnings);
    for (const w of warnings) diagnostics.add(w);
    checkLimits(graph, options);
    const batch = bindBatch(graph, options);
    options = batch.options;
    if (batch.diagnostic) diagnostics.add(batch.diagnostic);
    run.hooks.graph.call({ model, graph, diagnostics });

    const sections = new Map<string, unknown>();
    const layers = new LayerTable();
    const context: AnalysisContext = {
      model,
      graph,
      options,
      ops: run.ops,
      diagnostics,
      layers,
      devices: run.devices,
      opset: (domain) => model.opsetImports[domain === '' ? 'ai.onnx' : domain],
      section: <T>(key: string) => sections.get(key) as T | undefined,
      setSection: (key, value) => {
        sections.set(key, value);
      },
      readInitializer: (tensor, maxElements) => readTensorValues(model, tensor, { maxElements }),
      allNodes: () => walkAllNodes(graph),
    };
    for (const d of run.ops.overrideDiagnostics()) diagnostics.add(d);
    await run.hooks.analyze.promise(context);

    const report = assembleReport({ model, graph, options, sections, layers, diagnostics, run, convertedFrom: loaded?.convertedFrom, displayPath: path.basename(modelPath) });
    return { report, run, options };
  } catch (error) {
    run.hooks.failed.call({ error, path: modelPath });
    throw error;
  }
}

/** Every node of the graph and of its bodies, top level first; iterative, so nesting cannot overflow. */
export function* walkAllNodes(root: Graph): Generator<Node> {
  const queue: Graph[] = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const node of queue[i].nodes) {
      yield node;
      for (const body of node.subgraphs.values()) queue.push(body);
    }
  }
}
