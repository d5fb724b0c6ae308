import path from 'node:path';
import type { AutodocConfig } from '../config/define-config.js';
import type { ConfiguredPlugin } from '../config/resolve-plugins.js';
import { createDiagnosticSink } from '../diagnostics/sink.js';
import { buildGraph } from '../ir/build-graph.js';
import { checkFunctionRecursion } from '../ir/function-calls.js';
import type { Graph, Node } from '../ir/graph.js';
import { readModel } from '../onnx/index.js';
import type { OnnxModel } from '../onnx/types.js';
import type { AnalysisContext, ModelSource } from '../plugin/contexts.js';
import { assembleReport } from '../report/assemble-report.js';
import { LayerTable } from '../report/layer-table.js';
import type { Report } from '../report/report-types.js';
import { bindBatch } from './bind-batch.js';
import { RunBudget } from './budget.js';
import { type InitializerReader, initializerReader } from './initializer-reader.js';
import { checkLimits } from './limits.js';
import { type PreparedRun, prepareRun } from './prepare-run.js';
import { stageTimer } from './stage-timer.js';
import type { RunOptions } from './run-options.js';
import { type Watch, WATCHDOG_GRACE_MS, watchRun } from './watchdog.js';

export interface AnalysisResult {
  readonly report: Report;
  readonly run: PreparedRun;
  readonly options: RunOptions;
  /** The run's time budget and memory guard; rendering checks it too. */
  readonly budget?: RunBudget;
}

/**
 * One analysis: load (converters first, else the ONNX reader) → build the graph → staged analyze →
 * finalize → validate + freeze. Formats render from the returned report (see renderReport).
 */
export async function analyzeModel(modelPath: string, plugins: readonly ConfiguredPlugin[], config: AutodocConfig, requested: RunOptions): Promise<AnalysisResult> {
  const budget = new RunBudget(requested.timeoutMs, requested.maxHeapBytes);
  // The budget's checks are cooperative; an armed watch also ends a run whose JavaScript never returns.
  const watch = watchRun(() => budget.stalledError());
  try {
    return await watch.race(() => analyzeWithin(budget, watch, modelPath, plugins, config, requested));
  } finally {
    watch.stop();
  }
}

/**
 * Graphs (with their bodies) from this many nodes are watched whatever the plugins: a path of a
 * built-in plugin that grows faster than the graph needs tens of thousands of nodes to run for
 * minutes (stop 30 found two, at 20,000 and 50,000), and the hostile-input suite holds every smaller
 * case to a few seconds.
 */
const WATCHED_NODES = 10_000;

/**
 * Whether the run's plugins get the watchdog (~40 ms of CPU to start its thread, so not for every
 * run): any plugin not shipped with autodoc (its name outside `autodoc:`) may loop forever on any
 * graph; ours are bounded on small graphs by the hostile-input suite and the fuzzer.
 */
function needsWatchdog(graph: Graph, plugins: readonly ConfiguredPlugin[]): boolean {
  return walkAllNodes(graph).length >= WATCHED_NODES || plugins.some((p) => !p.plugin.name.startsWith('autodoc:'));
}

async function analyzeWithin(budget: RunBudget, watch: Watch, modelPath: string, plugins: readonly ConfiguredPlugin[], config: AutodocConfig, requested: RunOptions): Promise<AnalysisResult> {
  // Symbol names come from the model: a null-prototype table keeps `constructor` or `__proto__` plain keys.
  let options: RunOptions = { ...requested, bindings: Object.assign(Object.create(null) as Record<string, number>, requested.bindings) };
  const run = prepareRun(plugins, config);
  const diagnostics = createDiagnosticSink();
  let initializers: InitializerReader | undefined;
  try {
    const loaded: ModelSource | undefined = await run.hooks.load.promise({ path: modelPath, options, diagnostics });
    const model: OnnxModel = loaded?.model ?? (await readModel(modelPath, { allowExternalRoots: [...options.allowExternalRoots], maxFileBytes: options.maxFileBytes, budget }));
    budget.check('loading the model');
    stageTimer.mark('read model');
    for (const w of model.warnings) diagnostics.add(w);
    checkFunctionRecursion(model.functions);
    const warnings: typeof model.warnings = [];
    const graph = buildGraph(model.graph, warnings, (stage) => budget.check(stage));
    for (const w of warnings) diagnostics.add(w);
    stageTimer.mark('build graph');
    stageTimer.startStep('graph hook');
    checkLimits(graph, options);
    budget.check('building the graph');
    const batch = bindBatch(graph, options);
    options = batch.options;
    if (batch.diagnostic) diagnostics.add(batch.diagnostic);
    run.hooks.graph.call({ model, graph, diagnostics });

    const sections = new Map<string, unknown>();
    const layers = new LayerTable(graph);
    initializers = initializerReader(model);
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
      readInitializer: initializers.read,
      allNodes: () => walkAllNodes(graph),
      checkBudget: (where) => budget.check(where),
      checkMemory: (where) => budget.checkMemory(where),
    };
    for (const d of run.ops.overrideDiagnostics()) diagnostics.add(d);
    // Before each plugin tap runs: the budget is checked between taps, never inside one.
    // (A `tap` interceptor that throws escapes tapable's promise as an uncaught exception, so the
    // check wraps each tap instead; a throw there rejects the hook like any tap error.)
    run.hooks.analyze.intercept({ register: (tap) => withBudgetCheck(tap, budget) });
    const { onStuck } = options;
    if (onStuck && needsWatchdog(graph, plugins)) watch.arm(budget.remainingMs() + WATCHDOG_GRACE_MS, () => budget.stoppedError(), onStuck, budget.memoryWatch());
    await run.hooks.analyze.promise(context);
    budget.enterPlugin(undefined);
    budget.check('finishing the analysis');

    stageTimer.endStep();
    const report = assembleReport({ model, graph, options, sections, layers, diagnostics, run, convertedFrom: loaded?.convertedFrom, displayPath: path.basename(modelPath), checkMemory: context.checkMemory });
    stageTimer.mark('assemble + validate report');
    return { report, run, options, budget };
  } catch (error) {
    run.hooks.failed.call({ error, path: modelPath });
    throw error;
  } finally {
    await initializers?.close();
  }
}

interface BudgetedTap {
  readonly name: string;
  readonly type: 'sync' | 'async' | 'promise';
  readonly fn: unknown;
}

function withBudgetCheck<T extends BudgetedTap>(tap: T, budget: Pick<RunBudget, 'check' | 'enterPlugin'>): T {
  const fn = tap.fn as (...args: unknown[]) => unknown;
  const where = `before plugin ${tap.name}`;
  const enter = (): void => {
    budget.check(where);
    budget.enterPlugin(tap.name);
    stageTimer.startStep(`plugin ${tap.name}`);
  };
  /** The budget's error before the tap runs, or undefined (it only throws AutodocErrors). */
  const refusal = (): unknown => {
    try {
      enter();
      return undefined;
    } catch (error) {
      return error;
    }
  };
  // tapable catches what a sync tap throws, but calls async and promise taps outside any try: for
  // them a synchronous throw would escape the hook as an uncaught exception, so the error goes to
  // the callback or becomes the tap's rejected promise.
  if (tap.type === 'async') {
    return {
      ...tap,
      fn: (...args: unknown[]) => {
        const error = refusal();
        if (error) (args[args.length - 1] as (error?: unknown) => void)(error);
        else fn(...args);
      },
    };
  }
  if (tap.type === 'promise') {
    return {
      ...tap,
      fn: (...args: unknown[]) => {
        const error = refusal();
        return error ? Promise.reject(error) : fn(...args);
      },
    };
  }
  return {
    ...tap,
    fn: (...args: unknown[]) => {
      enter();
      return fn(...args);
    },
  };
}

/**
 * Every node of the graph and of its bodies, top level first; iterative, so nesting cannot overflow.
 * An array, computed once per graph (the IR is fixed once built): several plugins walk all nodes, and
 * a generator allocated a result object per node per walk. A graph without bodies answers its own
 * node list.
 */
export function walkAllNodes(root: Graph): readonly Node[] {
  let all = allNodesOf.get(root);
  if (all) return all;
  const graphs = walkAllGraphs(root);
  all = graphs.length === 1 ? root.nodes : graphs.flatMap((g) => g.nodes);
  allNodesOf.set(root, all);
  return all;
}

const allNodesOf = new WeakMap<Graph, readonly Node[]>();

/** The graph and every If/Loop/Scan body below it, breadth first; computed once per graph. */
export function walkAllGraphs(root: Graph): readonly Graph[] {
  let all = allGraphsOf.get(root);
  if (all) return all;
  const queue: Graph[] = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const node of queue[i].nodes) if (node.subgraphs.size > 0) for (const body of node.subgraphs.values()) queue.push(body);
  }
  all = queue;
  allGraphsOf.set(root, all);
  return all;
}

const allGraphsOf = new WeakMap<Graph, readonly Graph[]>();
